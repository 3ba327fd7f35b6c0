"""Operations that move elements around without changing them (chapter 04):
view/reshape, transpose, squeeze/unsqueeze, expand, indexing, dtype conversion.

Their backward moves the gradient back to where each element came from: reshape it back,
transpose it back, or put it into a zero tensor at the indexed positions.
"""
import math

import numpy as np

from .. import arguments, devices, dtypes, errors, views
from ..function import Function
from ..tensor import Tensor, _shape_args, _wrap_dim, is_expandable_to
from .reduction import Sum, SumDim


def _infer_shape(shape, numel):
    shape = list(shape)
    if shape.count(-1) > 1:
        raise errors.error(RuntimeError, "only one dimension can be inferred",
                           "-1 (나머지를 알아서 채울 차원)은 한 번만 쓸 수 있습니다. 다른 차원의 크기는 직접 적으세요.")
    if min(shape, default=0) < -1:
        i = next(i for i, s in enumerate(shape) if s < -1)
        raise errors.error(RuntimeError, f"invalid shape dimension {shape[i]} at index {i} of shape {shape}",
                           "차원의 크기는 0 이상이어야 합니다 (-1 만 예외로 '나머지를 알아서 채우기'를 뜻합니다).")
    known = math.prod(s for s in shape if s != -1)
    if -1 in shape:
        if known == 0 and numel == 0:
            raise errors.error(RuntimeError, f"cannot reshape tensor of 0 elements into shape {shape} because the "
                               "unspecified dimension size -1 can be any value and is ambiguous",
                               "원소가 0개이고 다른 차원에 0 이 있으면 -1 자리에 어떤 크기든 올 수 있어 정할 수 "
                               "없습니다. -1 대신 크기를 직접 적으세요.")
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


def _viewable(array, shape):
    """Can `array` be seen in `shape` without copying? numpy's reshape copies exactly when PyTorch's
    view refuses (its elements' steps in memory cannot be split or merged into the new shape)."""
    return np.may_share_memory(array.reshape(shape), array)


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


class ReshapeAlias(View):
    """reshape of a tensor whose layout is not row-major but still allows a view (no copy)."""
    node_name = "ReshapeAliasBackward0"


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
    if not a.array.flags.c_contiguous and a.array.size > 1 and shape != a.array.shape \
            and not _viewable(a.array, shape):
        raise errors.error(RuntimeError,
                           "view size is not compatible with input tensor's size and stride (at least one dimension "
                           "spans across two contiguous subspaces). Use .reshape(...) instead.",
                           "전치 등으로 메모리 순서가 바뀐 텐서는 view 로 모양을 바꿀 수 없습니다. .reshape(...) 을 쓰세요.")
    return views.share(View.apply(a, shape), a)


def reshape(a, shape):
    """Like PyTorch: a view when the memory layout allows it, otherwise a copy (Clone + UnsafeView)."""
    shape = _infer_shape(shape, a.array.size)
    if a.array.flags.c_contiguous or a.array.size <= 1:
        return views.share(View.apply(a, shape), a)
    if _viewable(a.array, shape):
        return views.share(ReshapeAlias.apply(a, shape), a)
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
        if len(dims) != a.array.ndim:
            raise errors.error(RuntimeError, "permute(sparse_coo): number of dimensions in the tensor input does not "
                               "match the length of the desired ordering of dimensions i.e. input.dim() = "
                               f"{a.array.ndim} is not equal to len(dims) = {len(dims)}",
                               f"permute 에는 모든 차원의 새 순서를 빠짐없이 주어야 합니다: 이 텐서는 {a.array.ndim}차원"
                               "이므로 dim 도 그만큼 적으세요 (두 차원만 바꾸려면 transpose 를 씁니다).")
        dims = tuple(_wrap_dim(d, a.array.ndim) for d in dims)
        ctx.dims = dims
        try:
            return np.transpose(a.array, dims)
        except ValueError:                           # a dimension named twice
            raise errors.error(RuntimeError, "permute(): duplicate dims are not allowed.",
                               "permute 의 dim 에 같은 차원이 두 번 들어 있습니다 (음수 dim 은 뒤에서부터 셉니다). "
                               "각 차원을 한 번씩만 적으세요.") from None

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
        for d, size in enumerate(ctx.shape):      # the dimensions of size 1 back, one by one
            if size == 1:
                grad = grad.unsqueeze(d)
        return grad


