"""Checks for exercise 05 (기울기 누적과 초기화).

Task 1 (my minigrad, piece 5) checks ``accumulate(leaf, grad)``: one case per stated rule (shape checked,
first gradient stored as a copy, later ones added in place), then plugs it into the real engine in place of
``AccumulateGrad.__call__`` (``mine.trying``, restored afterwards) so the chapter's examples run on it.
Task 2 checks ``zero_grad(params, set_to_none)`` on tensors and inside a small training loop.
Task 3 checks ``microbatch_grad(w, xs, ys, k)``: gradient accumulation over micro-batches.
"""
from __future__ import annotations

import minigrad as torch
from minigrad.exercises.feedback import Check

__all__ = ["check_accumulate", "check_zero_grad", "check_microbatch_grad", "engine_uses"]


def engine_uses(accumulate):
    """Inside the block every leaf's AccumulateGrad node calls ``accumulate(leaf, grad)`` (my minigrad)."""
    from minigrad.exercises import mine
    return mine.trying("accumulate", accumulate)


# ------------------------------------------------------------------------------------ task 1
def check_accumulate(accumulate):
    """Task 1 (my minigrad, piece 5): accumulate(leaf, grad), one case per stated rule, then in the engine."""
    c = Check("과제 1: 잎 텐서에 기울기 누적하기 (accumulate)")

    # rule 1: the shape is checked
    def wrong_shape():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        accumulate(x, torch.tensor([1.0, 2.0, 3.0]))

    c.raises("규칙 1: 모양이 다른 기울기(크기 3 → 크기 2 텐서)는 RuntimeError", wrong_shape, RuntimeError,
             "grad.shape 와 leaf.shape 를 비교해서 다르면 RuntimeError 를 일으키세요.")

    def wrong_shape_later():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        accumulate(x, torch.tensor([1.0, 1.0]))
        accumulate(x, torch.tensor([5.0]))

    c.raises("규칙 1: 이미 기울기가 있을 때 모양 (1,) 기울기도 RuntimeError (브로드캐스팅으로 몰래 더하지 않음)",
             wrong_shape_later, RuntimeError,
             "leaf.grad + grad 는 브로드캐스팅 때문에 모양이 달라도 계산됩니다. 더하기 전에 "
             "grad.shape 와 leaf.shape 를 비교하세요.")

    # rule 2: the first gradient is stored as a copy
    def first_is_a_copy():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        g = torch.tensor([0.5, 0.5])
        accumulate(x, g)
        same_object = x.grad is g
        with torch.no_grad():
            g.add_(100.0)                       # the caller changes its tensor afterwards
        return same_object, x.grad

    c.equal("규칙 2: 처음 받은 기울기는 복사본으로 (받은 g 를 나중에 바꿔도 x.grad 는 [0.5, 0.5])", first_is_a_copy,
            (False, torch.tensor([0.5, 0.5])),
            "처음 받은 텐서를 그대로(또는 detach() 만 해서) leaf.grad 로 쓰면 호출한 쪽과 메모리를 나눠 씁니다. 그쪽이 "
            "바뀌면 leaf.grad 도 바뀌고, 다음에 제자리로 더할 때는 그쪽 텐서가 바뀝니다. 처음에는 복사본"
            "(grad.detach().clone())을 저장하세요.")

    # rule 3: later gradients are added in place
    def later_in_place():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        accumulate(x, torch.tensor([0.5, 0.5]))
        first = x.grad
        accumulate(x, torch.tensor([1.0, 2.0]))
        return x.grad is first, first

    c.equal("규칙 3: 두 번째부터는 같은 .grad 텐서에 제자리에서 더함 (객체가 그대로, 값은 [1.5, 2.5])", later_in_place,
            (True, torch.tensor([1.5, 2.5])),
            "leaf.grad = leaf.grad + grad 는 새 텐서를 만들어 바꿔 끼웁니다. PyTorch 처럼 이미 있는 텐서에 제자리에서 "
            "더하세요: leaf.grad += grad (또는 leaf.grad.add_(grad)). 그래서 zero_() 로 0 을 만든 텐서가 다시 쓰입니다.")

    def three_times():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        for g in ([0.5, 0.5], [1.0, 2.0], [2.0, 0.0]):
            accumulate(x, torch.tensor(g))
        return x.grad

    c.equal("세 번 받으면 모두 더해짐: [0.5, 0.5] + [1, 2] + [2, 0]", three_times, torch.tensor([3.5, 2.5]),
            "처음(leaf.grad 가 None)에는 받은 기울기를 저장하고, 그다음부터는 이미 있는 leaf.grad 에 더해야 "
            "합니다. 덮어쓰면 누적이 되지 않습니다.")

    # in the engine: the chapter's examples on the learner's accumulate
    def snapshot(g):
        return None if g is None else g.detach().clone()

    def chapter_examples():
        out = []
        with engine_uses(accumulate):
            x = torch.tensor(1., requires_grad=True)
            y = x**2
            y.backward()
            out.append(snapshot(x.grad))
            z = x **2
            z.backward()
            out.append(snapshot(x.grad))
            x = torch.tensor(1., requires_grad=True)
            y = x**2
            y.backward()
            x.grad = torch.tensor(0.)
            z = x**2
            z.backward()
            out.append(snapshot(x.grad))
        return tuple(out)

    c.equal("엔진 안에서 05장의 예제: x.grad 가 2 → 4, 0 으로 바꾼 뒤 다시 2", chapter_examples,
            (torch.tensor(2.), torch.tensor(4.), torch.tensor(2.)),
            "엔진은 역전파 때마다 잎의 AccumulateGrad 자리에서 여러분의 accumulate 를 부릅니다. 위의 규칙이 모두 맞으면 "
            "이 경우도 맞습니다.")

    def two_paths():
        with engine_uses(accumulate):
            x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
            (x * x + 2 * x).sum().backward()
            return x.grad

    c.equal("엔진 안에서 x*x + 2*x 의 기울기 (2x + 2)", two_paths, torch.tensor([4.0, 6.0, 8.0]),
            "여러 경로로 온 기울기는 엔진이 먼저 더해 한 번에 넘겨 줍니다. 받은 값을 그대로 누적하세요.")

    def backward_twice_on_g():
        with engine_uses(accumulate):
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            g = torch.tensor([1.0, 1.0])
            x.backward(g)
            x.backward(g)
            return x.grad, g

    c.equal("엔진 안에서 x.backward(g) 두 번: x.grad = 2g, g 는 그대로", backward_twice_on_g,
            (torch.tensor([2.0, 2.0]), torch.tensor([1.0, 1.0])),
            "엔진은 여러분이 준 g 를 그대로 넘겨 줍니다. 처음에 복사본을 저장하지 않으면 두 번째의 제자리 더하기가 g 를 "
            "바꿉니다.")
    return c.done()


