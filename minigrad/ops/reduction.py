"""Reductions: sum, mean, max, min and norm (chapters 03 and 04).

Backward of a reduction spreads the gradient back over the elements that were reduced: every
element contributed to a sum with weight 1, to a mean with weight 1/n.
"""
import math

import numpy as np

from .. import errors
from ..function import Function
from ..tensor import Tensor, _axes
from .arithmetic import DivScalar
from .pointwise import MaskedFill


def _dims(dim, ndim):
    axes = _axes(dim, ndim)
    return (axes,) if isinstance(axes, int) else tuple(axes)


def _unreduce(grad, shape, dims, keepdim):
    """Give the reduced gradient its reduced dimensions back (as size 1), then expand to `shape`."""
    if not keepdim and shape:
        for d in sorted(dims):
            grad = grad.unsqueeze(d)
    return grad.expand(shape)


def _sum_dtype(array):
    return np.int64 if array.dtype.kind in "biu" else array.dtype


class Sum(Function):
    """``x.sum()``: every element, to a 0-d tensor."""
    node_name = "SumBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.shape = a.array.shape
        return np.asarray(a.array.sum(dtype=_sum_dtype(a.array)))

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape)            # d(Σx)/dxᵢ = 1 for every i


class SumDim(Function):
    """``x.sum(dim, keepdim)``."""
    node_name = "SumBackward1"
    saved_attributes = ('keepdim',)

    @staticmethod
    def forward(ctx, a, dim, keepdim):
        ctx.shape, ctx.keepdim = a.array.shape, keepdim
        ctx.dims = _dims(dim, a.array.ndim)
        return a.array.sum(axis=ctx.dims, keepdims=keepdim, dtype=_sum_dtype(a.array))

    @staticmethod
    def backward(ctx, grad):
        return _unreduce(grad, ctx.shape, ctx.dims, ctx.keepdim), None, None


class Mean(Function):
    """``x.mean()``."""
    node_name = "MeanBackward0"

    @staticmethod
    def forward(ctx, a):
        if a.array.dtype.kind != "f":
            raise errors.mean_of_integers(a)
        ctx.shape, ctx.n = a.array.shape, a.array.size
        return np.asarray(a.array.mean())

    @staticmethod
    def backward(ctx, grad):
        return DivScalar.apply(grad.expand(ctx.shape), ctx.n)    # d(Σx/n)/dxᵢ = 1/n


class MeanDim(Function):
    """``x.mean(dim, keepdim)``."""
    node_name = "MeanBackward1"
    saved_attributes = ('keepdim',)

    @staticmethod
    def forward(ctx, a, dim, keepdim):
        if a.array.dtype.kind != "f":
            raise errors.mean_of_integers(a)
        ctx.shape, ctx.keepdim = a.array.shape, keepdim
        ctx.dims = _dims(dim, a.array.ndim)
        ctx.n = math.prod(a.array.shape[d] for d in ctx.dims)
        return a.array.mean(axis=ctx.dims, keepdims=keepdim)

    @staticmethod
    def backward(ctx, grad):
        return DivScalar.apply(_unreduce(grad, ctx.shape, ctx.dims, ctx.keepdim), ctx.n), None, None


class Max(Function):
    """``x.max()``: the gradient is shared evenly by the elements that are the maximum."""
    node_name = "MaxBackward1"
    saved_names = ('self', 'result')
    reduce = staticmethod(np.max)
    name = "max"

    @staticmethod
    def forward(ctx, a):
        if a.array.size == 0:
            raise errors.error(RuntimeError, f"{ctx.function.name}(): Expected reduction dim to be specified for "
                               "input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
                               _EMPTY_HINT)
        result = Tensor._make(np.asarray(ctx.function.reduce(a.array)))
        ctx.save_for_backward(a, result)
        return result

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        mask = (a == result).to(a.dtype)
        return grad * mask / mask.sum()


class Min(Max):
    """``x.min()``: the same, with the minimum."""
    node_name = "MinBackward1"
    reduce = staticmethod(np.min)
    name = "min"


class MaxDim(Function):
    """``x.max(dim)`` -> values; the gradient goes to the element that was picked."""
    node_name = "MaxBackward0"

    @staticmethod
    def forward(ctx, a, dim, keepdim, indices):
        ctx.shape, ctx.dim, ctx.keepdim, ctx.indices = a.array.shape, dim, keepdim, indices
        values = np.take_along_axis(a.array, indices, axis=dim)
        return values if keepdim else np.squeeze(values, axis=dim)

    @staticmethod
    def backward(ctx, grad):
        g = grad if ctx.keepdim else grad.unsqueeze(ctx.dim)
        return _ScatterAlong.apply(g, ctx.shape, ctx.dim, ctx.indices), None, None, None


