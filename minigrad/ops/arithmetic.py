"""Arithmetic: + - * / ** and negation (chapters 02 and 03).

Each class is one operation: ``forward`` computes the result with numpy, ``backward`` gets the
gradient of the result (``grad``) and returns the gradient of each input, one local step of the
chain rule. backward is written with tensor operations, so that it can be recorded in turn
(``create_graph=True``).

Two things happen before ``apply`` and are not repeated here (``promotion.operands``): a Python
number becomes a tensor, and both operands get the dtype PyTorch computes in. Broadcasting needs no
code here either: if ``a`` has shape (3,) and ``b`` (2, 3), ``grad * b`` has shape (2, 3) and the
engine sums it back to (3,) (``vjp.fit``, chapter 04).
"""
import numpy as np

from .. import dtypes, errors, promotion
from ..function import Function
from ..numerics import binary, power
from ..tensor import Tensor
from .where import Where


class Add(Function):
    node_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b):
        return a.array + b.array

    @staticmethod
    def backward(ctx, grad):
        return grad, grad                      # ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1


class Sub(Function):
    node_name = "SubBackward0"

    @staticmethod
    def forward(ctx, a, b):
        return a.array - b.array

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad                     # ∂(a-b)/∂a = 1, ∂(a-b)/∂b = -1


class Mul(Function):
    node_name = "MulBackward0"
    saved_names = ("self", "other")

    @staticmethod
    def forward(ctx, a, b):
        # a's gradient needs b and b's needs a: keep only what will be needed, as PyTorch does
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, b if ctx.needs_input_grad[0] else None)
        return a.array * b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad * b if ctx.needs_input_grad[0] else None,      # ∂(a·b)/∂a = b
                grad * a if ctx.needs_input_grad[1] else None)      # ∂(a·b)/∂b = a


class Div(Function):
    node_name = "DivBackward0"
    saved_names = ("self", "other")

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None, b)
        with np.errstate(all="ignore"):        # 1/0 = inf, 0/0 = nan: silently, as in PyTorch
            return a.array / b.array

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b²  (written as PyTorch writes it: -grad * ((a / b) / b))
        grad_a = grad / b if ctx.needs_input_grad[0] else None
        grad_b = -grad * ((a / b) / b) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Neg(Function):
    node_name = "NegBackward0"

    @staticmethod
    def forward(ctx, a):
        if a.array.dtype.kind == "b":
            raise errors.negate_bool()
        return np.negative(a.array)

    @staticmethod
    def backward(ctx, grad):
        return -grad


class Rsub(Function):
    """``number - tensor`` (PyTorch calls it rsub; the number is no input of the graph)."""
    node_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, a, number):
        return binary(np.subtract, number, a)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


class Reciprocal(Function):
    node_name = "ReciprocalBackward0"
    saved_names = ("result",)

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
    saved_names = ("self",)
    saved_attributes = ("exponent",)

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
    saved_names = ("self", "exponent", "result")

    @staticmethod
    def forward(ctx, a, b):
        with np.errstate(all="ignore"):
            result = Tensor._make(power(a, b))
        ctx.save_for_backward(a, b, result)
        return result

    @staticmethod
    def backward(ctx, grad):
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
    saved_names = ("exponent", "result")

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
            local = Where.apply(b >= 0, 0.0, local)
        return None, grad * local


# --- tensor (op) Scalar, as PyTorch's backward formulas call them ---------------------------------
# In Python, ``x * 2`` wraps the 2 in a tensor: MulBackward0, like x * y. PyTorch's own backward
# formulas are C++, where ``grad * 2`` calls the Scalar overload (mul.Scalar), recorded as
# MulBackward1. minigrad's backward formulas use these classes where PyTorch's use a Scalar, so that
# the graph create_graph=True builds has PyTorch's node names. They only ever get floating-point
# gradients, so numpy keeps the tensor's dtype (a Python number does not change it).
class MulScalar(Function):
    """``tensor * number`` inside a backward formula (PyTorch's mul.Scalar)."""
    node_name = "MulBackward1"
    saved_attributes = ("other",)

    @staticmethod
    def forward(ctx, a, other):
        ctx.other = other
        with np.errstate(invalid="ignore"):       # (inf · 0 = nan, silently as in PyTorch)
            return a.array * other

    @staticmethod
    def backward(ctx, grad):
        return MulScalar.apply(grad, ctx.other), None


