"""Checks for exercises/02_recording_operations.ipynb (chapter 02: Function, ctx, grad_fn, next_functions).

The learner's code runs inside the real engine: their ``autograd.Function`` is applied and
back-propagated by minigrad, their graph walk runs over minigrad's real ``grad_fn`` /
``next_functions`` objects, and their ``record`` (my minigrad, piece 2) is installed into minigrad and runs the
chapter's examples.
"""
import minigrad as torch
from minigrad.exercises.feedback import Check

__all__ = ["check_my_mul", "check_graph_names", "check_record"]


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
    def add_example():
        x = torch.ones(2, 2, requires_grad=True)
        return x + 2

    def central_example():
        x = torch.ones(2, 2, requires_grad=True)
        y = x + 2
        return (y * y * 3).mean()

    def requires_grad_example():
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
        ("y = x + 2 (02장의 첫 예제)", add_example, ["AddBackward0", acc]),
        ("잎 텐서 자신 (grad_fn 이 None)", leaf, []),
        ("기록되지 않은 x + 3 (requires_grad 없음)", no_grad_tensor, []),
        ("y = x + 2; out = (y * y * 3).mean() — y 를 두 번 사용", central_example,
         ["MeanBackward0", "MulBackward0", "MulBackward0", "AddBackward0", acc]),
        ("a.requires_grad_(True) 뒤 (a * a).sum() — a 를 두 번 사용", requires_grad_example, ["SumBackward0", "MulBackward0", acc]),
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


# ----------------------------------------------------------------------------- task 3: record (my minigrad ②)
def _with_record(record):
    """Install the learner's record into minigrad for a with block (as mine.use does)."""
    from minigrad.exercises import mine
    return mine.trying("record", record)


def _edges(node):
    return tuple((None if n is None else type(n).__name__, nr) for n, nr in node.next_functions)


def check_record(record):
    """Task 3 (my minigrad, piece 2): record(ctx, args, output) hangs the node into the graph."""
    c = Check("과제 3: 노드를 그래프에 걸기 record")

    def mul_of_leaf_and_plain():
        x = torch.ones(2, requires_grad=True)
        w = torch.ones(2)
        with _with_record(record):
            y = x * w
        if y.grad_fn is None:
            raise AssertionError("y.grad_fn 이 None 입니다: output.grad_fn 에 ctx 를 넣으세요")
        return type(y.grad_fn.next_functions).__name__, _edges(y.grad_fn)

    c.equal("x * w (x 만 추적): next_functions 는 인자마다 한 칸, 순서대로", mul_of_leaf_and_plain,
            expected=("tuple", (("AccumulateGrad", 0), (None, 0))),
            hint="next_functions 는 텐서 인자마다 (노드, 번호) 한 칸씩, 인자의 순서대로 담은 튜플입니다. 추적하지 않는 "
                 "w 도 자기 칸 (None, 0) 을 가집니다. 칸은 gradient_edge(a) 로 만드세요 (01장에서 만든 것).")

    def plain_first():
        x = torch.ones(2, requires_grad=True)
        with _with_record(record):
            y = torch.ones(2) + x
        return _edges(y.grad_fn)

    c.equal("ones + x (추적하는 쪽이 두 번째): 순서가 그대로", plain_first,
            expected=((None, 0), ("AccumulateGrad", 0)),
            hint="칸의 순서는 forward 인자의 순서와 같아야 합니다: 역전파 때 backward 가 돌려준 i 번째 기울기가 "
                 "i 번째 칸으로 갑니다.")

    def edge_to_a_result():
        x = torch.ones(2, requires_grad=True)
        with _with_record(record):
            y = x + 1
            z = y * 2
        (node, nr), _ = z.grad_fn.next_functions
        return node is y.grad_fn, nr

    c.equal("z = y * 2 (y 는 연산 결과): 첫 칸은 y 의 grad_fn", edge_to_a_result, expected=(True, 0),
            hint="입력이 연산의 결과이면 그 기울기는 입력을 만든 노드(y.grad_fn)로 갑니다. 잎이든 결과든 "
                 "gradient_edge(a) 가 알맞은 칸을 줍니다.")

    def grad_fn_is_ctx():
        seen = []

        class Probe(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                seen.append(ctx)
                return a * 1

            @staticmethod
            def backward(ctx, grad):
                return grad

        x = torch.ones(2, requires_grad=True)
        with _with_record(record):
            y = Probe.apply(x)
        return y.grad_fn is seen[0]

    c.true("결과의 grad_fn 은 forward 가 받은 ctx 그 자체", grad_fn_is_ctx,
           hint="노드를 새로 만들지 말고, 받은 ctx 를 그대로 output.grad_fn 에 넣으세요. forward 와 backward 가 같은 "
                "ctx 를 쓰므로, 저장해 둔 텐서가 노드에 남습니다.")

    def central_example():
        x = torch.ones(2, 2, requires_grad=True)
        with _with_record(record):
            y = x + 2
            out = (y * y * 3).mean()
            out.backward()
        return x.grad

    c.equal("내 record 로 중심 예제 mean(3(x+2)²) 를 기록하고 역전파: x.grad", central_example,
            expected=torch.full((2, 2), 4.5),
            hint="역전파는 record 가 만든 next_functions 를 따라 걷습니다. 위의 경우가 모두 맞으면 이 경우도 맞습니다.")

    def twice_used():
        a = torch.tensor(2., requires_grad=True)
        with _with_record(record):
            c_ = a * a + a
            c_.backward()
        return a.grad

    c.equal("a * a + a 를 역전파: a.grad = 2a + 1 = 5", twice_used, expected=torch.tensor(5.),
            hint="같은 잎이 세 칸에 나오면 세 칸 모두 같은 AccumulateGrad 노드를 가리켜야 기울기가 한 곳에 모입니다.")
    return c.done()
