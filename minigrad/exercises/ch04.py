"""Checks for exercise 04 (스칼라가 아닌 출력: backward(gradient) 와 벡터-야코비안 곱).

Task 1 checks ``sum_to_shape(grad, shape)`` (my minigrad, piece 4), the reduction of a broadcast gradient
back to an input's shape, on many shape pairs (added leading dimensions, stretched size-1 dimensions,
both, a 0-d target, nothing to do; expected values from minigrad's ``Tensor.sum_to_size``), then inside
minigrad's engine (``mine.trying``: ``vjp.fit`` calls it).
Task 2 checks ``vjp(f, x, v)`` = vᵀJ computed by the engine: the chapter's example, a matrix-vector
product, a matrix input, a scalar output, broadcasting inside f, and two calls in a row.
Task 3 checks ``jacobian(f, x)`` built row by row against matrices known in closed form (a square
non-symmetric one, a diagonal one, and non-square ones in both orientations).
"""
from __future__ import annotations

import numpy as np

import minigrad as torch
from minigrad.exercises.feedback import Check

__all__ = ["check_sum_to_shape", "check_vjp", "check_jacobian", "SHAPE_PAIRS"]

# (shape of the broadcast gradient, shape of the input it must be summed back to)
SHAPE_PAIRS = [
    ((2, 3), (2, 3)),
    ((2, 3), (3,)),
    ((4, 2, 3), (3,)),
    ((2, 3), (1, 3)),
    ((2, 3), (2, 1)),
    ((4, 2, 3), (2, 1)),
    ((4, 2, 3), (1, 2, 1)),
    ((4, 2, 3), (4, 1, 1)),
    ((2, 1, 3), (1, 3)),
    ((3, 1), (1,)),
    ((2, 3), ()),
]


def _grad_of_shape(shape):
    n = int(np.prod(shape)) if shape else 1
    return (torch.arange(float(n)) + 1).reshape(shape)


def check_sum_to_shape(sum_to_shape):
    c = Check("과제 1: 브로드캐스팅된 기울기를 입력 모양으로 되돌리기 (sum_to_shape)")
    lead_hint = ("브로드캐스팅이 앞에 덧붙인 차원은 입력에 없던 차원입니다. 그 차원들은 모두 더해서 없애세요 "
                 "(grad.sum(dim=...)).")
    one_hint = ("입력에서 크기가 1 이던 차원이 늘어났다면, 그 차원은 더하되 크기 1 로 남겨야 합니다 "
                "(keepdim=True). 평균이 아니라 합입니다: 입력의 한 원소가 여러 결과 원소에 똑같이 쓰였으니까요.")
    for gshape, shape in SHAPE_PAIRS:
        grad = _grad_of_shape(gshape)
        expected = grad.sum_to_size(shape)
        if gshape == shape:
            description, hint = f"모양이 이미 같음: {gshape} → {shape}", "모양이 같으면 그대로 돌려주면 됩니다."
        elif len(gshape) > len(shape) and all(s != 1 for s in shape):
            description, hint = f"앞에 붙은 차원: {gshape} → {shape}", lead_hint
        elif len(gshape) == len(shape):
            description, hint = f"크기 1 이던 차원: {gshape} → {shape}", one_hint
        else:
            description, hint = f"둘 다: {gshape} → {shape}", lead_hint + " 그다음 " + one_hint
        c.equal(description, lambda grad=grad, shape=shape: sum_to_shape(grad, shape), expected, hint)

    def in_engine():
        # minigrad's engine, with the learner's function where it sums a gradient back (vjp.fit)
        from minigrad.exercises import mine
        a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        b = torch.ones(2, 3, requires_grad=True)
        with mine.trying("sum_to_shape", sum_to_shape):
            ((a + b) * torch.tensor([[1.0], [10.0]])).sum().backward()
        return a.grad, b.grad

    c.equal("내 sum_to_shape 로 엔진이 역전파: a (3,) + b (2,3) 에 [[1],[10]] 을 곱한 합의 (a.grad, b.grad)", in_engine,
            (torch.tensor([11.0, 11.0, 11.0]), torch.tensor([[1.0, 1.0, 1.0], [10.0, 10.0, 10.0]])), lead_hint)
    return c.done()


