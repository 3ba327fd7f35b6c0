"""Arithmetic: + - * / ** and negation (chapters 02 and 03).

Each class is one operation: ``forward`` computes the result with numpy, ``backward`` receives the
gradient of the result (``grad``) and returns the gradient of each input: the chain rule's local
step. Backward works with Tensor operations, so it can itself be recorded (``create_graph=True``).

Broadcasting is not handled here: if ``a`` had shape (3,) and ``b`` (2, 3), ``grad * b`` has shape
(2, 3) and the engine sums it back to (3,) (see ``engine._check_gradient``).
"""
import numpy as np

from .. import dtypes, errors
from ..function import Function
from ..tensor import Tensor


def binary(np_op, a, b):
    """Apply a numpy ufunc to two operands with PyTorch's dtype rule and error message."""
    a_is_tensor, b_is_tensor = isinstance(a, Tensor), isinstance(b, Tensor)
    x = a.array if a_is_tensor else a
    y = b.array if b_is_tensor else b
    try:
        out = np_op(x, y)
    except OverflowError:                         # uint8 tensor + (-3): PyTorch wraps the number
        return binary(np_op, a, np.array(b).astype(x.dtype) if isinstance(x, np.ndarray) else b)
    except ValueError:                            # shapes that do not broadcast, or int ** negative int
        raise _broadcast_error(np.shape(x), np.shape(y)) or _int_power_error() from None
    # numpy agrees with PyTorch when both tensors have the same dtype, or when a Python number left
    # the tensor's dtype as it was; in the other cases PyTorch's promotion rule decides
    if a_is_tensor and b_is_tensor:
        if x.dtype == y.dtype:
            return out
    elif out.dtype == (x if a_is_tensor else y).dtype:
        return out
    want = dtypes.result_type(x, y)
    return out if out.dtype == want else np.asarray(out).astype(want)


def _broadcast_error(sx, sy):
    """PyTorch's error for shapes that do not broadcast (None if they do)."""
    for i in range(1, max(len(sx), len(sy)) + 1):
        dx = sx[-i] if i <= len(sx) else 1
        dy = sy[-i] if i <= len(sy) else 1
        if dx != dy and dx != 1 and dy != 1:
            dim = max(len(sx), len(sy)) - i
            return errors.error(
                RuntimeError,
                f"The size of tensor a ({dx}) must match the size of tensor b ({dy}) at non-singleton dimension {dim}",
                f"두 텐서의 모양 {list(sx)} 와 {list(sy)} 는 브로드캐스팅할 수 없습니다: 뒤에서부터 맞춘 각 차원은 "
                "크기가 같거나 한쪽이 1 이어야 합니다.")
    return None


def _int_power_error():
    return errors.error(RuntimeError, "Integers to negative integer powers are not allowed.",
                        "정수 텐서의 음의 정수 거듭제곱은 정수가 아니므로 구할 수 없습니다. x.float() ** -1 처럼 "
                        "실수 텐서로 바꾼 뒤 계산하세요.")


def save_operands(ctx, a, b, keep_a, keep_b):
    """Save the tensor operands backward will need; a Python number is kept as a plain attribute."""
    a_is_tensor, b_is_tensor = isinstance(a, Tensor), isinstance(b, Tensor)
    ctx.save_for_backward(a if a_is_tensor and keep_a else None, b if b_is_tensor and keep_b else None)
    ctx.numbers = (None if a_is_tensor else a, None if b_is_tensor else b)


def saved_operands(ctx):
    a, b = ctx.saved_tensors
    return (ctx.numbers[0] if a is None else a), (ctx.numbers[1] if b is None else b)


def _as_float32(x):
    if isinstance(x, Tensor):
        return Tensor._make(x.array.astype(dtypes.DEFAULT_FLOAT.np_dtype))
    return float(x)


def _is_float(x):
    return x.array.dtype.kind == "f" if isinstance(x, Tensor) else isinstance(x, float)


class Add(Function):
    node_name = "AddBackward0"
    wrap_numbers = True

    @staticmethod
    def forward(ctx, a, b):
        return binary(np.add, a, b)

    @staticmethod
    def backward(ctx, grad):
        # d(a+b)/da = 1, d(a+b)/db = 1: the gradient passes through unchanged
        return grad, grad