class DivScalar(Function):
    """``tensor / number`` inside a backward formula (PyTorch's div.Scalar)."""
    node_name = "DivBackward1"
    saved_attributes = ("other",)

    @staticmethod
    def forward(ctx, a, other):
        ctx.other = other
        return a.array / other

    @staticmethod
    def backward(ctx, grad):
        return DivScalar.apply(grad, ctx.other), None


class AddScalar(Function):
    """``tensor + number`` inside a backward formula (PyTorch's add.Scalar)."""
    node_name = "AddBackward1"

    @staticmethod
    def forward(ctx, a, other):
        return a.array + other

    @staticmethod
    def backward(ctx, grad):
        return grad, None


class SubScalar(AddScalar):
    """``tensor - number`` inside a backward formula (PyTorch's sub.Scalar)."""
    node_name = "SubBackward1"

    @staticmethod
    def forward(ctx, a, other):
        return a.array - other


# ---------------------------------------------------------- what these operations are on a Tensor
def add(self, other):
    """``self + other``: Add.apply, with both operands as PyTorch sees them (promotion.py)."""
    return Add.apply(*promotion.operands(self, other, "+"))


def mul(self, other):
    """``self * other``: Mul.apply, with both operands as PyTorch sees them (promotion.py)."""
    return Mul.apply(*promotion.operands(self, other, "*"))


def sub(self, other):
    errors.check_sub(_is_bool(self), _is_bool(other))     # (numpy would subtract bools)
    return Sub.apply(*promotion.operands(self, other, "-"))


def rsub(self, other):
    """``other - self`` for a number `other`."""
    other = promotion.number_or_tensor(other)
    if other is None:
        return NotImplemented
    if isinstance(other, Tensor):
        return sub(other, self)
    errors.check_sub(isinstance(other, bool), _is_bool(self))
    return Rsub.apply(self, other)


def truediv(self, other):
    return Div.apply(*promotion.operands(self, other, "/", true_divide=True))


def rtruediv(self, other):
    """``other / self``: PyTorch computes it as ``self.reciprocal() * other``."""
    return mul(Reciprocal.apply(self), other)


def pow(self, exponent):  # noqa: A001
    exponent = promotion.number_or_tensor(exponent)
    if exponent is None:
        return NotImplemented
    if isinstance(exponent, Tensor):
        return PowTensor.apply(self, exponent)
    return Pow.apply(self, exponent)


def rpow(self, base):
    base = promotion.number_or_tensor(base)
    if base is None:
        return NotImplemented
    if isinstance(base, Tensor):
        return PowTensor.apply(base, self)
    return RPow.apply(base, self)


def neg(self):
    return Neg.apply(self)


def reciprocal(self):
    return Reciprocal.apply(self)


def add_alpha(self, other, *, alpha=1):
    """``x.add(y, alpha=2)`` = x + 2·y."""
    return add(self, times_alpha(self, other, alpha))


def sub_alpha(self, other, *, alpha=1):
    return sub(self, times_alpha(self, other, alpha))


def _is_bool(x):
    """A bool tensor, or a Python True/False (PyTorch's sub_check counts both)."""
    value = x.array if isinstance(x, Tensor) else x
    return isinstance(value, (bool, np.bool_)) or getattr(value, "dtype", None) == np.bool_


def times_alpha(tensor, other, alpha):
    """``other * alpha`` for add/sub, after PyTorch's checks of alpha against the result's dtype."""
    other = promotion.number_or_tensor(other)
    if isinstance(alpha, bool) or (isinstance(alpha, float) and tensor.array.dtype.kind in "biu"):
        kind = dtypes.result_type(tensor.array, other.array if isinstance(other, Tensor) else other).kind
        errors.check_alpha(alpha, kind)
    return other if alpha == 1 else other * alpha


Tensor.__add__ = Tensor.__radd__ = add
Tensor.__mul__ = Tensor.__rmul__ = mul
Tensor.__sub__, Tensor.__rsub__ = sub, rsub
Tensor.__truediv__, Tensor.__rtruediv__ = truediv, rtruediv
Tensor.__pow__, Tensor.__rpow__, Tensor.pow = pow, rpow, pow
Tensor.__neg__ = Tensor.neg = neg
Tensor.reciprocal = reciprocal
Tensor.square = lambda self: pow(self, 2)      # (PyTorch records x.square() as x ** 2: PowBackward0)
Tensor.add, Tensor.sub, Tensor.mul, Tensor.div = add_alpha, sub_alpha, mul, truediv
