"""softmax and log_softmax along one dimension, and gather / scatter (the classification family).

softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ, computed as PyTorch computes it: subtract the largest value first (eˣ
cannot overflow), then divide by the sum. log_softmax(x)ᵢ = (xᵢ - max) - log Σⱼ e^(xⱼ - max).

Backward, with y = softmax(x) and g the incoming gradient:  dx = y · (g - Σ g·y)
and with y = log_softmax(x):                                dx = g - eʸ · Σ g
"""
import warnings

import numpy as np

from .. import dtypes, errors, numerics
from ..function import Function
from ..tensor import Tensor, _wrap_dim
from .inplace import inplace


def _exp_shifted(x, dim):
    """(x - max along dim), and e to that power: as PyTorch's kernels compute both."""
    shifted = x - x.max(axis=dim, keepdims=True)
    return shifted, numerics.rounded(np.exp, shifted)


class Softmax(Function):
    node_name = "SoftmaxBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        _, e = _exp_shifted(a.array, dim)
        total = e.sum(axis=dim, keepdims=True)
        # (PyTorch's kernel along the last dimension multiplies by 1/sum; elsewhere it divides)
        y = e * (1 / total) if dim == a.array.ndim - 1 else e / total
        result = Tensor._make(y.astype(e.dtype, copy=False))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return y * (grad - (grad * y).sum(ctx.dim, keepdim=True)), None


class LogSoftmax(Function):
    node_name = "LogSoftmaxBackward0"
    saved_names = ('result',)

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        shifted, e = _exp_shifted(a.array, dim)
        log_total = numerics.rounded(np.log, e.sum(axis=dim, keepdims=True))
        result = Tensor._make((shifted - log_total).astype(e.dtype, copy=False))
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad):
        (y,) = ctx.saved_tensors
        return grad - y.exp() * grad.sum(ctx.dim, keepdim=True), None


def _prepare(input, dim, dtype, name):
    """The dimension (PyTorch's old implicit choice, with its warning, when none is given) and the
    input in `dtype` if one is asked for."""
    if dim is None:
        warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to "
                      "include dim=X as an argument.", UserWarning, stacklevel=3)
        dim = 0 if input.array.ndim in (0, 1, 3) else 1
    dim = _wrap_dim(dim, input.array.ndim)
    if dtype is not None:
        input = input.to(dtype)
    elif input.array.dtype.kind != "f":
        kernel = "lastdim_kernel_impl" if dim == input.array.ndim - 1 else "kernel_impl"
        raise errors.error(NotImplementedError,
                           f'"{name}_{kernel}" not implemented for '
                           f"'{dtypes.from_numpy(input.array.dtype).short_name}'",
                           f"{name} 는 실수 텐서에만 쓸 수 있습니다. x.float() 로 바꾸거나 "
                           "dtype=torch.float32 를 주세요.")
    return input, dim


def softmax(input, dim=None, _stacklevel=3, dtype=None):  # noqa: A002
    input, dim = _prepare(input, dim, dtype, "softmax")
    return Softmax.apply(input, dim)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):  # noqa: A002
    input, dim = _prepare(input, dim, dtype, "log_softmax")
    return LogSoftmax.apply(input, dim)


def _softmax_method(self, dim=None, dtype=None):
    return softmax(self, dim, dtype=dtype)


def _log_softmax_method(self, dim=None, dtype=None):
    return log_softmax(self, dim, dtype=dtype)


# ----------------------------------------------------------------------------- gather / scatter
def _check_index(input, dim, index, name):
    if index.array.dtype not in (np.int64, np.int32):
        raise errors.error(RuntimeError, f"{name}(): Expected dtype int32/int64 for index",
                           f"{name} 의 index 는 정수(int64) 텐서여야 합니다. index.long() 으로 바꾸세요.")
    if index.array.ndim != input.array.ndim:
        raise errors.error(RuntimeError,
                           "Index tensor must have the same number of dimensions as "
                           f"{'input' if name == 'gather' else 'self'} tensor",
                           f"{name} 의 index 는 입력과 차원 수가 같아야 합니다. "
                           "index.unsqueeze(1) 처럼 차원을 맞추세요.")
    size = input.array.shape[dim]
    bad = (index.array < 0) | (index.array >= size)
    if bad.any():
        raise errors.error(RuntimeError,
                           f"index {int(index.array[bad].flat[0])} is out of bounds for dimension {dim} "
                           f"with size {size}",
                           f"index 의 값은 0 부터 {size - 1} 까지여야 합니다 ({dim}번 차원의 크기가 {size}).")


