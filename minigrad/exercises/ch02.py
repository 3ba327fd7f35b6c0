"""Checks for exercises/02_recording_operations.ipynb (chapter 02: Function, ctx, grad_fn, next_functions).

The learner's code runs inside the real engine: their ``autograd.Function`` is applied and
back-propagated by minigrad, their graph walk runs over minigrad's real ``grad_fn`` /
``next_functions`` objects, and their recording rule is compared with what ``Function.apply`` decides.
"""
import minigrad as torch
from minigrad.exercises.feedback import Check

__all__ = ["check_my_mul", "check_graph_names", "check_should_record"]


# ----------------------------------------------------------------------------- task 1: MyMul
def check_my_mul(MyMul):
    """Task 1: an autograd.Function for a * b (forward saves its inputs, backward returns two gradients)."""
    c = Check("과제 1: 곱셈을 autograd.Function 으로 (forward + backward)")

    def run(a, b, a_grad=True, b_grad=True):
        x = torch.tensor(a, requires_grad=a_grad)
        y = torch.tensor(b, requires_grad=b_grad)
        return x, y, MyMul.apply(x, y)

    c.equal("순전파 값: [1, 2] * [3, 4]", lambda: run([1.0, 2.0], [3.0, 4.0])[2].detach(), torch.tensor([3.0, 8.0]),
            "forward 는 두 입력의 원소별 곱을 돌려줍니다.")
    c.equal("grad_fn 의 이름", lambda: type(run([1.0], [2.0])[2].grad_fn).__name__, "MyMulBackward",
            "MyMul.apply(...) 로 불러야 grad_fn 이 생깁니다 (클래스 이름 + 'Backward').")

    def saved():
        x, y, out = run([1.0, 2.0], [3.0, 4.0])
        return tuple(t.detach() for t in out.grad_fn.saved_tensors)
    c.equal("ctx.save_for_backward 로 저장한 텐서: out.grad_fn.saved_tensors", saved,
            (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])),
            "forward 에서 ctx.save_for_backward(a, b) 로 두 입력을 순서대로 저장하세요. ctx 가 곧 out.grad_fn 입니다.")

    def edges():
        x, y, out = run([1.0, 2.0], [3.0, 4.0], b_grad=False)
        (n0, i0), (n1, i1) = out.grad_fn.next_functions
        return (type(n0).__name__, n0.variable is x, i0, n1, i1)
    c.equal("next_functions: (x 의 AccumulateGrad, 0), (None, 0) — y 는 기울기 불필요", edges,
            ("AccumulateGrad", True, 0, None, 0), "next_functions 는 엔진이 apply 에서 만들어 줍니다.")

    def grads(a, b, gradient=None):
        x, y, out = run(a, b)
        (out.sum() if gradient is None else out).backward(gradient)
        return x.grad, y.grad
    hint = "∂(a·b)/∂a = b, ∂(a·b)/∂b = a 에 grad_output 을 곱해, 입력 순서대로 (a 의 기울기, b 의 기울기) 를 돌려주세요."
    c.equal("역전파: a=[1, 2], b=[3, 4] 에서 (a.grad, b.grad)", lambda: grads([1.0, 2.0], [3.0, 4.0]),
            (torch.tensor([3.0, 4.0]), torch.tensor([1.0, 2.0])), hint)
    c.equal("grad_output 이 1 이 아닐 때: out.backward(torch.tensor([1., 10.]))",
            lambda: grads([1.0, 2.0], [3.0, 4.0], torch.tensor([1.0, 10.0])),
            (torch.tensor([3.0, 40.0]), torch.tensor([1.0, 20.0])),
            "backward 의 결과에는 반드시 grad_output 이 곱해져야 합니다 (연쇄 법칙).")

    def twice():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        MyMul.apply(x, x).sum().backward()
        return x.grad
    c.equal("같은 텐서 두 번: MyMul.apply(x, x) 에서 x.grad = 2x", twice, torch.tensor([2.0, 4.0]),
            "두 입력이 같은 텐서여도 backward 는 입력마다 기울기를 하나씩 돌려주면 됩니다. 더하는 것은 엔진의 몫입니다.")
    return c.done()


# ----------------------------------------------------------------------------- task 2: graph_names
def _graph_cases():
    """(description, zero-argument builder of the output tensor, expected names)."""
    def seed_000():
        x = torch.ones(2, 2, requires_grad=True)
        return x + 2

    def seed_003():
        x = torch.ones(2, 2, requires_grad=True)
        y = x + 2
        return (y * y * 3).mean()

    def seed_004_04():
        torch.manual_seed(0)
        a = torch.randn(3, 3)
        a = ((a * 3) / (a - 1))
        a.requires_grad_(True)
        return (a * a).sum()

    def two_leaves():
        a = torch.tensor([1.0, 2.0], requires_grad=True)
        b = torch.tensor([3.0, 4.0], requires_grad=True)
        return (a.exp() * b.sin()).sum()

    def shared_leaf():
        a = torch.tensor(2.0, requires_grad=True)
        b = torch.tensor(3.0, requires_grad=True)
        return a * b + a

    def reciprocal():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        return 2 / x

    def rsub():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        return 1 - x

    def no_grad_tensor():
        return torch.ones(2, 2) + 3

    def leaf():
        return torch.ones(2, requires_grad=True)

    acc = "AccumulateGrad"
    return [
        ("y = x + 2 (seed 000/003/004)", seed_000, ["AddBackward0", acc]),
        ("잎 텐서 자신 (grad_fn 이 None)", leaf, []),
        ("기록되지 않은 x + 3 (requires_grad 없음)", no_grad_tensor, []),
        ("y = x + 2; out = (y * y * 3).mean() — y 를 두 번 사용", seed_003,
         ["MeanBackward0", "MulBackward0", "MulBackward0", "AddBackward0", acc]),
        ("seed 004: a.requires_grad_(True) 뒤 (a * a).sum() — a 를 두 번 사용", seed_004_04, ["SumBackward0", "MulBackward0", acc]),
        ("(a.exp() * b.sin()).sum() — 너비 우선 순서", two_leaves,
         ["SumBackward0", "MulBackward0", "ExpBackward0", "SinBackward0", acc, acc]),
        ("a * b + a — 같은 잎이 두 곳에서", shared_leaf, ["AddBackward0", "MulBackward0", acc, acc]),
        ("2 / x — 파이썬 숫자는 (None, 0)", reciprocal, ["MulBackward0", "ReciprocalBackward0", acc]),
        ("1 - x", rsub, ["RsubBackward1", acc]),
    ]