class Sub(Function):
    node_name = "SubBackward0"
    wrap_numbers = True

    @staticmethod
    def forward(ctx, a, b):
        return binary(np.subtract, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad


class Rsub(Function):
    """``number - tensor`` (PyTorch calls it rsub)."""
    node_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, a, number):
        return binary(np.subtract, number, a)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


class Mul(Function):
    node_name = "MulBackward0"
    saved_names = ('self', 'other')
    wrap_numbers = True

    @staticmethod
    def forward(ctx, a, b):
        # a is needed for b's gradient and vice versa. Like PyTorch's own operations, save only
        # when the node is recorded (then backward can run)
        if ctx._recorded:
            needs = ctx.needs_input_grad
            save_operands(ctx, a, b, keep_a=needs[1], keep_b=needs[0])
        return binary(np.multiply, a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = saved_operands(ctx)
        # d(a*b)/da = b, d(a*b)/db = a
        grad_a = grad * b if ctx.needs_input_grad[0] else None
        grad_b = grad * a if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Div(Function):
    node_name = "DivBackward0"
    saved_names = ('self', 'other')
    wrap_numbers = True

    @staticmethod
    def forward(ctx, a, b):
        if ctx._recorded:                        # b for a's gradient (1/b), a and b for b's
            save_operands(ctx, a, b, keep_a=ctx.needs_input_grad[1], keep_b=True)
        if not (_is_float(a) or _is_float(b)):     # int / int is a float32 tensor in PyTorch
            a, b = _as_float32(a), _as_float32(b)
        with np.errstate(all="ignore"):             # 1/0 = inf, 0/0 = nan: silently, as in PyTorch
            return binary(np.true_divide, a, b)

    @staticmethod
    def backward(ctx, grad):
        a, b = saved_operands(ctx)
        # d(a/b)/da = 1/b, d(a/b)/db = -a/b²
        grad_a = grad / b if ctx.needs_input_grad[0] else None
        grad_b = -grad * a / (b * b) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Neg(Function):
    node_name = "NegBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.negative(a.array)

    @staticmethod
    def backward(ctx, grad):
        return -grad


class Reciprocal(Function):
    node_name = "ReciprocalBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        x = a.array if a.array.dtype.kind == "f" else a.array.astype(dtypes.DEFAULT_FLOAT.np_dtype)
        with np.errstate(divide="ignore"):
            result = Tensor._make(np.reciprocal(x))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return -grad * result * result          # d(1/a)/da = -1/a²


class Pow(Function):
    """``tensor ** number``."""
    node_name = "PowBackward0"
    saved_names = ('self',)
    saved_attributes = ('exponent',)

    @staticmethod
    def forward(ctx, a, exponent):
        ctx.save_for_backward(a)
        ctx.exponent = exponent
        with np.errstate(all="ignore"):             # 0 ** -1 = inf, silently, as in PyTorch
            return binary(np.power, a, exponent)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        n = ctx.exponent
        if n == 0:
            return grad * 0, None
        return grad * n * a ** (n - 1), None     # d(aⁿ)/da = n·aⁿ⁻¹


class PowTensor(Function):
    """``tensor ** tensor``."""
    node_name = "PowBackward1"
    saved_names = ('self', 'exponent', 'result')

    @staticmethod
    def forward(ctx, a, b):
        with np.errstate(all="ignore"):
            result = Tensor._make(binary(np.power, a, b))
        ctx.save_for_backward(a, b, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        a, b, result = ctx.saved_tensors
        grad_a = grad * b * a ** (b - 1) if ctx.needs_input_grad[0] else None
        # d(aᵇ)/db = aᵇ·ln a  (taken as 0 where a = 0, as PyTorch does)
        grad_b = grad * result * _log_or_zero(a) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class RPow(Function):
    """``number ** tensor``."""
    node_name = "PowBackward2"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, base, b):
        with np.errstate(all="ignore"):
            result = Tensor._make(binary(np.power, base, b))
        ctx.save_for_backward(result)
        ctx.base = base
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return None, grad * result * float(np.log(ctx.base))


def _log_or_zero(a):
    safe = Tensor._make(np.where(a.array == 0, 1, a.array).astype(a.array.dtype))
    return safe.log()