def _region(shape, dim, index):
    """The index arrays that pick, for every position of `index`, the element it names along dim."""
    grids = list(np.indices(index.shape, sparse=True))
    grids[dim] = index
    return tuple(grids)


class Gather(Function):
    """out[i][j] = input[i][index[i][j]] (for dim=1)."""
    node_name = "GatherBackward0"

    @staticmethod
    def forward(ctx, a, dim, index):
        ctx.dim, ctx.index, ctx.shape = dim, index, a.array.shape
        return a.array[_region(a.array.shape, dim, index)]

    @staticmethod
    def backward(ctx, grad):
        out = np.zeros(ctx.shape, dtype=grad.array.dtype)        # the gradient goes back where
        np.add.at(out, _region(ctx.shape, ctx.dim, ctx.index), grad.array)    # it was taken
        return Tensor._make(out), None, None


class Scatter(Function):
    """A copy of input with out[i][index[i][j]] = src[i][j] (for dim=1); src a tensor or a number."""
    node_name = "ScatterBackward0"

    @staticmethod
    def forward(ctx, a, dim, index, src):
        ctx.dim, ctx.index = dim, index
        ctx.src_shape = src.array.shape if isinstance(src, Tensor) else None
        out = a.array.copy()
        value = src.array[tuple(slice(0, n) for n in index.shape)] \
            if isinstance(src, Tensor) else src
        out[_region(a.array.shape, dim, index)] = value
        return out

    @staticmethod
    def backward(ctx, grad):
        where = _region(grad.array.shape, ctx.dim, ctx.index)
        g = grad.array.copy()
        g[where] = 0                               # overwritten places: no gradient to input
        grad_src = None
        if ctx.needs_input_grad[3]:              # src's elements that were used: where they went
            grad_src = np.zeros(ctx.src_shape, dtype=grad.array.dtype)
            grad_src[tuple(slice(0, n) for n in ctx.index.shape)] = grad.array[where]
            grad_src = Tensor._make(grad_src)
        return Tensor._make(g), None, None, grad_src


class ScatterValue(Scatter):
    node_name = "ScatterBackward1"


def gather(input, dim, index, *, sparse_grad=False, out=None):  # noqa: A002
    dim = _wrap_dim(dim, input.array.ndim)
    _check_index(input, dim, index, "gather")
    return Gather.apply(input, dim, index.array.astype(np.int64))    # (the index: no gradient)


def scatter(input, dim, index, src=None, value=None, *, reduce=None):  # noqa: A002
    if reduce is not None:
        raise errors.error(NotImplementedError, "minigrad's scatter has no reduce= argument",
                           "minigrad 의 scatter 는 reduce= 를 지원하지 않습니다.")
    src = value if src is None else src
    dim = _wrap_dim(dim, input.array.ndim)
    _check_index(input, dim, index, "scatter")
    function = Scatter if isinstance(src, Tensor) else ScatterValue
    return function.apply(input, dim, index.array.astype(np.int64), src)


def _gather_method(self, dim, index, *, sparse_grad=False):
    return gather(self, dim, index)


def _scatter_method(self, dim, index, src=None, value=None, *, reduce=None):
    return scatter(self, dim, index, src, value, reduce=reduce)


def _scatter_(self, dim, index, src=None, value=None, *, reduce=None):
    return inplace(self, scatter, dim, index, src, value)


Tensor.softmax, Tensor.log_softmax = _softmax_method, _log_softmax_method
Tensor.gather, Tensor.scatter, Tensor.scatter_ = _gather_method, _scatter_method, _scatter_