class SqueezeDim(Function):
    node_name = "SqueezeBackward1"

    @staticmethod
    def forward(ctx, a, dim):
        d = _wrap_dim(dim, a.array.ndim)
        ctx.dim = d
        ctx.squeezed = a.array.ndim > 0 and a.array.shape[d] == 1
        if ctx.squeezed:
            return a.array.reshape(a.array.shape[:d] + a.array.shape[d + 1:])
        return a.array

    @staticmethod
    def backward(ctx, grad):
        return (grad.unsqueeze(ctx.dim) if ctx.squeezed else grad), None


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
        try:
            return np.broadcast_to(a.array, sizes)
        except ValueError:                      # a -1 (keep that size), or sizes that do not fit
            return _expand_with_keep(a, sizes)

    @staticmethod
    def backward(ctx, grad):
        return grad.sum_to_size(ctx.shape), None


class Repeat(Function):
    """``x.repeat(2, 3)``: tile copies of the tensor (unlike expand, the copies are real memory)."""
    node_name = "RepeatBackward0"

    @staticmethod
    def forward(ctx, a, repeats):
        if len(repeats) < a.array.ndim:
            raise errors.error(RuntimeError, "Number of dimensions of repeat dims can not be smaller than number of "
                               "dimensions of tensor",
                               f"repeat 에는 텐서의 차원 수({a.array.ndim})만큼 이상의 반복 횟수를 주어야 합니다. "
                               "그대로 둘 차원에는 1 을 쓰세요.")
        if min(repeats, default=0) < 0:
            padded = (1,) * (len(repeats) - a.array.ndim) + a.array.shape
            sizes = [r * s for r, s in zip(repeats, padded)]
            raise errors.error(RuntimeError, f"Trying to create tensor with negative dimension {min(sizes)}: {sizes}",
                               "repeat 의 반복 횟수는 0 이상이어야 합니다.")
        ctx.shape = a.array.shape
        return np.tile(a.array, repeats)

    @staticmethod
    def backward(ctx, grad):
        # every element was copied once per tile: its gradient is the sum over the tiles. Split each
        # dimension into (tiles, original size) and sum the tile axes away.
        repeats = grad.array.ndim
        padded = (1,) * (repeats - len(ctx.shape)) + ctx.shape
        split = []
        for size, n in zip(padded, grad.array.shape):
            split += [n // size if size else 0, size]
        return grad.reshape(split).sum(dim=tuple(range(0, 2 * repeats, 2))).reshape(ctx.shape), None


def _expand_with_keep(a, sizes):
    """``x.expand(-1, 3)``: each -1 keeps x's size in that dimension; sizes that do not fit get
    PyTorch's error."""
    shape = a.array.shape
    lead = len(sizes) - len(shape)
    if lead < 0 or -1 in sizes[:lead]:
        raise _expand_error(a, sizes)
    target = sizes[:lead] + tuple(n if s == -1 else s for s, n in zip(sizes[lead:], shape))
    try:
        return np.broadcast_to(a.array, target)
    except ValueError:
        raise _expand_error(a, sizes) from None


def _expand_error(a, sizes):
    """PyTorch's check of expand, from the last dimension to the first (error path only)."""
    shape = a.array.shape
    if len(sizes) < len(shape):
        return errors.error(RuntimeError, f"expand(torch.{a.dtype.legacy_name}{{{list(shape)}}}, size={list(sizes)}): "
                            f"the number of sizes provided ({len(sizes)}) must be greater or equal to the number of "
                            f"dimensions in the tensor ({len(shape)})",
                            "expand 는 차원을 없앨 수 없습니다: 새 모양에는 텐서의 모든 차원이 (맨 뒤에 맞춰) 있어야 "
                            "하고, 새 차원은 앞에만 붙일 수 있습니다.")
    lead = len(sizes) - len(shape)
    for i in reversed(range(len(sizes))):
        size = shape[i - lead] if i >= lead else 1
        target = sizes[i]
        if target == -1:
            if i < lead:
                return errors.error(RuntimeError, f"The expanded size of the tensor (-1) isn't allowed in a leading, "
                                    f"non-existing dimension {i}",
                                    "앞에 새로 붙이는 차원에는 -1 ('그대로 두기')을 쓸 수 없습니다. 크기를 직접 "
                                    "적으세요.")
            target = size
        if size != target and size != 1:
            return errors.error(RuntimeError, f"The expanded size of the tensor ({target}) must match the existing "
                                f"size ({size}) at non-singleton dimension {i}.  Target sizes: {list(sizes)}.  "
                                f"Tensor sizes: {list(shape)}",
                                "expand 는 크기가 1 인 차원만 늘릴 수 있습니다 (다른 차원은 그대로 두거나 -1). "
                                "복사해서 늘리려면 repeat 을, 모양을 바꾸려면 reshape 을 쓰세요.")
    # the sizes fit, but one of them is negative: PyTorch then fails inside numel() (a known difference)
    return errors.error(RuntimeError, f"Trying to create tensor with negative dimension "
                        f"{min(sizes)}: {list(sizes)}",
                        "expand 의 크기에는 음수를 쓸 수 없습니다 (-1 만 예외로 '그대로 두기'를 뜻합니다).")


def sum_to_size(t, shape):
    """Sum `t` down to `shape`: the gradient of broadcasting (chapter 04).

    Leading dimensions that broadcasting added are summed away; dimensions that were 1 and got
    stretched are summed with keepdim=True."""
    shape = tuple(shape)
    if t.array.shape == shape:
        return t
    if not shape:                                 # to a 0-d tensor: the plain sum (as PyTorch)
        return Sum.apply(t)
    lead = t.array.ndim - len(shape)
    dims = tuple(range(lead)) + tuple(lead + i for i, s in enumerate(shape)
                                      if s == 1 and t.array.shape[lead + i] != 1)
    if dims:                                      # (the dims and the shape are already checked:
        t = SumDim.apply(t, dims, True)           # the Functions behind t.sum(...) and t.view(...))
    return View.apply(t, shape) if t.array.shape != shape else t


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
    def forward(ctx, a, dim, i):          # (index() has checked that i is in range)
        ctx.shape, ctx.dim, ctx.i = a.array.shape, dim, i
        return a.array[(slice(None),) * dim + (i, Ellipsis)]      # (a view, even of one element)

    @staticmethod
    def backward(ctx, grad):
        return SelectBackward.apply(grad, ctx.shape, ctx.dim, ctx.i), None, None


class Slice(Function):
    """``x[start:stop:step]`` along one dimension."""
    node_name = "SliceBackward0"

    @staticmethod
    def forward(ctx, a, dim, s):
        ctx.shape, ctx.dim, ctx.i = a.array.shape, dim, s
        return a.array[(slice(None),) * dim + (s,)]

    @staticmethod
    def backward(ctx, grad):
        return SliceBackward.apply(grad, ctx.shape, ctx.dim, ctx.i), None, None


class SelectBackward(Function):
    """PyTorch's select_backward: a zero tensor of the input's shape, with the gradient at x[i]."""
    node_name = "SelectBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, shape, dim, i):
        ctx.dim, ctx.i = dim, i
        out = np.zeros(shape, dtype=grad.array.dtype)
        out[(slice(None),) * dim + (i,)] = grad.array
        return out

    @staticmethod
    def backward(ctx, grad):                 # linear in grad: select the same position again
        return Select.apply(grad, ctx.dim, ctx.i), None, None, None


class SliceBackward(SelectBackward):
    """PyTorch's slice_backward: the same for x[start:stop:step]."""
    node_name = "SliceBackwardBackward0"

    @staticmethod
    def backward(ctx, grad):
        return Slice.apply(grad, ctx.dim, ctx.i), None, None, None


class Index(Function):
    """Indexing with lists, integer tensors or boolean masks."""
    node_name = "IndexBackward0"

    @staticmethod
    def forward(ctx, a, key):
        ctx.shape, ctx.key = a.array.shape, key
        try:
            return a.array[key]
        except IndexError as e:
            raise _advanced_index_error(a.array.shape, key) or errors.error(
                IndexError, str(e), "인덱스가 텐서의 크기를 벗어났습니다.") from None

    @staticmethod
    def backward(ctx, grad):
        return _IndexBackward.apply(grad, ctx.shape, ctx.key), None


class _IndexBackward(Function):
    """Put a gradient into a zero tensor at the indexed positions (summing repeated indices): PyTorch's
    index_backward, an in-place _index_put_impl_ into new zeros."""
    node_name = "IndexPutImplBackward0"

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
        raw = tuple(_advanced_key(k) for k in key)
        return Index.apply(a, raw if len(raw) > 1 else raw[0])
    used = sum(1 for k in key if k is not None and k is not Ellipsis)
    if used > a.array.ndim:
        raise _too_many_indices(a.array.ndim, key, used)
    if Ellipsis in key:                            # (PyTorch lets a second '...' stand for nothing)
        i = key.index(Ellipsis)
        key = key[:i] + (slice(None),) * (a.array.ndim - used) + tuple(k for k in key[i + 1:] if k is not Ellipsis)
    out, dim = a, 0
    for position, k in enumerate(key):
        if k is None:
            out = out.unsqueeze(dim)
            dim += 1
        elif isinstance(k, slice):
            if k.step is not None and k.step <= 0:
                raise _step_error(k.step)
            # inside a tuple, a full slice (x[:, 0]) records nothing, as in PyTorch
            if len(key) == 1 or k.indices(out.array.shape[dim]) != (0, out.array.shape[dim], 1):
                out = Slice.apply(out, dim, k)
            dim += 1
        else:
            i, size = _integer_index(k), out.array.shape[dim]
            if not -size <= i < size:
                raise _out_of_bounds(i, position, size)
            out = Select.apply(out, dim, i)
    if out is a:                                   # x[()] still makes a new tensor
        out = Slice.apply(a, 0, slice(None)) if a.array.ndim else View.apply(a, ())
    return views.share(out, a)


def is_advanced_index(key):
    """Does ``x[key]`` use lists, tensors or masks (a copy, not a view)?"""
    return any(_is_advanced(k) for k in (key if isinstance(key, tuple) else (key,)))


def _is_advanced(k):
    return isinstance(k, (list, np.ndarray)) or (isinstance(k, Tensor) and k.array.ndim > 0) or \
        (isinstance(k, Tensor) and k.array.dtype == np.bool_)


_INDEX_DTYPES = (np.dtype(np.int64), np.dtype(np.int32), np.dtype(np.uint8), np.dtype(np.bool_))


def _advanced_key(k):
    """One entry of an advanced index, as numpy takes it (checked as PyTorch checks it)."""
    if isinstance(k, Tensor):
        if k.array.dtype not in _INDEX_DTYPES:
            raise _index_dtype_error()
        return k.array
    if isinstance(k, slice) and k.step is not None and k.step <= 0:
        raise _step_error(k.step)
    return np.asarray(k) if isinstance(k, list) else k


def _integer_index(k):
    """A basic index that picks one position: a Python integer or a 0-d integer tensor."""
    if isinstance(k, (int, np.integer)):
        return int(k)
    if isinstance(k, Tensor):
        if k.array.dtype not in _INDEX_DTYPES:
            raise _index_dtype_error()
        return int(k.array)
    if isinstance(k, str):                         # PyTorch tries to make a tensor of it
        raise errors.error(TypeError, "new(): invalid data type 'str'", _INDEX_HINT)
    raise errors.error(IndexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                       f"are valid indices (got {type(k).__name__})", _INDEX_HINT)


# --- indexing errors (built only when indexing fails) ---
_INDEX_HINT = ("인덱스로는 정수, 슬라이스(a:b), ..., None, 정수·불리언 텐서(또는 리스트)만 쓸 수 있습니다. "
               "실수라면 int(i) 로 바꾸세요.")


def _index_dtype_error():
    return errors.error(IndexError, "tensors used as indices must be long, int, byte or bool tensors",
                        "실수 텐서로는 원소를 고를 수 없습니다. idx.long() 처럼 정수 텐서로 바꾸거나, 조건으로 "
                        "고르려면 x[x > 0] 처럼 불리언 텐서를 쓰세요.")


def _step_error(step):
    if step == 0:
        return errors.error(ValueError, "slice step cannot be zero",
                            "슬라이스의 간격(step)은 0 일 수 없습니다. x[::2] 처럼 1 이상의 간격을 주세요.")
    return errors.error(ValueError, "step must be greater than zero",
                        "PyTorch 의 슬라이스는 음수 간격(x[::-1])을 지원하지 않습니다. 뒤집으려면 "
                        "torch.flip(x, [0]) 을 쓰거나, x[torch.arange(n - 1, -1, -1)] 처럼 인덱스 텐서로 고르세요.")


def _out_of_bounds(i, dim, size):
    return errors.error(IndexError, f"index {i} is out of bounds for dimension {dim} with size {size}",
                        f"{dim}번 차원의 크기는 {size} 라서 인덱스는 {-size} 부터 {size - 1} 까지입니다.")


def _too_many_indices(ndim, key, used):
    if ndim == 0 and len(key) == 1 and isinstance(key[0], slice):
        english = "slice() cannot be applied to a 0-dim tensor."
    elif ndim == 0 and len(key) == 1 and isinstance(key[0], (int, np.integer)):
        english = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to "
                   "convert a 0-dim tensor to a number")
    else:
        english = f"too many indices for tensor of dimension {ndim}"
    if ndim == 0:
        return errors.error(IndexError, english, "0차원 텐서(스칼라)에는 고를 원소가 없습니다. 값은 x.item() 으로 "
                            "꺼내세요.")
    return errors.error(IndexError, english, f"{ndim}차원 텐서에 인덱스를 {used}개 주었습니다. 차원 수만큼만 "
                        "주세요.")


