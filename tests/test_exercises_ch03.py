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


def make_run_backward(sum_buffers=True, count=True, skip_unreached=True, step_root=True, recursive=False):
    """The loop of my minigrad (piece 3), with one typical mistake switched on by each flag."""
    def dependencies_of(root):
        deps, stack = {}, [root]
        while stack:
            node = stack.pop()
            for child, _ in node.next_functions:
                if child is None:
                    continue
                if child not in deps:
                    deps[child] = 0
                    stack.append(child)
                deps[child] += 1
        return deps

    def run_backward(root, step):
        deps = dependencies_of(root)
        received = {root: []}
        ready = [root]

        def send(node, grads):
            for (child, nr), g in zip(node.next_functions, grads):
                if child is None:
                    continue
                if g is not None:
                    slots = received.setdefault(child, [None] * child.num_outputs)
                    slots[nr] = g if (slots[nr] is None or not sum_buffers) else slots[nr] + g
                deps[child] -= 1
                if deps[child] == 0 or not count:
                    ready.append(child)

        def run(node):                     # the recursive variant: depth first, one call per node
            grads = received.pop(node, None)
            if grads is not None:
                send(node, step(node, grads))
            for child, _ in node.next_functions:
                if child is not None and deps[child] == 0 and child in received:
                    run(child)

        if not step_root:
            ready = [child for child, _ in root.next_functions]
            for child, nr in root.next_functions:
                received[child] = [torch.ones(())]
            received.pop(root)
        if recursive:
            return run(root)
        while ready:
            node = ready.pop()
            grads = received.pop(node, None)
            if grads is None:
                if skip_unreached:
                    send(node, [None] * len(node.next_functions))
                continue
            send(node, step(node, grads))
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
    _failed(result, "Mean, 2×3 행렬", "1/n 의 무게", "중심 예제: out = mean(y*y*3)")

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
    assert result.total == 10


def test_run_backward_without_summing_buffers():
    result = ch03.check_run_backward(make_run_backward(sum_buffers=False))
    _failed(result, "중심 예제 mean(y*y*3)", "모두 더한 뒤에")


def test_run_backward_without_counting_runs_nodes_too_early():
    result = ch03.check_run_backward(make_run_backward(count=False))
    _failed(result, "다이아몬드", "한 번만 step")


def test_run_backward_that_drops_unreached_nodes():
    result = ch03.check_run_backward(make_run_backward(skip_unreached=False))
    _failed(result, "기울기가 도착하지 않는 노드", "자식들의 남은 개수는 줄여야")
    assert len(result.failures) == 1


def test_run_backward_that_does_not_step_the_root():
    result = ch03.check_run_backward(make_run_backward(step_root=False))
    assert result.failures[0].number == 1 and "step(root, [])" in result.failures[0].hint


def test_recursive_run_backward_hits_the_recursion_limit():
    result = ch03.check_run_backward(make_run_backward(recursive=True))
    _failed(result, "3000번의 긴 사슬", "재귀 한도")


def test_minigrad_loop_is_back_after_the_check():
    ch03.check_run_backward(make_run_backward(sum_buffers=False))
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    (y * y * 3).mean().backward()
    assert x.grad.tolist() == [[4.5, 4.5], [4.5, 4.5]]
