"""Operations that move elements around without changing them (chapter 04):
view/reshape, transpose, squeeze/unsqueeze, expand, indexing, dtype conversion.

Their backward moves the gradient back to where each element came from: reshape it back,
transpose it back, or put it into a zero tensor at the indexed positions.
"""
import math

import numpy as np

from .. import errors
from ..function import Function
from ..tensor import Tensor, _wrap_dim


def _infer_shape(shape, numel):
    shape = list(shape)
    if shape.count(-1) > 1:
        raise RuntimeError("only one dimension can be inferred")
    known = math.prod(s for s in shape if s != -1)
    if -1 in shape:
        if known == 0 or numel % known:
            raise _bad_shape(shape, numel)
        shape[shape.index(-1)] = numel // known
    elif known != numel:
        raise _bad_shape(shape, numel)
    return tuple(shape)


def _bad_shape(shape, numel):
    return errors.error(RuntimeError, f"shape '{list(shape)}' is invalid for input of size {numel}",
                        f"원소 {numel}개로는 모양 {list(shape)} 를 만들 수 없습니다. 새 모양의 각 크기를 곱한 값이 "
                        "원소 수와 같아야 합니다 (-1 은 나머지를 알아서 채웁니다).")


class View(Function):
    node_name = "ViewBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a.array.shape
        return a.array.reshape(shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class UnsafeView(View):
    node_name = "UnsafeViewBackward0"


class Clone(Function):
    node_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, a):
        return a.array.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


def view(a, shape):
    shape = _infer_shape(shape, a.array.size)
    if not a.array.flags.c_contiguous and a.array.size > 1 and shape != a.array.shape:
        raise errors.error(RuntimeError,
                           "view size is not compatible with input tensor's size and stride (at least one dimension "
                           "spans across two contiguous subspaces). Use .reshape(...) instead.",
                           "전치 등으로 메모리 순서가 바뀐 텐서는 view 로 모양을 바꿀 수 없습니다. .reshape(...) 을 쓰세요.")
    return View.apply(a, shape)


def reshape(a, shape):
    """Like PyTorch: a view when the memory layout allows it, otherwise a copy (Clone + UnsafeView)."""
    shape = _infer_shape(shape, a.array.size)
    if a.array.flags.c_contiguous or a.array.size <= 1 or shape == a.array.shape:
        return View.apply(a, shape)
    return UnsafeView.apply(Clone.apply(a), shape)


class T(Function):
    node_name = "TBackward0"

    @staticmethod
    def forward(ctx, a):
        if a.array.ndim > 2:
            raise errors.error(RuntimeError, f"t() expects a tensor with <= 2 dimensions, but self is {a.array.ndim}D",
                               "t() 는 2차원까지만 전치합니다. 더 높은 차원은 transpose(d0, d1) 이나 permute 를 쓰세요.")
        return a.array.T

    @staticmethod
    def backward(ctx, grad):
        return grad.t()


class Permute(Function):
    node_name = "PermuteBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        dims = tuple(_wrap_dim(d, a.array.ndim) for d in dims)
        ctx.dims = dims
        return np.transpose(a.array, dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(tuple(np.argsort(ctx.dims))), None


class Transpose(Function):
    node_name = "TransposeBackward0"

    @staticmethod
    def forward(ctx, a, dim0, dim1):
        ctx.dims = (dim0, dim1)
        return np.swapaxes(a.array, _wrap_dim(dim0, a.array.ndim), _wrap_dim(dim1, a.array.ndim))

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(*ctx.dims), None, None


class Squeeze(Function):
    node_name = "SqueezeBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.shape = a.array.shape
        return a.array.reshape([s for s in a.array.shape if s != 1])

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape)


class SqueezeDim(Function):
    node_name = "SqueezeBackward1"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.shape = a.array.shape
        d = _wrap_dim(dim, a.array.ndim)
        if a.array.ndim and a.array.shape[d] == 1:
            return a.array.reshape(a.array.shape[:d] + a.array.shape[d + 1:])
        return a.array

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


class Unsqueeze(Function):
    node_name = "UnsqueezeBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        d = _wrap_dim(dim, a.array.ndim + 1)
        ctx.dim = d
        return np.expand_dims(a.array, d)

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx.dim), None


class Expand(Function):
    node_name = "ExpandBackward0"

    @staticmethod
    def forward(ctx, a, sizes):
        ctx.shape = a.array.shape
        lead = len(sizes) - a.array.ndim
        target = tuple(a.array.shape[i - lead] if s == -1 else s for i, s in enumerate(sizes))
        try:
            return np.broadcast_to(a.array, target)
        except ValueError:
            raise errors.error(
                RuntimeError,
                f"The expanded size of the tensor ({target[-1]}) must match the existing size ({a.array.shape[-1]}) "
                f"at non-singleton dimension {len(target) - 1}.  Target sizes: {list(sizes)}.  Tensor sizes: "
                f"{list(a.array.shape)}",
                "expand 는 크기가 1 인 차원만 늘릴 수 있습니다.") from None

    @staticmethod
    def backward(ctx, grad):
        return grad.sum_to_size(ctx.shape), None


def sum_to_size(t, shape):
    """Sum `t` down to `shape`: the gradient of broadcasting (chapter 04).

    Leading dimensions that broadcasting added are summed away; dimensions that were 1 and got
    stretched are summed with keepdim=True."""
    shape = tuple(shape)
    if t.array.shape == shape:
        return t
    lead = t.array.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(lead + i for i, s in enumerate(shape)
                                      if s == 1 and t.array.shape[lead + i] != 1)
    if dims:
        t = t.sum(dim=dims, keepdim=True)
    return t.view(shape) if t.array.shape != shape else t