def _advanced_index_error(shape, key):
    """PyTorch's message for a failed advanced index (masks, index lists and tensors), or None.

    PyTorch first applies the basic indices (integers, slices, None); the index tensors then see
    what is left, and are numbered among themselves in its messages."""
    key = key if isinstance(key, tuple) else (key,)
    used = sum(k.ndim if _is_mask(k) else 1 for k in key if k is not None and k is not Ellipsis)
    if used > len(shape):
        return _too_many_indices(len(shape), key, used)
    shape, dim, tensors = list(shape), 0, []
    for n, k in enumerate(key):
        if k is None:
            shape.insert(dim, 1)
            dim += 1
        elif k is Ellipsis:
            dim = len(shape) - sum(k2.ndim if _is_mask(k2) else 1 for k2 in key[n + 1:]
                                   if k2 is not None and k2 is not Ellipsis)
        elif isinstance(k, slice):
            shape[dim] = len(range(*k.indices(shape[dim])))
            dim += 1
        elif _is_mask(k):
            for j, size in enumerate(k.shape):
                if dim + j >= len(shape) or size != shape[dim + j]:
                    return errors.error(IndexError, f"The shape of the mask {list(k.shape)} at index {j} does not "
                                        f"match the shape of the indexed tensor {shape} at index {dim + j}",
                                        "불리언 마스크는 고르는 차원들과 모양이 같아야 합니다 (x[x > 0] 처럼 "
                                        "같은 텐서로 만든 조건을 쓰세요).")
            tensors += [(dim + j, idx) for j, idx in enumerate(np.nonzero(k))]
            dim += k.ndim
        elif isinstance(k, np.ndarray):
            tensors.append((dim, k))
            dim += 1
        else:                                      # an integer: that dimension is gone
            del shape[dim]
    try:
        np.broadcast_shapes(*[t.shape for _, t in tensors])
    except ValueError:
        return errors.error(IndexError, "shape mismatch: indexing tensors could not be broadcast together with "
                            f"shapes {', '.join(str(list(t.shape)) for _, t in tensors)}",
                            "여러 차원을 인덱스 텐서로 함께 고를 때는 인덱스들의 모양이 같거나 브로드캐스팅될 수 "
                            "있어야 합니다. 인덱스 리스트들의 길이를 맞추세요.")
    for j, (d, t) in enumerate(tensors):
        bad = t[(t < -shape[d]) | (t >= shape[d])]
        if bad.size:
            return _out_of_bounds(int(bad.flat[0]), j, shape[d])
    return None


