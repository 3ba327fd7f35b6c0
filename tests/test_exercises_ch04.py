"""Exercise 04 checks: pass on the reference solution, fail with the right text on typical wrong answers."""
import minigrad as torch
from minigrad.exercises import ch04


# ------------------------------------------------------------------ reference solution (as in solutions/)
def sum_to_shape(grad, shape):
    shape = tuple(shape)
    lead = grad.dim() - len(shape)
    if lead > 0:
        grad = grad.sum(dim=tuple(range(lead)))
    stretched = tuple(i for i, s in enumerate(shape) if s == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(dim=stretched, keepdim=True)
    return grad


def vjp(f, x, v):
    (g,) = torch.autograd.grad(f(x), x, v)
    return g


def jacobian(f, x, vjp=vjp):
    m = f(x).numel()
    rows = []
    for i in range(m):
        v = torch.zeros(m)
        v[i] = 1.0
        rows.append(vjp(lambda t: f(t).reshape(m), x, v))
    return torch.stack(rows)


def _failed(result, *fragments):
    assert result.status == "failed", result.text
    for fragment in fragments:
        assert fragment in result.text, (fragment, result.text)


# ------------------------------------------------------------------ task 1
def test_sum_to_shape_passes_on_reference():
    result = ch04.check_sum_to_shape(sum_to_shape)
    assert result.passed, result.text
    assert result.total == len(ch04.SHAPE_PAIRS) + 1


def test_sum_to_shape_not_implemented():
    def stub(grad, shape):
        raise NotImplementedError()

    assert ch04.check_sum_to_shape(stub).status == "not_implemented"


def test_sum_to_shape_only_leading_dims():
    def leading_only(grad, shape):
        lead = grad.dim() - len(shape)
        return grad.sum(dim=tuple(range(lead))) if lead > 0 else grad

    result = ch04.check_sum_to_shape(leading_only)
    _failed(result, "크기 1 이던 차원: (2, 3) → (1, 3)", "모양(shape)이 다릅니다: 기대 (1, 3), 실제 (2, 3)",
            "keepdim=True")
    assert "앞에 붙은 차원: (2, 3) → (3,)" not in result.text


def test_sum_to_shape_without_keepdim():
    def no_keepdim(grad, shape):
        lead = grad.dim() - len(shape)
        if lead > 0:
            grad = grad.sum(dim=tuple(range(lead)))
        stretched = tuple(i for i, s in enumerate(shape) if s == 1 and grad.shape[i] != 1)
        return grad.sum(dim=stretched) if stretched else grad

    result = ch04.check_sum_to_shape(no_keepdim)
    _failed(result, "(2, 3) → (2, 1)", "기대 (2, 1), 실제 (2,)")


def test_sum_to_shape_mean_instead_of_sum():
    def with_mean(grad, shape):
        lead = grad.dim() - len(shape)
        if lead > 0:
            grad = grad.mean(dim=tuple(range(lead)))
        stretched = tuple(i for i, s in enumerate(shape) if s == 1 and grad.shape[i] != 1)
        return grad.mean(dim=stretched, keepdim=True) if stretched else grad

    result = ch04.check_sum_to_shape(with_mean)
    _failed(result, "값이 다릅니다", "평균이 아니라 합입니다", "내 sum_to_shape 로 엔진이 역전파")


# ------------------------------------------------------------------ task 2
def test_vjp_passes_on_reference():
    result = ch04.check_vjp(vjp)
    assert result.passed, result.text


def test_vjp_with_backward_passes_when_grad_is_cleared():
    def with_backward(f, x, v):
        x.grad = None
        f(x).backward(v)
        return x.grad

    assert ch04.check_vjp(with_backward).passed


def test_vjp_ignoring_v():
    def ignores_v(f, x, v):
        (g,) = torch.autograd.grad(f(x).sum(), x)
        return g

    result = ch04.check_vjp(ignores_v)
    _failed(result, "04장의 예제: f(x) = 3x²", "tensor([ 0.6000,  6.0000, 60.0000])", "v 를 빼고 합만 미분하면")


def test_vjp_returning_accumulated_grad():
    def accumulates(f, x, v):
        f(x).backward(v)
        return x.grad

    result = ch04.check_vjp(accumulates)
    _failed(result, "두 번 부르면", "실제값: tensor([4., 8.])", "누적")
    assert len(result.failures) == 1


# ------------------------------------------------------------------ task 3
def test_jacobian_passes_on_reference():
    result = ch04.check_jacobian(jacobian)
    assert result.passed, result.text


def test_jacobian_transposed():
    def columns(f, x):
        return jacobian(f, x).t()

    result = ch04.check_jacobian(columns)
    _failed(result, "2×2, 대칭 아님", "모양(shape)이 다릅니다: 기대 (2, 3), 실제 (3, 2)", "행을 하나씩")
    assert "diag(6x)" not in result.text      # a symmetric Jacobian hides the mistake


def test_jacobian_with_summed_rows():
    def one_row(f, x):
        (g,) = torch.autograd.grad(f(x).sum(), x)
        return torch.stack([g] * f(x).numel())

    result = ch04.check_jacobian(one_row)
    _failed(result, "i 번째만 1 이고")


def test_jacobian_stub_vjp_reports_not_implemented():
    def stub_vjp(f, x, v):
        raise NotImplementedError()

    result = ch04.check_jacobian(lambda f, x: jacobian(f, x, vjp=stub_vjp))
    assert result.status == "not_implemented"
