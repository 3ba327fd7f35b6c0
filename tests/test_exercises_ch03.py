"""Exercise 03 checks: pass on the reference solution, fail with the right text on typical wrong answers."""
import minigrad as torch
from minigrad.exercises import ch03


# ------------------------------------------------------------------ reference solution (as in solutions/)
class Mul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return grad_output * b, grad_output * a


class Pow(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, n):
        ctx.save_for_backward(a)
        ctx.n = n
        return a ** n

    @staticmethod
    def backward(ctx, grad_output):
        (a,) = ctx.saved_tensors
        return grad_output * ctx.n * a ** (ctx.n - 1), None


class Mean(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.shape, ctx.n = a.shape, a.numel()
        return a.mean()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.expand(ctx.shape) / ctx.n


def kahn(out):
    start = out.grad_fn
    users, seen, stack = {}, {start}, [start]
    while stack:
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is None:
                continue
            users[child] = users.get(child, 0) + 1
            if child not in seen:
                seen.add(child)
                stack.append(child)
    order, ready = [], [start]
    while ready:
        node = ready.pop()
        order.append(node)
        for child, _ in node.next_functions:
            if child is not None:
                users[child] -= 1
                if users[child] == 0:
                    ready.append(child)
    return order


def make_run_backward(order=kahn, accumulate=True, sum_buffers=True):
    def run_backward(out):
        with torch.no_grad():
            grads = {out.grad_fn: torch.ones_like(out)}
            for node in order(out):
                grad = grads.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    leaf = node.variable
                    leaf.grad = grad if (leaf.grad is None or not accumulate) else leaf.grad + grad
                    continue
                for (child, _), g in zip(node.next_functions, node(grad)):
                    if child is None or g is None:
                        continue
                    grads[child] = g if (child not in grads or not sum_buffers) else grads[child] + g
    return run_backward


def _failed(result, *fragments):
    assert result.status == "failed", result.text
    for fragment in fragments:
        assert fragment in result.text, (fragment, result.text)


# ------------------------------------------------------------------ task 1
def test_rules_pass_on_reference(capsys):
    result = ch03.check_backward_rules(Mul, Pow, Mean)
    assert result.passed and result.status == "passed", result.text
    assert "통과" in capsys.readouterr().out


def test_rules_not_implemented():
    class Stub(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b=None):
            return a * 1.0

        @staticmethod
        def backward(ctx, grad_output):
            raise NotImplementedError()

    result = ch03.check_backward_rules(Stub, Stub, Stub)
    assert result.status == "not_implemented" and "아직 구현하지 않았습니다" in result.text


def test_rules_swapped_mul():
    class SwappedMul(Mul):
        @staticmethod
        def backward(ctx, grad_output):
            a, b = ctx.saved_tensors
            return grad_output * a, grad_output * b

    result = ch03.check_backward_rules(SwappedMul, Pow, Mean)
    _failed(result, "Mul, 스칼라", "기대값: (tensor(3.), tensor(2.))", "∂(a·b)/∂a = b")
    assert "[3/" not in result.text          # x*x is right even with the inputs swapped


def test_rules_forgets_grad_output():
    class NoUpstreamPow(Pow):
        @staticmethod
        def backward(ctx, grad_output):
            (a,) = ctx.saved_tensors
            return ctx.n * a ** (ctx.n - 1), None

    result = ch03.check_backward_rules(Mul, NoUpstreamPow, Mean)
    _failed(result, "Pow, 뒤에서 온 기울기가 [1, 10]", "grad_output 을 곱하지 않으면", "mean(3·(x+2)²)")
    assert "Pow, 벡터" not in result.text    # with an upstream gradient of ones it looks right


def test_rules_mean_without_one_over_n_and_without_expand():
    class MeanNoDivide(Mean):
        @staticmethod
        def backward(ctx, grad_output):
            return grad_output.expand(ctx.shape)

    result = ch03.check_backward_rules(Mul, Pow, MeanNoDivide)
    _failed(result, "Mean, 2×3 행렬", "1/n 의 무게", "seed: out = mean(y*y*3)")

    class MeanScalarGrad(Mean):
        @staticmethod
        def backward(ctx, grad_output):
            return grad_output / ctx.n

    result = ch03.check_backward_rules(Mul, Pow, MeanScalarGrad)
    _failed(result, "실행 중 오류: RuntimeError", "invalid gradient", "expand")


def test_rules_pow_returns_one_gradient():
    class PowOne(Pow):
        @staticmethod
        def backward(ctx, grad_output):
            (a,) = ctx.saved_tensors
            return grad_output * ctx.n * a ** (ctx.n - 1)

    result = ch03.check_backward_rules(Mul, PowOne, Mean)
    _failed(result, "incorrect number of gradients", "None 을 돌려주세요")


# ------------------------------------------------------------------ task 2
def test_order_passes_on_reference():
    result = ch03.check_topological_order(kahn)
    assert result.passed, result.text
    assert result.total == 5


def test_order_preorder_dfs_is_wrong_on_a_diamond():
    def preorder(out):
        order, seen, stack = [], set(), [out.grad_fn]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(c for c, _ in reversed(node.next_functions) if c is not None)
        return order

    result = ch03.check_topological_order(preorder)
    _failed(result, "다이아몬드", "보다 먼저 나옵니다", "Kahn")


def test_order_recursive_postorder_hits_the_recursion_limit():
    def recursive(out):
        order, seen = [], set()

        def visit(node):
            seen.add(node)
            for child, _ in node.next_functions:
                if child is not None and child not in seen:
                    visit(child)
            order.append(node)

        visit(out.grad_fn)
        return order[::-1]

    result = ch03.check_topological_order(recursive)
    _failed(result, "10,000 개", "RecursionError", "재귀 한도")
    assert result.failures and len(result.failures) == 1   # right on the small graphs


def test_order_without_seen_set_repeats_nodes():
    def bfs_no_seen(out):
        order, queue = [], [out.grad_fn]
        while queue:
            node = queue.pop(0)
            order.append(node)
            queue.extend(c for c, _ in node.next_functions if c is not None)
        return order

    result = ch03.check_topological_order(bfs_no_seen)
    _failed(result, "두 번 나옵니다")


def test_graph_problem_texts():
    x = torch.tensor([1.0], requires_grad=True)
    out = (x * 2).sum()
    nodes = kahn(out)
    assert ch03.graph_problem(nodes, out) == "올바른 순서 (노드 3개)"
    assert "빠졌습니다" in ch03.graph_problem(nodes[:-1], out)
    assert "첫 노드" in ch03.graph_problem(nodes[::-1], out)
    assert "리스트가 아니라" in ch03.graph_problem(None, out)


# ------------------------------------------------------------------ task 3
def test_run_backward_passes_on_reference():
    result = ch03.check_run_backward(make_run_backward())
    assert result.passed, result.text
    assert result.total == 8


def test_run_backward_overwrites_grad():
    result = ch03.check_run_backward(make_run_backward(accumulate=False))
    _failed(result, "누적", "기대값: tensor(4.)", "실제값: tensor(2.)", "덮어쓰지 말고 더하세요")
    assert len(result.failures) == 1


def test_run_backward_without_summing_buffers():
    result = ch03.check_run_backward(make_run_backward(sum_buffers=False))
    _failed(result, "seed 003-05", "모두 더한 뒤에")


def test_run_backward_on_a_wrong_order():
    def preorder(out):
        order, seen, stack = [], set(), [out.grad_fn]
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                order.append(node)
                stack.extend(c for c, _ in reversed(node.next_functions) if c is not None)
        return order

    result = ch03.check_run_backward(make_run_backward(order=preorder))
    _failed(result, "다이아몬드", "한 번만 실행")


def test_run_backward_calls_none_child():
    def careless(out):
        with torch.no_grad():
            grads = {out.grad_fn: torch.ones_like(out)}
            for node in kahn(out):
                grad = grads.pop(node, None)
                if grad is None:
                    continue
                if hasattr(node, "variable"):
                    node.variable.grad = grad if node.variable.grad is None else node.variable.grad + grad
                    continue
                for (child, _), g in zip(node.next_functions, node(grad)):
                    grads[child] = g if child not in grads else grads[child] + g
                    child.name()           # a None child crashes here

    result = ch03.check_run_backward(careless)
    _failed(result, "실행 중 오류: AttributeError", "None 인 입력")