# ------------------------------------------------------------------------------------ task 2
def check_zero_grad(zero_grad):
    c = Check("과제 2: zero_grad(params, set_to_none)")

    def with_grads():
        a = torch.tensor([1.0, 2.0], requires_grad=True)
        b = torch.tensor(3.0, requires_grad=True)
        (a * a).sum().backward()
        (b * 2).backward()
        return a, b

    def to_none():
        a, b = with_grads()
        zero_grad([a, b])
        return a.grad, b.grad

    c.equal("set_to_none=True (기본값): 모든 .grad 가 None", to_none, (None, None),
            "set_to_none 이 True 이면 각 텐서의 .grad 에 None 을 대입하세요.")

    def to_zero():
        a, b = with_grads()
        ga, gb = a.grad, b.grad
        zero_grad([a, b], set_to_none=False)
        return a.grad, b.grad, a.grad is ga and b.grad is gb

    c.equal("set_to_none=False: 값은 0, .grad 텐서 객체는 그대로(제자리 연산)", to_zero,
            (torch.tensor([0.0, 0.0]), torch.tensor(0.0), True),
            "set_to_none=False 이면 새 텐서를 만들지 말고 p.grad.zero_() 로 그 자리에서 0 으로 채우세요.")

    def skip_none():
        a, _ = with_grads()
        c_ = torch.tensor([5.0], requires_grad=True)     # never got a gradient
        zero_grad([a, c_], set_to_none=False)
        return a.grad, c_.grad

    c.equal("기울기가 없는(.grad 가 None) 텐서는 건너뜀", skip_none, (torch.tensor([0.0, 0.0]), None),
            "p.grad 가 None 이면 0 으로 만들 것이 없습니다: 건너뛰세요.")

    def loop(set_to_none):
        w = torch.tensor(0.0, requires_grad=True)
        for _ in range(3):
            zero_grad([w], set_to_none=set_to_none)
            loss = (w * 2.0 - 4.0) ** 2
            loss.backward()
            with torch.no_grad():
                w -= 0.05 * w.grad
        return w

    # w: 0 -> 0.8 -> 1.28 -> 1.568 (each step: w - 0.05 * 4 (2w - 4))
    c.equal("학습 루프 3 단계 (set_to_none=True): w = 1.568", lambda: loop(True), torch.tensor(1.568),
            "매 단계 시작에 이전 기울기를 지워야 각 단계의 기울기만 쓰입니다.")
    c.equal("학습 루프 3 단계 (set_to_none=False): w = 1.568", lambda: loop(False), torch.tensor(1.568),
            "set_to_none=False 에서도 이전 기울기가 0 이 되어야 합니다.")
    return c.done()


# ------------------------------------------------------------------------------------ task 3
def _full_batch_grad(xs, ys):
    w = torch.tensor(0.5, requires_grad=True)
    ((w * xs - ys) ** 2).mean().backward()
    return w.grad


def check_microbatch_grad(microbatch_grad):
    c = Check("과제 3: 미니배치를 나눠 기울기 누적하기")
    xs = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    ys = torch.tensor([2.0, 4.0, 6.0, 8.0, 10.0, 12.0])
    hint = ("조각마다 loss 를 backward 하면 기울기가 w.grad 에 더해집니다. 조각 k 개의 평균 loss 의 기울기를 "
            "원하면 조각마다 loss / k 를 backward 하세요 (그 사이에 w.grad 를 지우면 안 됩니다).")

    def run(k):
        w = torch.tensor(0.5, requires_grad=True)
        microbatch_grad(w, xs, ys, k)
        return w.grad

    expected = _full_batch_grad(xs, ys)       # d/dw mean((w x - y)^2) at w = 0.5
    c.equal("조각 1개 (전체 배치 한 번): w.grad", lambda: run(1), expected, hint)
    c.equal("조각 2개: 전체 배치의 기울기와 같음", lambda: run(2), expected, hint)
    c.equal("조각 3개: 전체 배치의 기울기와 같음", lambda: run(3), expected, hint)

    def no_graph_left():
        w = torch.tensor(0.5, requires_grad=True)
        microbatch_grad(w, xs, ys, 2)
        return w.grad.requires_grad, w.is_leaf

    c.equal("w 는 잎 텐서 그대로, w.grad 에는 그래프가 없음", no_graph_left, (False, True),
            "w 자체를 바꾸지 말고 backward 만 부르세요.")
    return c.done()
