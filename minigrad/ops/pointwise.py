"""Elementwise functions: exp, log, sigmoid, tanh, relu ... (chapters 02 and 08).

For y = f(x) applied element by element, backward multiplies the incoming gradient by f'(x),
element by element. Several derivatives are cheapest written with the result y itself
(exp' = exp, sigmoid' = y(1-y), tanh' = 1-y²), so forward saves the result instead of the input.
"""
import numpy as np

from .. import dtypes, errors, numerics
from ..function import Function
from ..tensor import Tensor
from .arithmetic import AddScalar, MulScalar
from .where import Where


def _float_array(a):
    """Integer tensors become float32 first, as PyTorch does for exp, log, sigmoid..."""
    x = a.array
    return x if x.dtype.kind == "f" else x.astype(dtypes.DEFAULT_FLOAT.np_dtype)


class Exp(Function):
    node_name = "ExpBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        with np.errstate(over="ignore"):                 # overflow gives inf, silently (as PyTorch)
            result = Tensor._make(numerics.rounded(np.exp, _float_array(a)))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * result                     # (eˣ)' = eˣ


class Log(Function):
    node_name = "LogBackward0"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        with np.errstate(divide="ignore", invalid="ignore"):
            return numerics.rounded(np.log, _float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad / a                          # (ln x)' = 1/x


class Log1p(Function):
    """log(1 + x), accurate for small x."""
    node_name = "Log1PBackward0"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        with np.errstate(divide="ignore", invalid="ignore"):
            return numerics.rounded(np.log1p, _float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad / AddScalar.apply(a, 1)      # (ln(1+x))' = 1/(1+x)


class Sigmoid(Function):
    node_name = "SigmoidBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        x = _float_array(a)
        # σ(x) = 1/(1+e⁻ˣ) in the tensor's own precision, like PyTorch: for x < -88 in float32, e⁻ˣ
        # overflows to inf and σ(x) rounds to exactly 0 (no warning, as in PyTorch)
        with np.errstate(over="ignore"):
            result = Tensor._make(1 / (1 + numerics.rounded(np.exp, -x)))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return SigmoidBackward.apply(grad, result)     # σ' = σ(1-σ), one op of its own (as PyTorch)


class SigmoidBackward(Function):
    """PyTorch's sigmoid_backward(grad_output, output) = grad_output·(1-σ)·σ, itself differentiable."""
    node_name = "SigmoidBackwardBackward0"
    saved_names = ('grad_output', 'output')

    @staticmethod
    def forward(ctx, grad_output, output):
        ctx.save_for_backward(grad_output, output)
        y = output.array
        out = np.empty_like(y)                        # the one new array; the rest is in place
        np.subtract(1, y, out=out)                    # 1 - σ
        np.multiply(grad_output.array, out, out=out)  # g·(1-σ)
        np.multiply(out, y, out=out)                  # g·(1-σ)·σ
        return out

    @staticmethod
    def backward(ctx, grad):
        grad_output, output = ctx.saved_tensors
        # d/dg = (1-σ)σ, the same op again;  d/dσ = g·(1 - 2σ)
        grad_g = SigmoidBackward.apply(grad, output) if ctx.needs_input_grad[0] else None
        grad_y = grad * grad_output * AddScalar.apply(MulScalar.apply(output, -2), 1) \
            if ctx.needs_input_grad[1] else None
        return grad_g, grad_y


class Tanh(Function):
    node_name = "TanhBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        result = Tensor._make(numerics.rounded(np.tanh, _float_array(a)))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return TanhBackward.apply(grad, result)  # tanh' = 1 - tanh², one op of its own (as PyTorch)


class TanhBackward(Function):
    """PyTorch's tanh_backward(grad_output, output) = grad_output·(1 - y²), itself differentiable."""
    node_name = "TanhBackwardBackward0"
    saved_names = ('grad_output', 'output')

    @staticmethod
    def forward(ctx, grad_output, output):
        ctx.save_for_backward(grad_output, output)
        y = output.array
        out = np.empty_like(y)                        # the one new array; the rest is in place
        np.multiply(y, y, out=out)                    # y²
        np.subtract(1, out, out=out)                  # 1 - y²
        np.multiply(grad_output.array, out, out=out)  # g·(1 - y²)
        return out

    @staticmethod
    def backward(ctx, grad):
        grad_output, output = ctx.saved_tensors
        # d/dg = 1 - y², the same op again;  d/dy = g·(-2y)
        grad_g = TanhBackward.apply(grad, output) if ctx.needs_input_grad[0] else None
        grad_y = grad * (MulScalar.apply(output, -2) * grad_output) if ctx.needs_input_grad[1] else None
        return grad_g, grad_y


class Relu(Function):
    node_name = "ReluBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        result = Tensor._make(np.maximum(a.array, 0).astype(a.array.dtype))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return ThresholdBackward.apply(grad, result, 0)     # 1 where x > 0, else 0


class ThresholdBackward(Function):
    """PyTorch's threshold_backward(grad_output, self, threshold): the gradient where self > threshold, else 0."""
    node_name = "ThresholdBackwardBackward0"
    saved_names = ('self',)
    saved_attributes = ('threshold',)

    @staticmethod
    def forward(ctx, grad_output, a, threshold):
        ctx.save_for_backward(a)
        ctx.threshold = threshold
        return np.where(a.array <= threshold, 0, grad_output.array)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        # linear in grad_output: the same op again; a step in self: derivative 0
        grad_g = ThresholdBackward.apply(grad, a, ctx.threshold) if ctx.needs_input_grad[0] else None
        grad_a = Tensor._make(np.zeros_like(grad.array)) if ctx.needs_input_grad[1] else None
        return grad_g, grad_a, None


class Sqrt(Function):
    node_name = "SqrtBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        with np.errstate(invalid="ignore"):
            result = Tensor._make(np.sqrt(_float_array(a)))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad / MulScalar.apply(result, 2)     # (√x)' = 1/(2√x)


class Abs(Function):
    node_name = "AbsBackward0"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.abs(a.array)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * Sgn.apply(a)               # |x|' = sign(x)


class Sgn(Function):
    """sign(x) as a recorded op (PyTorch's sgn): -1, 0 or 1, with derivative 0."""
    node_name = "SgnBackward0"
    saved_names = ('self', 'result')

    @staticmethod
    def forward(ctx, a):
        result = Tensor._make(np.asarray(np.sign(a.array)))
        ctx.save_for_backward(a, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        return Tensor._make(np.zeros_like(grad.array))     # a tensor of zeros, outside the graph


class Sign(Function):
    """``x.sign()``: -1, 0 or 1; its derivative is 0 everywhere (0 where it jumps, as PyTorch)."""
    node_name = "SignBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.asarray(np.sign(a.array))

    @staticmethod
    def backward(ctx, grad):
        return grad * 0


class Sin(Function):
    node_name = "SinBackward0"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return numerics.rounded(np.sin, _float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * a.cos()


class Cos(Function):
    node_name = "CosBackward0"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return numerics.rounded(np.cos, _float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * -a.sin()


class Clamp(Function):
    node_name = "ClampBackward1"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a, lo, hi):
        if lo is None and hi is None:
            raise errors.error(RuntimeError, "torch.clamp: At least one of 'min' or 'max' must not be None",
                               "clamp 에 경계가 하나도 없습니다. x.clamp(min=0) 이나 x.clamp(0, 1) 처럼 적어도 "
                               "하나를 주세요.")
        ctx.save_for_backward(a)
        ctx.lo, ctx.hi = lo, hi
        dtype = a.array.dtype
        if dtype.kind in "biu" and (isinstance(lo, float) or isinstance(hi, float)):
            dtype = dtypes.DEFAULT_FLOAT.np_dtype     # an integer tensor clamped to 0.5 becomes a float one
        return np.clip(a.array, lo, hi).astype(dtype)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        inside = np.ones(a.array.shape, dtype=bool)
        if ctx.lo is not None:
            inside &= a.array >= ctx.lo
        if ctx.hi is not None:
            inside &= a.array <= ctx.hi
        # the gradient inside [lo, hi], 0 where clipped
        return Where.apply(Tensor._make(inside), grad, 0.0), None, None


class MaskedFill(Function):
    """``x.masked_fill(mask, value)``: value where mask is True, x elsewhere."""
    node_name = "MaskedFillBackward0"

    @staticmethod
    def forward(ctx, a, mask, value):
        ctx.mask = mask
        return np.where(mask.array, value, a.array)

    @staticmethod
    def backward(ctx, grad):                      # the filled places did not come from x: 0 there
        return MaskedFill.apply(grad, ctx.mask, 0), None, None


# ---------------------------------------------------------- what these operations are on a Tensor
def clamp(self, min=None, max=None):  # noqa: A002
    return Clamp.apply(self, min, max)


def clamp_min(self, min):  # noqa: A002
    return Clamp.apply(self, min, None)


def _unary(function):
    def method(self):
        return function.apply(self)
    return method


Tensor.exp, Tensor.log, Tensor.log1p = _unary(Exp), _unary(Log), _unary(Log1p)
Tensor.sigmoid, Tensor.tanh, Tensor.relu = _unary(Sigmoid), _unary(Tanh), _unary(Relu)
Tensor.sqrt, Tensor.abs, Tensor.sin, Tensor.cos = _unary(Sqrt), _unary(Abs), _unary(Sin), _unary(Cos)
Tensor.clamp = Tensor.clip = clamp
Tensor.sign = _unary(Sign)
Tensor.clamp_min = clamp_min