def _is_mask(k):
    return isinstance(k, np.ndarray) and k.dtype == np.bool_


# ---------------------------------------------------------------------------- joining tensors
class Cat(Function):
    node_name = "CatBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        if not tensors:
            raise errors.error(ValueError, "torch.cat(): expected a non-empty list of Tensors", _JOIN_EMPTY_HINT)
        _check_tensors(tensors)
        for i, t in enumerate(tensors):
            if t.array.ndim == 0:
                raise errors.error(RuntimeError, f"zero-dimensional tensor (at position {i}) cannot be concatenated",
                                   "0차원 텐서(스칼라)는 이어 붙일 차원이 없습니다. torch.stack 으로 쌓거나 "
                                   "x.unsqueeze(0) 으로 1차원으로 만든 뒤 cat 하세요.")
        d = _wrap_dim(dim, tensors[0].array.ndim)
        ctx.dim, ctx.sizes = d, [t.array.shape[d] for t in tensors]
        try:
            return np.concatenate([t.array for t in tensors], axis=d)
        except ValueError as e:
            raise _cat_error(tensors, d) or e from None

    @staticmethod
    def backward(ctx, grad):
        bounds = np.cumsum([0] + ctx.sizes)
        return (None,) + tuple(Slice.apply(grad, ctx.dim, slice(lo, hi)) for lo, hi in zip(bounds[:-1], bounds[1:]))