def check_graph_names(graph_names):
    """Task 2: graph_names(t) -> names of every node behind t, breadth first, each node once, iteratively."""
    c = Check("과제 2: next_functions 를 따라 그래프 걷기")
    hints = {
        "order": "큐(collections.deque)에 넣고 앞에서 꺼내는 너비 우선 탐색입니다. 노드를 처음 발견할 때 목록에 넣으세요.",
        "dup": "같은 노드 객체를 두 번 넣지 마세요: 이미 본 노드는 건너뜁니다 (노드 객체로 비교, `is` 또는 id).",
        "none": "next_functions 의 (None, 0) 은 기울기가 필요 없는 입력(파이썬 숫자나 requires_grad=False 텐서)입니다: 건너뜁니다.",
        "empty": "t.grad_fn 이 None 이면 그래프가 없습니다: 빈 리스트를 돌려주세요.",
    }
    for description, build, expected in _graph_cases():
        if not expected:
            hint = hints["empty"]
        elif "두 번" in description or "두 곳" in description:   # a node reachable along two edges
            hint = hints["dup"]
        elif "None" in description:
            hint = hints["none"]
        else:
            hint = hints["order"]
        c.equal(description, lambda b=build: list(graph_names(b())), expected, hint)

    def long_chain():
        x = torch.tensor(1.0, requires_grad=True)
        y = x
        for _ in range(3000):
            y = y + 1
        names = list(graph_names(y))
        return len(names), names[0], names[-1]
    c.equal("덧셈 3000번의 긴 사슬: (이름 개수, 첫 이름, 마지막 이름)", long_chain, (3001, "AddBackward0", "AccumulateGrad"),
            "재귀 호출은 파이썬의 재귀 한도(약 1000)에 걸립니다. while 반복문과 큐로 걸으세요.")
    return c.done()


# ----------------------------------------------------------------------------- task 3: should_record
class _Probe(torch.autograd.Function):
    """Any number of inputs, one output: whether apply recorded it is what the engine decided."""

    @staticmethod
    def forward(ctx, *args):
        return torch.zeros(1)

    @staticmethod
    def backward(ctx, grad):
        return (None,) * len(ctx.needs_input_grad)


def _engine_records(inputs):
    return _Probe.apply(*inputs).grad_fn is not None


def _record_cases():
    def leaf():
        return torch.ones(2, requires_grad=True)

    def plain():
        return torch.ones(2)

    def made_by_op():
        return torch.ones(2, requires_grad=True) * 2

    def late_leaf():
        a = torch.ones(2) + 1
        return a.requires_grad_(True)

    return [
        ("requires_grad=True 인 잎 하나", lambda: (leaf(),), True),
        ("requires_grad 가 없는 텐서 하나", lambda: (plain(),), True),
        ("보통 텐서 + 추적 중인 텐서", lambda: (plain(), leaf()), True),
        ("추적 중인 텐서 + 파이썬 숫자 2.0", lambda: (leaf(), 2.0), True),
        ("파이썬 숫자만 (2.0, 3)", lambda: (2.0, 3), True),
        ("연산 결과 (잎이 아닌 텐서)", lambda: (made_by_op(),), True),
        ("detach() 한 텐서", lambda: (leaf().detach(),), True),
        ("정수 텐서 두 개", lambda: (torch.tensor([1, 2]), torch.tensor([3, 4])), True),
        ("연산 뒤 requires_grad_(True) 한 텐서", lambda: (late_leaf(),), True),
        ("torch.no_grad() 안에서 추적 중인 잎", lambda: (leaf(),), False),
        ("torch.no_grad() 안에서 보통 텐서 + 추적 중인 텐서", lambda: (plain(), leaf()), False),
    ]


def check_should_record(should_record):
    """Task 3: should_record(*inputs) -> does Function.apply record a node for these inputs right now?"""
    c = Check("과제 3: 언제 그래프에 기록하는가 (should_record)")
    for description, make, grad_on in _record_cases():
        inputs = make()
        with torch.set_grad_enabled(grad_on):
            expected = _engine_records(inputs)

        def learner(inputs=inputs, grad_on=grad_on):
            with torch.set_grad_enabled(grad_on):
                return should_record(*inputs)
        if not grad_on:
            hint = "기울기 모드가 꺼져 있으면(torch.is_grad_enabled() 가 False) 무엇도 기록하지 않습니다."
        elif expected:
            hint = "입력 중 하나라도 requires_grad 가 True 인 텐서이면 기록합니다 (잎이든 연산 결과든)."
        else:
            hint = "requires_grad 가 True 인 텐서 입력이 하나도 없으면 기록하지 않습니다 (파이썬 숫자에는 requires_grad 가 없습니다)."
        c.equal(f"{description} → 엔진은 {'기록함' if expected else '기록 안 함'}", learner, expected, hint)
    return c.done()
