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


# PyTorch computes these powers of a float tensor with plain arithmetic, not with pow()
_EXACT_POWERS = {2: lambda x: x * x, 3: lambda x: x * x * x, 0.5: np.sqrt, -0.5: lambda x: 1 / np.sqrt(x),
                 -1: lambda x: 1 / x, -2: lambda x: 1 / (x * x)}


def power(a, b):
    """``a ** b`` with PyTorch's dtype rule and, as far as numpy allows, PyTorch's rounding."""
    if isinstance(a, Tensor) and a.array.dtype.kind == "f" and not isinstance(b, Tensor) and b in _EXACT_POWERS:
        return np.asarray(_EXACT_POWERS[b](a.array))
    out = binary(np.power, a, b)
    if out.dtype == np.float32:      # numpy's float32 pow is often 1 ulp off; via float64 it agrees
        x = np.asarray(a.array if isinstance(a, Tensor) else a, np.float32)
        y = np.asarray(b.array if isinstance(b, Tensor) else b, np.float32)
        out = np.power(x.astype(np.float64), y.astype(np.float64)).astype(np.float32)
    return np.asarray(out)       # (an array also for 0-d operands, where numpy gives a scalar)


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
        sub_check(a, b)
        return binary(np.subtract, a, b)

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad


def _is_bool(x):
    return x.array.dtype.kind == "b" if isinstance(x, Tensor) else isinstance(x, bool)


def sub_check(a, b):
    """PyTorch's sub_check: no subtraction with a bool tensor (a Python True/False counts as one)."""
    if _is_bool(a) and _is_bool(b):
        raise errors.error(RuntimeError, "Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.",
                           "bool 텐서끼리는 뺄 수 없습니다. 서로 다른 곳을 찾으려면 a ^ b 를 쓰고, 수로 빼려면 "
                           "a.int() - b.int() 처럼 바꾸세요.")
    if _is_bool(a) or _is_bool(b):
        raise errors.error(RuntimeError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you "
                           "are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                           "bool 텐서로는 뺄셈을 할 수 없습니다. 마스크를 뒤집으려면 ~mask 를, 수로 계산하려면 "
                           "mask.float() 처럼 바꾼 뒤 빼세요.")


class Rsub(Function):
    """``number - tensor`` (PyTorch calls it rsub)."""
    node_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, a, number):
        sub_check(number, a)
        return binary(np.subtract, number, a)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


# --- tensor (op) Scalar, as PyTorch's backward formulas call them ---------------------------------
# In Python, ``x * 2`` wraps the 2 in a tensor: MulBackward0, like x * y. PyTorch's own backward
# formulas are C++, where ``grad * 2`` calls the Scalar overload (mul.Scalar), recorded as
# MulBackward1. minigrad's backward formulas use these classes where PyTorch's use a Scalar, so that
# the graph create_graph=True builds has PyTorch's node names.
class MulScalar(Function):
    """``tensor * number`` inside a backward formula (PyTorch's mul.Scalar)."""
    node_name = "MulBackward1"
    saved_attributes = ('other',)

    @staticmethod
    def forward(ctx, a, other):
        ctx.other = other
        with np.errstate(invalid="ignore"):       # (inf · 0 = nan, silently as in PyTorch)
            return binary(np.multiply, a, other)

    @staticmethod
    def backward(ctx, grad):
        return MulScalar.apply(grad, ctx.other), None


class DivScalar(Function):
    """``tensor / number`` inside a backward formula (PyTorch's div.Scalar)."""
    node_name = "DivBackward1"
    saved_attributes = ('other',)

    @staticmethod
    def forward(ctx, a, other):
        ctx.other = other
        with np.errstate(all="ignore"):
            return binary(np.true_divide, a, other)

    @staticmethod
    def backward(ctx, grad):
        return DivScalar.apply(grad, ctx.other), None


class AddScalar(Function):
    """``tensor + number`` inside a backward formula (PyTorch's add.Scalar)."""
    node_name = "AddBackward1"

    @staticmethod
    def forward(ctx, a, other):
        return binary(np.add, a, other)

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class SubScalar(AddScalar):
    """``tensor - number`` inside a backward formula (PyTorch's sub.Scalar)."""
    node_name = "SubBackward1"

    @staticmethod
    def forward(ctx, a, other):
        return binary(np.subtract, a, other)


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
        # d(a/b)/da = 1/b, d(a/b)/db = -a/b²  (written as PyTorch writes it: -grad * ((a / b) / b))
        grad_a = grad / b if ctx.needs_input_grad[0] else None
        grad_b = -grad * ((a / b) / b) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Neg(Function):
    node_name = "NegBackward0"

    @staticmethod
    def forward(ctx, a):
        if a.array.dtype.kind == "b":
            raise errors.error(RuntimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are "
                               "trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                               "bool 텐서에는 부호를 바꾸는 - 가 없습니다. 마스크를 뒤집으려면 ~mask 를 쓰세요.")
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
        return -grad * (result * result)        # d(1/a)/da = -1/a²


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
            return power(a, exponent)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        n = ctx.exponent
        if n == 0:                               # a⁰ = 1: the gradient is 0 (a tensor outside the graph)
            return Tensor._make(np.zeros_like(a.array)), None
        n = float(n)                             # (PyTorch computes with the exponent as a double)
        return grad * MulScalar.apply(a ** (n - 1), n), None     # d(aⁿ)/da = n·aⁿ⁻¹


class PowTensor(Function):
    """``tensor ** tensor``."""
    node_name = "PowBackward1"
    saved_names = ('self', 'exponent', 'result')

    @staticmethod
    def forward(ctx, a, b):
        with np.errstate(all="ignore"):
            result = Tensor._make(power(a, b))
        ctx.save_for_backward(a, b, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        from .shape import Where                 # (shape.py imports this module)
        a, b, result = ctx.saved_tensors
        grad_a = grad_b = None
        with np.errstate(invalid="ignore"):      # 0·inf, 0·ln 0 = nan: where puts PyTorch's 0 there
            if ctx.needs_input_grad[0]:          # d(aᵇ)/da = b·aᵇ⁻¹  (0 where b = 0)
                grad_a = Where.apply(b == 0, 0.0, grad * (b * a ** SubScalar.apply(b, 1)))
            if ctx.needs_input_grad[1]:          # d(aᵇ)/db = aᵇ·ln a  (0 where a = 0 and b >= 0)
                if a.dtype != result.dtype:
                    a = a.to(result.dtype)
                grad_b = grad * Where.apply((a == 0) & (b >= 0), 0.0, result * a.log())
        return grad_a, grad_b


class RPow(Function):
    """``number ** tensor``."""
    node_name = "PowBackward2"
    saved_names = ('exponent', 'result')

    @staticmethod
    def forward(ctx, base, b):
        with np.errstate(all="ignore"):
            result = Tensor._make(power(base, b))
        ctx.save_for_backward(b, result)
        ctx.base = base
        return result

    @staticmethod
    def backward(ctx, grad):
        b, result = ctx.saved_tensors
        with np.errstate(all="ignore"):
            log_base = float(np.log(ctx.base))
        local = MulScalar.apply(result, log_base)                  # d(cᵇ)/db = cᵇ·ln c
        if ctx.base == 0:                                          # 0 ** b: taken as 0 where b >= 0
            from .shape import Where                               # (shape.py imports this module)
            local = Where.apply(b >= 0, 0.0, local)
        return None, grad * local
