"""Exercise 05 checks: pass on the reference solution, fail with the right message on typical mistakes."""
import minigrad as torch
from minigrad.exercises import ch05


# ----------------------------------------------------------------------------- reference solutions
def accumulate(leaf, grad):
    if grad.shape != leaf.shape:
        raise RuntimeError(f"기울기 모양 {tuple(grad.shape)} 이 텐서 모양 {tuple(leaf.shape)} 과 다릅니다")
    if leaf.grad is None:
        leaf.grad = grad.detach().clone()
    else:
        leaf.grad += grad


def zero_grad(params, set_to_none=True):
    for p in params:
        if p.grad is None:
            continue
        if set_to_none:
            p.grad = None
        else:
            p.grad.zero_()


def microbatch_grad(w, xs, ys, k):
    n = len(xs) // k
    for i in range(k):
        xb, yb = xs[i * n:(i + 1) * n], ys[i * n:(i + 1) * n]
        loss = ((w * xb - yb) ** 2).mean() / k
        loss.backward()


def failed(result, *fragments):
    assert result.status == "failed", result.text
    for fragment in fragments:
        assert fragment in result.text, (fragment, result.text)


# ----------------------------------------------------------------------------- task 1
def test_accumulate_reference_passes():
    assert ch05.check_accumulate(accumulate).passed


def test_accumulate_out_of_place_breaks_the_in_place_rule():
    # a new tensor instead of the in-place add: same values, but rule 3 (in place) is broken
    def out_of_place(leaf, grad):
        if grad.shape != leaf.shape:
            raise RuntimeError("shape")
        if leaf.grad is None:
            leaf.grad = grad.detach().clone()
        else:
            leaf.grad = leaf.grad + grad
    result = ch05.check_accumulate(out_of_place)
    assert [f.description[:4] for f in result.failures] == ["규칙 3"]
    assert "leaf.grad += grad" in result.failures[0].hint


def test_accumulate_detach_is_not_a_copy():
    def detach_only(leaf, grad):
        if grad.shape != leaf.shape:
            raise RuntimeError("shape")
        if leaf.grad is None:
            leaf.grad = grad.detach()
        else:
            leaf.grad += grad
    result = ch05.check_accumulate(detach_only)
    assert result.failures[0].description.startswith("규칙 2")
    assert "grad.detach().clone()" in result.failures[0].hint


def test_accumulate_engine_is_restored_after_check():
    ch05.check_accumulate(lambda leaf, grad: None)
    x = torch.tensor(3.0, requires_grad=True)
    (x * x).backward()
    assert x.grad.item() == 6.0


def test_accumulate_overwrite_fails():
    def overwrite(leaf, grad):
        if grad.shape != leaf.shape:
            raise RuntimeError("shape")
        leaf.grad = grad.clone()
    result = ch05.check_accumulate(overwrite)
    failed(result, "세 번 받으면 모두 더해짐", "기대값: tensor([3.5000, 2.5000])", "실제값: tensor([2., 0.])",
           "덮어쓰면 누적이 되지 않습니다", "x.grad 가 2 → 4")


def test_accumulate_without_copy_fails():
    def no_copy(leaf, grad):
        if grad.shape != leaf.shape:
            raise RuntimeError("shape")
        if leaf.grad is None:
            leaf.grad = grad
        else:
            leaf.grad.add_(grad)
    result = ch05.check_accumulate(no_copy)
    failed(result, "규칙 2: 처음 받은 기울기는 복사본으로", "복사본", "x.backward(g) 두 번")
    assert not any(f.description.startswith("규칙 3") for f in result.failures)   # adding itself is right


def test_accumulate_without_shape_check_fails():
    def no_check(leaf, grad):
        if leaf.grad is None:
            leaf.grad = grad.clone()
        else:
            leaf.grad = leaf.grad + grad
    result = ch05.check_accumulate(no_check)
    failed(result, "RuntimeError", "예외가 나와야 하는데 나오지 않았습니다", "grad.shape 와 leaf.shape")


def test_accumulate_untouched_stub():
    def stub(leaf, grad):
        raise NotImplementedError()
    assert ch05.check_accumulate(stub).status == "not_implemented"


# ----------------------------------------------------------------------------- task 2
def test_zero_grad_reference_passes():
    assert ch05.check_zero_grad(zero_grad).passed


def test_zero_grad_ignoring_set_to_none_fails():
    def always_none(params, set_to_none=True):
        for p in params:
            p.grad = None
    failed(ch05.check_zero_grad(always_none), "set_to_none=False: 값은 0", "실제값: (None, None, False)",
           "zero_()")


def test_zero_grad_new_tensor_fails():
    def new_zeros(params, set_to_none=True):
        for p in params:
            if p.grad is not None:
                p.grad = None if set_to_none else torch.zeros_like(p)
    result = ch05.check_zero_grad(new_zeros)
    failed(result, "텐서 객체는 그대로", "3번째 값 — 값이 다릅니다", "그 자리에서 0 으로")


def test_zero_grad_crashing_on_none_fails():
    def no_skip(params, set_to_none=True):
        for p in params:
            if set_to_none:
                p.grad = None
            else:
                p.grad.zero_()
    failed(ch05.check_zero_grad(no_skip), "건너뜀", "실행 중 오류: AttributeError", "건너뛰세요")


def test_zero_grad_doing_nothing_fails_training_loop():
    result = ch05.check_zero_grad(lambda params, set_to_none=True: None)
    failed(result, "학습 루프 3 단계", "기대값: tensor(1.5680)")


# ----------------------------------------------------------------------------- task 3
def test_microbatch_reference_passes():
    assert ch05.check_microbatch_grad(microbatch_grad).passed


def test_microbatch_without_scaling_fails():
    def unscaled(w, xs, ys, k):
        n = len(xs) // k
        for i in range(k):
            ((w * xs[i * n:(i + 1) * n] - ys[i * n:(i + 1) * n]) ** 2).mean().backward()
    result = ch05.check_microbatch_grad(unscaled)
    failed(result, "조각 2개", "기대값: tensor(-45.5000)", "실제값: tensor(-91.)", "loss / k")
    assert "[1/4]" not in result.text


def test_microbatch_zeroing_between_fails():
    def zeroing(w, xs, ys, k):
        n = len(xs) // k
        for i in range(k):
            w.grad = None
            loss = ((w * xs[i * n:(i + 1) * n] - ys[i * n:(i + 1) * n]) ** 2).mean() / k
            loss.backward()
    failed(ch05.check_microbatch_grad(zeroing), "조각 3개", "지우면 안 됩니다")
