"""Checks for exercise 03 (backward() 와 연쇄 법칙).

Task 1 runs the learner's ``MyMul`` / ``MyPow`` / ``MyMean`` (``autograd.Function`` subclasses with
their own ``backward``) inside the real engine, on scalars, matrices, a tensor used twice, an upstream
gradient that is not 1, and the course's central example mean(3(x+2)²) → x.grad = 4.5.
Task 2 checks ``topological_order(out)`` (a list of the nodes reachable from ``out.grad_fn`` in which
every node comes after all the nodes that use it) on chains, diamonds and a 10,000-long chain.
Task 3 is piece 3 of "my minigrad": ``run_backward(root, step)``, the engine's loop (count dependencies,
ready list, sum gradients per (node, nr), step each node once), installed into minigrad with
``mine.trying`` so that ``out.backward()`` runs on it: same gradients as minigrad's own loop on the
chapter's examples; a leaf reached along several paths; a node no gradient reaches; a 3000-long chain;
accumulation over two backward calls.
"""
from __future__ import annotations

import minigrad as torch
from minigrad.exercises.feedback import Check

__all__ = ["check_backward_rules", "check_topological_order", "check_run_backward", "graph_problem"]


def _leaf(values):
    return torch.tensor(values, requires_grad=True)


# ------------------------------------------------------------------------------------ task 1
def check_backward_rules(MyMul, MyPow, MyMean):
    c = Check("과제 1: Mul, Pow, Mean 의 역전파 규칙")
    mul_hint = ("∂(a·b)/∂a = b, ∂(a·b)/∂b = a 입니다. 받은 grad_output 에 곱해서, forward 의 인자 순서대로 "
                "(a 의 기울기, b 의 기울기) 를 돌려주세요.")
    pow_hint = ("∂(aⁿ)/∂a = n·aⁿ⁻¹ 입니다. grad_output 에 곱하고, 숫자인 지수 n 의 자리에는 None 을 돌려주세요 "
                "(forward 의 인자마다 하나씩).")
    mean_hint = ("평균에는 원소마다 1/n 의 무게로 들어갑니다. grad_output 을 입력의 모양으로 펼친 뒤 "
                 "(grad_output.expand(모양)) 원소 수 n 으로 나누세요.")
    upstream_hint = ("backward 는 '결과의 기울기'(grad_output)를 받아 국소 도함수를 곱합니다. grad_output 을 "
                     "곱하지 않으면 뒤쪽 연산의 도함수가 사라집니다 (연쇄 법칙).")

    # --- Mul
    def mul_grads(a, b):
        x, y = _leaf(a), _leaf(b)
        out = MyMul.apply(x, y)
        (out if out.dim() == 0 else out.sum()).backward()
        return x.grad, y.grad

    c.equal("Mul, 스칼라: a=2, b=3 에서 (a.grad, b.grad)", lambda: mul_grads(2.0, 3.0),
            (torch.tensor(3.0), torch.tensor(2.0)), mul_hint)
    c.equal("Mul, 행렬: a=[[1,2],[3,4]], b=[[5,6],[7,8]] 에서 sum(a*b) 의 (a.grad, b.grad)",
            lambda: mul_grads([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]),
            (torch.tensor([[5.0, 6.0], [7.0, 8.0]]), torch.tensor([[1.0, 2.0], [3.0, 4.0]])), mul_hint)

    def mul_twice():
        x = _leaf([1.0, 2.0, 3.0])
        MyMul.apply(x, x).sum().backward()
        return x.grad

    c.equal("Mul, 같은 텐서를 두 번: x=[1,2,3] 에서 sum(x*x) 의 x.grad (= 2x)", mul_twice,
            torch.tensor([2.0, 4.0, 6.0]),
            "x 가 두 입력 자리에 모두 들어가면 엔진이 두 기울기를 더해 줍니다. 여러분은 입력마다 기울기를 하나씩 "
            "돌려주기만 하면 됩니다.")

    def mul_upstream():
        x, y = _leaf([1.0, 2.0]), _leaf([3.0, 4.0])
        (MyMul.apply(x, y) * torch.tensor([1.0, 10.0])).sum().backward()
        return x.grad, y.grad

    c.equal("Mul, 뒤에서 온 기울기가 [1, 10]: sum(a*b*[1,10]) 의 (a.grad, b.grad)", mul_upstream,
            (torch.tensor([3.0, 40.0]), torch.tensor([1.0, 20.0])), upstream_hint)

    # --- Pow
    def pow_grad(values, n, weights=None):
        x = _leaf(values)
        out = MyPow.apply(x, n)
        if weights is not None:
            out = out * torch.tensor(weights)
        (out if out.dim() == 0 else out.sum()).backward()
        return x.grad

    c.equal("Pow, 스칼라: x=2 에서 x**2 의 x.grad (= 2x)", lambda: pow_grad(2.0, 2),
            torch.tensor(4.0), pow_hint)
    c.equal("Pow, 벡터: x=[1,2,3] 에서 sum(x**3) 의 x.grad (= 3x²)", lambda: pow_grad([1.0, 2.0, 3.0], 3),
            torch.tensor([3.0, 12.0, 27.0]), pow_hint)
    c.equal("Pow, 뒤에서 온 기울기가 [1, 10]: sum(x**2 * [1,10]) 의 x.grad, x=[1,2]",
            lambda: pow_grad([1.0, 2.0], 2, [1.0, 10.0]), torch.tensor([2.0, 40.0]), upstream_hint)

    # --- Mean
    def mean_grad(values, scale=None):
        x = _leaf(values)
        out = MyMean.apply(x)
        if scale is not None:
            out = out * scale
        out.backward()
        return x.grad

    c.equal("Mean, 2×3 행렬: mean(x) 의 x.grad (모두 1/6)",
            lambda: mean_grad([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), torch.full((2, 3), 1.0 / 6.0), mean_hint)
    c.equal("Mean, 0차원 스칼라: x=5 에서 mean(x) 의 x.grad", lambda: mean_grad(5.0), torch.tensor(1.0),
            mean_hint)
    c.equal("Mean, 뒤에서 온 기울기가 4: 4·mean(x) 의 x.grad, x=[1,2,3,4]",
            lambda: mean_grad([1.0, 2.0, 3.0, 4.0], 4.0), torch.full((4,), 1.0), upstream_hint)

    # --- the central example on the learner's three Functions
    def central_with_mul():
        x = torch.ones(2, 2, requires_grad=True)
        y = x + 2
        z = MyMul.apply(MyMul.apply(y, y), torch.tensor(3.0))
        out = MyMean.apply(z)
        out.backward()
        return out, x.grad

    c.equal("중심 예제: out = mean(y*y*3), y = x+2, x = ones(2,2) 을 MyMul·MyMean 으로 → (out, x.grad)",
            central_with_mul, (torch.tensor(27.0), torch.full((2, 2), 4.5)),
            "∂out/∂xᵢ = ¼ · 3 · (yᵢ + yᵢ) · 1 = 4.5 입니다. 어느 규칙의 값이 틀렸는지 위의 검사를 먼저 보세요.")

    def central_with_pow():
        x = torch.ones(2, 2, requires_grad=True)
        out = MyMean.apply(MyPow.apply(x + 2, 2) * 3)
        out.backward()
        return out, x.grad

    c.equal("중심 예제: out = mean(3·(x+2)²) 를 MyPow·MyMean 으로 → (out, x.grad)", central_with_pow,
            (torch.tensor(27.0), torch.full((2, 2), 4.5)),
            "∂out/∂xᵢ = ¼ · 3 · 2(xᵢ+2) = 3/2·(xᵢ+2) = 4.5 (xᵢ = 1).")
    return c.done()


# ------------------------------------------------------------------------------------ task 2
def _reachable(out):
    """Every node reachable from out.grad_fn (iterative)."""
    start = out.grad_fn
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is not None and child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def graph_problem(order, out):
    """A Korean sentence: what is wrong with `order` as a topological order of out's graph
    (or "올바른 순서 (노드 N개)")."""
    if not isinstance(order, (list, tuple)):
        return f"리스트가 아니라 {type(order).__name__} 이(가) 나왔습니다"
    nodes = _reachable(out)
    if not order:
        return "빈 리스트입니다"
    position = {}
    for i, node in enumerate(order):
        try:
            if node in position:
                return f"{node.name()} 가 두 번 나옵니다 ({position[node] + 1}번째와 {i + 1}번째)"
        except TypeError:
            return f"{i + 1}번째 원소가 그래프의 노드가 아닙니다: {type(node).__name__}"
        position[node] = i
    foreign = [n for n in order if n not in nodes]
    if foreign:
        name = foreign[0].name() if hasattr(foreign[0], "name") else type(foreign[0]).__name__
        return f"out 의 그래프에 없는 것이 들어 있습니다: {name}"
    missing = [n for n in nodes if n not in position]
    if missing:
        return f"노드 {len(missing)}개가 빠졌습니다 (예: {missing[0].name()})"
    if order[0] is not out.grad_fn:
        return f"첫 노드가 out.grad_fn ({out.grad_fn.name()}) 이 아니라 {order[0].name()} 입니다"
    for node in order:
        for child, _ in node.next_functions:
            if child is not None and position[child] < position[node]:
                return (f"{child.name()} ({position[child] + 1}번째) 가 그것을 쓰는 {node.name()} "
                        f"({position[node] + 1}번째) 보다 먼저 나옵니다")
    return f"올바른 순서 (노드 {len(nodes)}개)"


def _chain(n):
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(n):
        y = y * 1.0
    return y


def _graphs():
    """(description, builder) pairs; each builder returns a fresh scalar output tensor."""
    def line():
        x = _leaf([1.0, 2.0])
        return (x * 2).exp().sum()

    def central():
        x = torch.ones(2, 2, requires_grad=True)
        y = x + 2
        return (y * y * 3).mean()

    def diamond():
        x = _leaf([0.5, 1.0])
        a = x.exp()
        b = a * 2
        return (a + b).sum()

    def two_leaves():
        x, w = _leaf([1.0, 2.0]), _leaf([3.0, 4.0])
        h = x * w
        return (h + h * x + w).sum()

    return [
        ("한 줄로 이어진 그래프: sum(exp(x*2))", line),
        ("중심 예제의 그래프: mean(y*y*3), y = x+2 (y 가 두 번 쓰임)", central),
        ("다이아몬드: a = exp(x), b = a*2, out = sum(a + b) (a 를 두 노드가 씀)", diamond),
        ("잎 두 개와 공유된 중간값: h = x*w, out = sum(h + h*x + w)", two_leaves),
    ]


def check_topological_order(topological_order):
    c = Check("과제 2: 위상 정렬 (topological order)")
    order_hint = ("노드는 그것을 쓰는 노드(next_functions 로 그것을 가리키는 노드)가 모두 나온 뒤에 나와야 합니다. "
                  "노드마다 '그 노드를 가리키는 간선 가운데 아직 처리되지 않은 수'를 세어 두고, 0 이 된 노드만 꺼내 보세요 (Kahn 알고리즘).")
    for description, build in _graphs():
        def verdict(build=build):
            out = build()
            return graph_problem(topological_order(out), out)
        reference = build()
        expected = graph_problem(_reference_order(reference), reference)
        c.equal(description, verdict, expected, order_hint)

    def long_chain():
        out = _chain(10_000)
        return graph_problem(topological_order(out), out)

    c.equal("10,000 개 연산이 이어진 사슬 (재귀 한도보다 훨씬 깊음)", long_chain, "올바른 순서 (노드 10001개)",
            "재귀 함수는 파이썬의 재귀 한도(약 1000 단계)에 걸립니다. 리스트를 스택이나 큐로 써서 반복문으로 "
            "걸어 보세요.")
    return c.done()


def _reference_order(out):
    """Kahn's algorithm (used only to write the expected verdict text)."""
    from minigrad.engine import count_dependencies
    start = out.grad_fn
    deps = count_dependencies(start)
    order, ready = [], [start]
    while ready:
        node = ready.pop()
        order.append(node)
        for child, _ in node.next_functions:
            if child is None:
                continue
            deps[child] -= 1
            if deps[child] == 0:
                ready.append(child)
    return order


# ------------------------------------------------------------------------------------ task 3
def _cases():
    """(description, builder, hint) — builder() returns (out, leaves) on a fresh graph."""
    def square_times_ten():                       # example 001-05
        x = _leaf([1.0])
        return (x ** 2) * 10, (x,)

    def partials():                               # example 001-06
        x, y = _leaf([1.0]), _leaf([1.0])
        return 2 * x ** 2 + y ** 2, (x, y)

    def sum_of_squares():                         # example 001-07
        x = _leaf([1.0, 2.0, 3.0])
        return torch.sum(x ** 2), (x,)

    def central_mean():                              # examples 003-05 / 004-05
        x = torch.ones(2, 2, requires_grad=True)
        y = x + 2
        return (y * y * 3).mean(), (x,)

    def two_paths():
        x, w = _leaf([1.0, 2.0]), _leaf([3.0, -1.0])
        return (x * w + x).sum(), (x, w)

    def diamond():                                # a short and a long path from a to out
        x = _leaf([0.5, 1.0])
        a = x.exp()
        return (a * 2 * 3 + a).sum(), (x,)

    def constant():
        x = _leaf([1.0, 2.0])
        k = torch.tensor([5.0, 7.0])              # no requires_grad: its edge is (None, 0)
        return (x * k).exp().sum(), (x, k)

    buffer_hint = ("같은 노드의 같은 출력 (node, nr) 에 기울기가 여러 경로로 도착하면 모두 더한 뒤에 그 노드를 step 해야 "
                   "합니다. 노드마다 받은 기울기 목록(출력 수만큼)을 모아 두는 사전(dict)을 쓰세요.")
    return [
        ("z = (x**2)*10, x=[1] → x.grad", square_times_ten,
         "출발점 root 도 한 번 step 하세요: step(root, []) 가 출발 기울기(출력 쪽으로 보낼 1)를 줍니다. 그다음 노드마다 "
         "그 노드가 받은 기울기 목록으로 step 하고, 돌려받은 기울기를 next_functions 의 같은 자리 노드로 보냅니다."),
        ("z = 2x² + y² → (x.grad, y.grad)", partials,
         "잎 쪽 끝의 AccumulateGrad 노드도 보통 노드처럼 step 해야 .grad 가 채워집니다."),
        ("sum(x**2), x=[1,2,3] → x.grad", sum_of_squares,
         "step(node, grads) 의 grads 는 노드의 출력마다 하나씩 든 목록입니다 (보통 노드는 [g] 하나). 돌려받은 목록은 "
         "next_functions 의 순서와 같습니다."),
        ("중심 예제 mean(y*y*3), y = x+2 → x.grad (4.5)", central_mean, buffer_hint),
        ("잎 x 가 두 경로로 도달: sum(x*w + x) → (x.grad, w.grad)", two_paths, buffer_hint),
        ("다이아몬드: a = exp(x), out = sum(a*2*3 + a) → x.grad", diamond,
         "한 노드는 그 노드로 들어오는 간선이 모두 기울기를 보낸 뒤에 한 번만 step 해야 합니다. 들어오는 간선 수를 "
         "먼저 세고(과제 2 처럼), 0 이 된 노드만 준비 목록에 넣으세요."),
        ("기울기가 필요 없는 입력: sum(exp(x*k)), k 는 상수 → (x.grad, k.grad)", constant,
         "next_functions 에서 노드가 None 인 칸(기울기를 추적하지 않는 입력)은 건너뛰세요. k.grad 는 None 으로 "
         "남아야 합니다."),
    ]


class _NoGradient(torch.autograd.Function):
    """Lets nothing through in backward: the node before it gets no gradient at all."""

    @staticmethod
    def forward(ctx, a):
        return a * 1

    @staticmethod
    def backward(ctx, grad):
        return None


def check_run_backward(run_backward):
    """Task 3 (my minigrad, piece 3): run_backward(root, step), installed into minigrad's engine."""
    from minigrad.exercises import mine
    c = Check("과제 3: 나의 역전파 루프 run_backward(root, step)")
    for description, build, hint in _cases():
        out, leaves = build()
        out.backward()                                     # minigrad's engine: the reference
        expected = tuple(t.grad for t in leaves)

        def learner(build=build):
            out, leaves = build()
            with mine.trying("run_backward", run_backward):
                out.backward()
            return tuple(t.grad for t in leaves)

        c.equal(description, learner, expected, hint)

    def unreached():
        x = _leaf([1.0, 2.0])
        out = (_NoGradient.apply(x * 2) + x * 3).sum()
        with mine.trying("run_backward", run_backward):
            out.backward()
        return x.grad

    c.equal("기울기가 도착하지 않는 노드: sum(막힘(x*2) + x*3) → x.grad = 3", unreached, torch.tensor([3.0, 3.0]),
            "backward 가 None 을 돌려준 간선의 노드(x*2 의 MulBackward0)에는 기울기가 하나도 도착하지 않습니다. 그 노드는 "
            "step 하지 않지만, 그 노드가 실행된 것처럼 자식들의 남은 개수는 줄여야 합니다. 그래야 x 의 AccumulateGrad 가 "
            "준비됩니다.")

    def long_chain():
        x = torch.tensor(1.0, requires_grad=True)
        y = x
        for _ in range(3000):
            y = y * 1.0
        with mine.trying("run_backward", run_backward):
            y.backward()
        return x.grad

    c.equal("연산 3000번의 긴 사슬 → x.grad = 1", long_chain, torch.tensor(1.0),
            "재귀 함수는 파이썬의 재귀 한도(약 1000)에 걸립니다. 의존성 세기도 루프도 스택이나 리스트와 while 로 쓰세요.")

    def twice():
        x = torch.tensor(1.0, requires_grad=True)
        with mine.trying("run_backward", run_backward):
            (x ** 2).backward()
            (x ** 2).backward()
        return x.grad

    c.equal("두 번 역전파: x=1 에서 (x**2).backward() 두 번 → x.grad = 2 + 2", twice, torch.tensor(4.0),
            "더하는 일은 AccumulateGrad 노드가 합니다: 그 노드도 다른 노드처럼 step 하세요.")
    return c.done()