class ToCopy(Function):
    """A dtype conversion (``x.double()``); the gradient is converted back."""
    node_name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx, a, np_dtype):
        ctx.dtype = a.array.dtype
        return a.array.astype(np_dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad.to(ctx.dtype), None


class Copy(Function):
    """``x.copy_(src)``: the values come from src."""
    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, a, src):
        return np.broadcast_to(src.array, a.array.shape).astype(a.array.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, grad


# ---------------------------------------------------------------------------------- indexing
class Select(Function):
    """``x[i]`` along one dimension."""
    node_name = "SelectBackward0"

    @staticmethod
    def forward(ctx, a, dim, i):
        size = a.array.shape[dim]
        if not -size <= i < size:
            raise errors.error(IndexError, f"index {i} is out of bounds for dimension {dim} with size {size}",
                               f"{dim}번 차원의 크기는 {size} 라서 인덱스는 {-size} 부터 {size - 1} 까지입니다.")
        ctx.shape, ctx.key = a.array.shape, (slice(None),) * dim + (i,)
        return a.array[ctx.key]

    @staticmethod
    def backward(ctx, grad):
        return _IndexBackward.apply(grad, ctx.shape, ctx.key), None, None


class Slice(Function):
    """``x[start:stop:step]`` along one dimension."""
    node_name = "SliceBackward0"

    @staticmethod
    def forward(ctx, a, dim, s):
        ctx.shape, ctx.key = a.array.shape, (slice(None),) * dim + (s,)
        return a.array[ctx.key]

    @staticmethod
    def backward(ctx, grad):
        return _IndexBackward.apply(grad, ctx.shape, ctx.key), None, None


class Index(Function):
    """Indexing with lists, integer tensors or boolean masks."""
    node_name = "IndexBackward0"

    @staticmethod
    def forward(ctx, a, key):
        ctx.shape, ctx.key = a.array.shape, key
        try:
            return a.array[key]
        except IndexError as e:
            raise errors.error(IndexError, str(e), "인덱스가 텐서의 크기를 벗어났습니다.") from None

    @staticmethod
    def backward(ctx, grad):
        return _IndexBackward.apply(grad, ctx.shape, ctx.key), None


class _IndexBackward(Function):
    """Put a gradient into a zero tensor at the indexed positions (summing repeated indices)."""
    node_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, grad, shape, key):
        ctx.key = key
        out = np.zeros(shape, dtype=grad.array.dtype)
        np.add.at(out, key, grad.array)
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad[ctx.key], None, None


def index(a, key):
    """``a[key]``, recorded as PyTorch records it: one Select/Slice/Unsqueeze node per basic index,
    one Index node for advanced indexing (lists, tensors, masks)."""
    key = key if isinstance(key, tuple) else (key,)
    if any(_is_advanced(k) for k in key):
        raw = tuple(k.array if isinstance(k, Tensor) else (np.asarray(k) if isinstance(k, list) else k) for k in key)
        return Index.apply(a, raw if len(raw) > 1 else raw[0])
    if key.count(Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    used = sum(1 for k in key if k is not None and k is not Ellipsis)
    if used > a.array.ndim:
        raise errors.error(IndexError, f"too many indices for tensor of dimension {a.array.ndim}",
                           f"{a.array.ndim}차원 텐서에 인덱스를 {used}개 주었습니다.")
    if Ellipsis in key:
        i = key.index(Ellipsis)
        key = key[:i] + (slice(None),) * (a.array.ndim - used) + key[i + 1:]
    out, dim = a, 0
    for k in key:
        if k is None:
            out = out.unsqueeze(dim)
            dim += 1
        elif isinstance(k, slice):
            # inside a tuple, a full slice (x[:, 0]) records nothing, as in PyTorch
            if len(key) == 1 or k.indices(out.array.shape[dim]) != (0, out.array.shape[dim], 1):
                out = Slice.apply(out, dim, k)
            dim += 1
        else:
            out = Select.apply(out, dim, int(k))
    if out is a:                                   # x[()] still makes a new tensor
        out = Slice.apply(a, 0, slice(None)) if a.array.ndim else View.apply(a, ())
    return out


def _is_advanced(k):
    return isinstance(k, (list, np.ndarray)) or (isinstance(k, Tensor) and k.array.ndim > 0) or \
        (isinstance(k, Tensor) and k.array.dtype == np.bool_)


# ---------------------------------------------------------------------------- joining tensors
class Cat(Function):
    node_name = "CatBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        d = _wrap_dim(dim, tensors[0].array.ndim)
        ctx.dim, ctx.sizes = d, [t.array.shape[d] for t in tensors]
        return np.concatenate([t.array for t in tensors], axis=d)

    @staticmethod
    def backward(ctx, grad):
        bounds = np.cumsum([0] + ctx.sizes)
        return (None,) + tuple(Slice.apply(grad, ctx.dim, slice(lo, hi)) for lo, hi in zip(bounds[:-1], bounds[1:]))


class Stack(Function):
    node_name = "StackBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        d = _wrap_dim(dim, tensors[0].array.ndim + 1)
        ctx.dim, ctx.n = d, len(tensors)
        return np.stack([t.array for t in tensors], axis=d)

    @staticmethod
    def backward(ctx, grad):
        return (None,) + tuple(Select.apply(grad, ctx.dim, i) for i in range(ctx.n))


class Where(Function):
    node_name = "WhereBackward0"

    @staticmethod
    def forward(ctx, condition, a, b):
        ctx.condition = condition.array
        x = a.array if isinstance(a, Tensor) else a
        y = b.array if isinstance(b, Tensor) else b
        return np.where(ctx.condition, x, y)

    @staticmethod
    def backward(ctx, grad):
        keep = Tensor._make(ctx.condition)
        return None, grad * keep, grad * ~keep