class Stack(Function):
    node_name = "StackBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        if not tensors:
            raise errors.error(RuntimeError, "stack expects a non-empty TensorList", _JOIN_EMPTY_HINT)
        _check_tensors(tensors)
        d = _wrap_dim(dim, tensors[0].array.ndim + 1)
        ctx.dim, ctx.n = d, len(tensors)
        try:
            return np.stack([t.array for t in tensors], axis=d)
        except ValueError:
            i = next(i for i, t in enumerate(tensors) if t.array.shape != tensors[0].array.shape)
            raise errors.error(RuntimeError, f"stack expects each tensor to be equal size, but got "
                               f"{list(tensors[0].array.shape)} at entry 0 and {list(tensors[i].array.shape)} at "
                               f"entry {i}",
                               "stack 은 같은 모양의 텐서들을 새 차원으로 쌓습니다. 모양이 다르면 먼저 맞추거나, "
                               "기존 차원을 따라 이으려면 torch.cat 을 쓰세요.") from None

    @staticmethod
    def backward(ctx, grad):
        return (None,) + tuple(Select.apply(grad, ctx.dim, i) for i in range(ctx.n))


_JOIN_EMPTY_HINT = "이어 붙일 텐서가 하나도 없습니다. 텐서를 담은 리스트를 넘기세요 (리스트가 비었는지 확인하세요)."