class MinDim(MaxDim):
    node_name = "MinBackward0"


class _ScatterAlong(Function):
    node_name = "ScatterBackward0"

    @staticmethod
    def forward(ctx, g, shape, dim, indices):
        ctx.dim, ctx.indices = dim, indices
        out = np.zeros(shape, dtype=g.array.dtype)
        np.put_along_axis(out, indices, g.array, axis=dim)
        return out

    @staticmethod
    def backward(ctx, grad):
        return Tensor._make(np.take_along_axis(grad.array, ctx.indices, axis=ctx.dim)), None, None, None


class Norm(Function):
    """``x.norm()`` (the 2-norm by default; PyTorch's node is LinalgVectorNormBackward0)."""
    node_name = "LinalgVectorNormBackward0"
    saved_names = ('self', 'result')

    @staticmethod
    def forward(ctx, a, p, dim, keepdim):
        if p != 2:
            raise NotImplementedError("minigrad's norm supports p=2 only")
        axes = None if dim is None else _dims(dim, a.array.ndim)
        result = Tensor._make(np.asarray(np.sqrt(np.sum(a.array * a.array, axis=axes, keepdims=keepdim))))
        ctx.save_for_backward(a, result)
        ctx.dim, ctx.dims, ctx.keepdim = dim, axes, keepdim
        return result

    @staticmethod
    def backward(ctx, grad):
        a, result = ctx.saved_tensors
        if ctx.dim is not None and not ctx.keepdim:   # the reduced dimensions back, as size 1
            for d in sorted(ctx.dims):
                grad, result = grad.unsqueeze(d), result.unsqueeze(d)
        # d‖a‖/da = a / ‖a‖   (0 where the norm is 0)
        return grad * MaskedFill.apply(a / result, result == 0, 0), None, None, None


_EMPTY_HINT = "빈 텐서에는 최댓값·최솟값이 없습니다. 원소가 있는지(x.numel() > 0) 먼저 확인하세요."




def max_dim(a, dim, keepdim, function=MaxDim, pick=np.argmax):
    """``x.max(dim)``: (values, indices), like torch.return_types.max."""
    d = _dims(dim, a.array.ndim)[0]
    if a.array.ndim and a.array.shape[d] == 0:
        raise errors.empty_reduction("max" if pick is np.argmax else "min", d)
    indices = pick(a.array, axis=d, keepdims=True)
    values = function.apply(a, d, keepdim, indices)
    return _MinMaxResult(values, Tensor._make(indices if keepdim else np.squeeze(indices, axis=d)),
                         "max" if pick is np.argmax else "min")


def min_dim(a, dim, keepdim):
    return max_dim(a, dim, keepdim, MinDim, np.argmin)


class _MinMaxResult(tuple):
    """(values, indices), printed like PyTorch's torch.return_types.max (or .min)."""

    def __new__(cls, values, indices, name="max"):
        result = super().__new__(cls, (values, indices))
        result.name = name
        return result

    def __repr__(self):
        return f"torch.return_types.{self.name}(\nvalues={self[0]!r},\nindices={self[1]!r})"

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]


# ---------------------------------------------------------- what these operations are on a Tensor
def sum(self, dim=None, keepdim=False, dtype=None):  # noqa: A001
    t = self if dtype is None else self.to(dtype)
    return Sum.apply(t) if dim is None else SumDim.apply(t, dim, keepdim)


def mean(self, dim=None, keepdim=False, dtype=None):
    t = self if dtype is None else self.to(dtype)
    return Mean.apply(t) if dim is None else MeanDim.apply(t, dim, keepdim)


def max(self, dim=None, keepdim=False):  # noqa: A001
    if dim is not None:
        return max_dim(self, dim, keepdim)
    return Max.apply(self)


def min(self, dim=None, keepdim=False):  # noqa: A001
    if dim is not None:
        return min_dim(self, dim, keepdim)
    return Min.apply(self)


def norm(self, p=2, dim=None, keepdim=False):
    return Norm.apply(self, p, dim, keepdim)


Tensor.sum, Tensor.mean, Tensor.max, Tensor.min, Tensor.norm = sum, mean, max, min, norm
