"""Elementwise functions: exp, log, sigmoid, tanh, relu ... (chapters 02 and 08).

For y = f(x) applied element by element, backward multiplies the incoming gradient by f'(x),
element by element. Several derivatives are cheapest written with the result y itself
(exp' = exp, sigmoid' = y(1-y), tanh' = 1-y²), so forward saves the result instead of the input.
"""
import numpy as np

from .. import dtypes, errors
from ..function import Function
from ..tensor import Tensor


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
            result = Tensor._make(np.exp(_float_array(a)))
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
            return np.log(_float_array(a))

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
            return np.log1p(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad / (a + 1)                    # (ln(1+x))' = 1/(1+x)


class Sigmoid(Function):
    node_name = "SigmoidBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        x = _float_array(a)
        # σ(x) = 1/(1+e⁻ˣ) in the tensor's own precision, like PyTorch: for x < -88 in float32, e⁻ˣ
        # overflows to inf and σ(x) rounds to exactly 0 (no warning, as in PyTorch)
        with np.errstate(over="ignore"):
            result = Tensor._make(1 / (1 + np.exp(-x)))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * result * (1 - result)      # σ' = σ(1-σ)


class Tanh(Function):
    node_name = "TanhBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a):
        result = Tensor._make(np.tanh(_float_array(a)))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (result,) = ctx.saved_tensors
        return grad * (1 - result * result)      # tanh' = 1 - tanh²


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
        return grad * (result > 0)               # 1 where x > 0, else 0


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
        return grad / (2 * result)               # (√x)' = 1/(2√x)


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
        return grad * a.sign()


class Sin(Function):
    node_name = "SinBackward0"
    saved_names = ('self',)

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return np.sin(_float_array(a))

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
        return np.cos(_float_array(a))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return -grad * a.sin()


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
        return grad * Tensor._make(inside), None, None   # 1 inside [lo, hi], 0 where clipped