def tensor_list(tensors, name):
    """The list torch.cat / torch.stack take (a single tensor is not one)."""
    if isinstance(tensors, Tensor):
        raise errors.error(TypeError, f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor",
                           f"{name} 에는 텐서들의 리스트를 넘깁니다: torch.{name}([a, b]) 처럼 대괄호로 감싸세요.")
    return tensors


def _check_tensors(tensors):
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise errors.error(TypeError, f"expected Tensor as element {i} in argument 0, but got {type(t).__name__}",
                               "리스트의 원소가 모두 텐서여야 합니다. 숫자나 리스트는 torch.tensor(...) 로 감싸세요.")


def _cat_error(tensors, d):
    """Why np.concatenate refused: PyTorch checks the number of dimensions, then every size but d's."""
    first = tensors[0].array.shape
    for i, t in enumerate(tensors[1:], 1):
        shape = t.array.shape
        if len(shape) != len(first):
            return errors.error(RuntimeError, f"Tensors must have same number of dimensions: got {len(first)} and "
                                f"{len(shape)}",
                                "cat 으로 이을 텐서들은 차원 수가 같아야 합니다. unsqueeze 나 reshape 으로 맞추세요.")
        for j, (n, m) in enumerate(zip(first, shape)):
            if j != d and n != m:
                return errors.error(RuntimeError, f"Sizes of tensors must match except in dimension {d}. Expected "
                                    f"size {n} but got size {m} for tensor number {i} in the list.",
                                    f"cat 은 {d}번 차원을 따라 이으므로 나머지 차원의 크기는 모두 같아야 합니다. "
                                    "모양을 확인하거나 dim 을 바꾸세요.")
    return None                                    # (not reached: numpy refuses for these two reasons only)