# ------------------------------------------------------------------------------------ task 2
def check_vjp(vjp):
    c = Check("과제 2: 벡터-야코비안 곱 (vjp)")
    v_hint = ("v 는 출력의 원소마다 주는 무게입니다. backward(v) 나 torch.autograd.grad(y, x, v) 처럼 v 를 엔진에 "
              "넘겨야 합니다. v 를 빼고 합만 미분하면 모든 무게가 1 이 됩니다.")
    A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, -6.0]])

    c.equal("04장의 예제: f(x) = 3x², x = ones(3), v = [0.1, 1, 10]",
            lambda: vjp(lambda x: x ** 2 * 3, torch.ones(3, requires_grad=True), torch.tensor([0.1, 1.0, 10.0])),
            torch.tensor([0.6, 6.0, 60.0]), v_hint)
    c.equal("행렬-벡터 곱: f(x) = A @ x, v = [2, -1] → vᵀA",
            lambda: vjp(lambda x: A @ x, torch.tensor([1.0, -1.0, 2.0], requires_grad=True),
                        torch.tensor([2.0, -1.0])),
            torch.tensor([-2.0, -1.0, 12.0]), v_hint)
    c.equal("행렬 입력: f(x) = x*x, x = [[1,2],[3,4]], v = [[1,0],[2,1]]",
            lambda: vjp(lambda x: x * x, torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True),
                        torch.tensor([[1.0, 0.0], [2.0, 1.0]])),
            torch.tensor([[2.0, 0.0], [12.0, 8.0]]), v_hint)
    c.equal("스칼라 출력: f(x) = sum(x²), x = [1,2,3], v = tensor(2.)",
            lambda: vjp(lambda x: (x ** 2).sum(), torch.tensor([1.0, 2.0, 3.0], requires_grad=True),
                        torch.tensor(2.0)),
            torch.tensor([4.0, 8.0, 12.0]), v_hint)
    c.equal("f 안의 브로드캐스팅: f(x) = x + zeros(2,3), x 는 (3,), v = [[1,2,3],[10,20,30]]",
            lambda: vjp(lambda x: x + torch.zeros(2, 3), torch.tensor([1.0, 2.0, 3.0], requires_grad=True),
                        torch.tensor([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])),
            torch.tensor([11.0, 22.0, 33.0]), "결과는 x 와 같은 모양이어야 합니다. 엔진이 알아서 맞춰 줍니다.")

    def twice():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        v = torch.tensor([1.0, 1.0])
        vjp(lambda t: t * t, x, v)
        return vjp(lambda t: t * t, x, v)

    c.equal("같은 x 로 두 번 부르면 두 번 다 같은 답: f(x) = x*x, x = [1,2], v = [1,1] → 2x", twice,
            torch.tensor([2.0, 4.0]),
            "backward() 는 x.grad 에 더합니다(누적). x.grad 를 돌려준다면 매번 None 으로 비운 뒤 계산하거나, "
            ".grad 를 건드리지 않는 torch.autograd.grad 를 쓰세요.")
    return c.done()


# ------------------------------------------------------------------------------------ task 3
def check_jacobian(jacobian):
    c = Check("과제 3: 야코비안 행렬을 한 행씩 (jacobian)")
    row_hint = ("i 번째 행은 ∂yᵢ/∂x 입니다: i 번째만 1 이고 나머지는 0 인 v 로 vjp 를 구하면 그 행이 나옵니다. "
                "행들을 torch.stack 으로 쌓아 (출력 원소 수, 입력 원소 수) 모양으로 돌려주세요.")
    A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, -6.0]])
    M = torch.tensor([[2.0, -1.0], [0.5, 3.0]])

    c.equal("f(x) = M @ x (2×2, 대칭 아님) → J = M",
            lambda: jacobian(lambda x: M @ x, torch.tensor([1.0, 1.0], requires_grad=True)), M, row_hint)
    c.equal("f(x) = 3x², x = [1,2,3] → J = diag(6x)",
            lambda: jacobian(lambda x: 3 * x ** 2, torch.tensor([1.0, 2.0, 3.0], requires_grad=True)),
            torch.tensor([[6.0, 0.0, 0.0], [0.0, 12.0, 0.0], [0.0, 0.0, 18.0]]), row_hint)
    c.equal("f(x) = A @ x (ℝ³ → ℝ²) → J = A (2×3)",
            lambda: jacobian(lambda x: A @ x, torch.tensor([1.0, -1.0, 2.0], requires_grad=True)), A,
            row_hint + " 행의 수는 출력의 원소 수입니다 (열이 아니라 행을 하나씩).")
    c.equal("f(x) = x · sum(x), x = [1,2] → J = [[4,1],[2,5]]",
            lambda: jacobian(lambda x: x * x.sum(), torch.tensor([1.0, 2.0], requires_grad=True)),
            torch.tensor([[4.0, 1.0], [2.0, 5.0]]),
            "∂(xᵢ·S)/∂xⱼ = δᵢⱼ·S + xᵢ (S = x₁+x₂). " + row_hint)
    c.equal("f(x) = Aᵀ @ x (ℝ² → ℝ³) → J = Aᵀ (3×2)",
            lambda: jacobian(lambda x: A.t() @ x, torch.tensor([1.0, 1.0], requires_grad=True)), A.t(), row_hint)
    return c.done()