# ---------------------------------------------------------- what these operations are on a Tensor
def sum_to_size_method(self, *size):
    """Sum this tensor down to `size` (the reverse of broadcasting, used by backward)."""
    size = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else size
    if not is_expandable_to(size, self.array.shape):
        raise errors.not_expandable(size, self.array.shape)
    return sum_to_size(self, size)


def view_method(self, *shape):
    return view(self, _shape_args(shape))


def reshape_method(self, *shape):
    return reshape(self, _shape_args(shape))


def t(self):
    return views.share(T.apply(self), self)


def transposed(self):
    """``x.T``: all dimensions reversed."""
    return views.share(Permute.apply(self, tuple(reversed(range(self.array.ndim)))), self)


def permute(self, *dims):
    return views.share(Permute.apply(self, _shape_args(dims)), self)


def transpose(self, dim0, dim1):
    return views.share(Transpose.apply(self, dim0, dim1), self)


def squeeze(self, dim=None):
    if dim is None:
        return views.share(Squeeze.apply(self), self)
    return views.share(SqueezeDim.apply(self, dim), self)


def unsqueeze(self, dim):
    return views.share(Unsqueeze.apply(self, dim), self)


def expand(self, *sizes):
    return views.share(Expand.apply(self, _shape_args(sizes)), self)


def repeat(self, *repeats):
    return Repeat.apply(self, _shape_args(repeats))


def getitem(self, key):
    return index(self, key)


def clone(self):
    return Clone.apply(self)


def contiguous(self):
    """This tensor if its elements lie in row-major order in memory, else a copy that does."""
    return self if self.array.flags.c_contiguous else Clone.apply(self)


def to(self, *args, **kwargs):
    """PyTorch's three forms: ``t.to(torch.float64)``, ``t.to("cpu")``, ``t.to(device, dtype)``,
    ``t.to(other_tensor)``; the device must be the CPU (minigrad/devices.py)."""
    if len(args) == 1 and not kwargs and isinstance(args[0], (dtypes.dtype, np.dtype)):
        dtype, copy = args[0], False                   # (the common case, and internal calls)
    else:
        values = _TO.parse(args, kwargs)
        if "tensor" in values:                         # to(other): other's dtype
            other = values["tensor"]
            # (PyTorch lets a number stand for a tensor here: to(2.5) is to(float64))
            is_tensor = isinstance(other, Tensor)
            dtype = other.dtype if is_tensor else dtypes.from_python_type(type(other))
        else:
            devices.tensor_device(values.get("device"))
            dtype = values["dtype"]
            dtype = dtypes.from_python_type(dtype) if isinstance(dtype, type) else dtype
        copy = values["copy"]
    if dtype is None and not copy:
        return self
    np_dtype = self.array.dtype if dtype is None else dtypes.to_numpy(dtype)
    if np_dtype == self.array.dtype and not copy:
        return self
    return ToCopy.apply(self, np_dtype)


_KEEP = "bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None"
_TO = arguments.Parser("to(Device? device=None, ScalarType? dtype=None, " + _KEEP + ")",
                       "to(ScalarType dtype, " + _KEEP + ")", "to(Tensor tensor, " + _KEEP + ")")


Tensor.sum_to_size, Tensor.view, Tensor.reshape = sum_to_size_method, view_method, reshape_method
Tensor.t, Tensor.T, Tensor.permute, Tensor.transpose = t, property(transposed), permute, transpose
Tensor.squeeze, Tensor.unsqueeze, Tensor.expand, Tensor.repeat = squeeze, unsqueeze, expand, repeat
Tensor.__getitem__, Tensor.clone, Tensor.contiguous, Tensor.to = getitem, clone, contiguous, to
