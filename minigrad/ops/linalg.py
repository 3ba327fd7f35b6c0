"""Matrix products (chapter 08): mm, mv, dot, and matmul choosing between them like PyTorch.

For C = A @ B the chain rule gives  dL/dA = dL/dC @ Bᵀ  and  dL/dB = Aᵀ @ dL/dC.
"""
import math

import numpy as np

from .. import errors
from ..function import Function
from ..tensor import Tensor, _c_type_name
from .arithmetic import _broadcast_error


def tensor_argument(value, function, name, position):
    """PyTorch's TypeError when a product gets something other than a tensor (x.mm(2), torch.dot(x, [1]))."""
    if not isinstance(value, Tensor):
        raise errors.error(TypeError, f"{function}(): argument '{name}' (position {position}) must be Tensor, "
                           f"not {type(value).__name__}",
                           "행렬곱의 두 인자는 모두 텐서여야 합니다. 리스트나 숫자는 torch.tensor(...) 로 감싸고, "
                           "숫자를 곱하려면 * 를 쓰세요.")
    return value


def _same_dtype_error(a, b):
    """mm's dtype check: both matrices must have one dtype (PyTorch names them as C++ does)."""
    return errors.error(RuntimeError, f"expected m1 and m2 to have the same dtype, but got: {_c_type_name(a.dtype)} "
                        f"!= {_c_type_name(b.dtype)}", _DTYPE_HINT)


def _addmv_dtype_error(a, v):
    return errors.error(RuntimeError, f"addmv input tensors must have the same dtype, but got {v.dtype.short_name}, "
                        f"{a.dtype.short_name}, and {v.dtype.short_name}", _DTYPE_HINT)


_DTYPE_HINT = ("행렬곱은 dtype 을 자동으로 맞추지 않습니다(+, * 와 다릅니다). 한쪽을 .float() 나 .to(다른쪽.dtype) "
               "으로 바꿔 dtype 을 같게 하세요.")


def _matrix(t, name):
    """The shape (rows, columns) of a 2-D tensor; mm accepts nothing else."""
    if t.array.ndim != 2:
        raise errors.error(RuntimeError, f"{name} must be a matrix", "mm 은 2차원 행렬끼리만 곱합니다.")
    return t.array.shape


class Mm(Function):
    """(n, k) @ (k, m)."""
    node_name = "MmBackward0"
    saved_names = ('self', 'mat2')

    @staticmethod
    def forward(ctx, a, b):
        (n, k), (k2, m) = _matrix(a, "self"), _matrix(b, "mat2")
        if k != k2:
            raise errors.error(RuntimeError, f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})",
                               "행렬곱 A @ B 는 A 의 열 수와 B 의 행 수가 같아야 합니다. 모양을 확인하거나 .T 로 "
                               "전치하세요.")
        if a.array.dtype != b.array.dtype:
            raise _same_dtype_error(a, b)
        ctx.save_for_backward(a, b)
        return np.matmul(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        # the gradient of a sum arrives broadcast (every element the same memory); numpy multiplies a
        # real row-major matrix faster, so lay it out once for both products below
        grad = grad.contiguous()
        grad_a = grad.mm(b.t()) if ctx.needs_input_grad[0] else None
        grad_b = a.t().mm(grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


class Mv(Function):
    """(n, k) @ (k,)."""
    node_name = "MvBackward0"
    saved_names = ('self', 'vec')

    @staticmethod
    def forward(ctx, a, v):
        if a.array.ndim == 0:
            raise errors.error(IndexError, "Dimension specified as 0 but tensor has no dimensions",
                               "mv 의 첫 인자는 2차원 행렬이어야 하는데 0차원 텐서(스칼라)가 왔습니다. 스칼라를 "
                               "곱하려면 * 를 쓰세요.")
        if a.array.ndim != 2 or v.array.ndim != 1:
            raise errors.error(RuntimeError, f"vector + matrix @ vector expected, got 1, {a.array.ndim}, "
                               f"{v.array.ndim}", "mv 는 2차원 행렬과 1차원 벡터를 곱합니다.")
        (n, k), (k2,) = a.array.shape, v.array.shape
        if k != k2:
            raise errors.error(RuntimeError, f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})",
                               "행렬-벡터 곱은 행렬의 열 수와 벡터의 길이가 같아야 합니다.")
        if a.array.dtype != v.array.dtype:
            raise _addmv_dtype_error(a, v)
        ctx.save_for_backward(a, v)
        return np.matmul(a.array, v.array)

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        grad_a = grad.unsqueeze(1) * v if ctx.needs_input_grad[0] else None    # outer product
        grad_v = a.t().mv(grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_v


class Dot(Function):
    """(k,) @ (k,)."""
    node_name = "DotBackward0"
    saved_names = ('self', 'tensor')

    @staticmethod
    def forward(ctx, a, b):
        if a.array.ndim != 1 or b.array.ndim != 1:
            raise errors.error(RuntimeError, f"1D tensors expected, but got {a.array.ndim}D and {b.array.ndim}D "
                               "tensors", "dot 은 1차원 벡터 두 개의 내적입니다.")
        if a.array.dtype != b.array.dtype:
            raise errors.error(RuntimeError, "dot : expected both vectors to have same dtype, but found "
                               f"{a.dtype.short_name} and {b.dtype.short_name}", _DTYPE_HINT)
        (k,), (k2,) = a.array.shape, b.array.shape
        if k != k2:
            raise errors.error(RuntimeError, f"inconsistent tensor size, expected tensor [{k}] and src [{k2}] to have "
                               f"the same number of elements, but got {k} and {k2} elements respectively",
                               "두 벡터의 내적은 길이가 같아야 합니다.")
        ctx.save_for_backward(a, b)
        return np.dot(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return (grad * b if ctx.needs_input_grad[0] else None,
                grad * a if ctx.needs_input_grad[1] else None)


class _SqueezeMatmul(Function):
    """The last step of vector @ matrix in PyTorch: (1, m) -> (m,)."""
    node_name = "SqueezeBackward4"

    @staticmethod
    def forward(ctx, a):
        return a.array.reshape(a.array.shape[1:])

    @staticmethod
    def backward(ctx, grad):
        return grad.unsqueeze(0)


class BatchedMatmul(Function):
    """matmul with more than 2 dimensions (batched, broadcast over leading dimensions).

    PyTorch records this as several nodes (views, expand, BmmBackward0); minigrad uses one."""
    node_name = "BmmBackward0"
    saved_names = ('self', 'other')

    @staticmethod
    def forward(ctx, a, b):
        try:
            out = np.matmul(a.array, b.array)
        except ValueError:
            raise _batched_error(a, b) from None
        if a.array.dtype != b.array.dtype:
            raise _batched_error(a, b, dtype=True)
        ctx.save_for_backward(a, b)
        return out

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad @ b.mT, a.mT @ grad          # the engine sums broadcast batch dimensions back


def _batched_error(a, b, dtype=False):
    """PyTorch's error for a bad matmul with a 3-D (or more) operand, worded after the kernel it picks.

    PyTorch folds the batch dimensions of the bigger operand into rows and calls mm or mv when the
    other operand is 1-D or 2-D (for a bigger second operand only if the first requires grad);
    otherwise it broadcasts the batch dimensions and calls bmm."""
    sa, sb = a.array.shape, b.array.shape
    if len(sa) >= 3 and len(sb) <= 2:                        # (..., n, k) -> (N, k)
        rows, k = math.prod(sa[:-1]), sa[-1]
        if len(sb) == 1:
            return _addmv_dtype_error(a, b) if dtype else _mv_size_error(rows, k, sb[0])
        return _same_dtype_error(a, b) if dtype else _mm_size_error(rows, k, *sb)
    if len(sb) >= 3 and len(sa) <= 2 and a._requires_grad:   # b.mT folded, times a.mT
        rows, k = math.prod(sb[:-2]) * sb[-1], sb[-2]
        if len(sa) == 1:
            return _addmv_dtype_error(b, a) if dtype else _mv_size_error(rows, k, sa[0])
        return _same_dtype_error(b, a) if dtype else _mm_size_error(rows, k, sa[1], sa[0])
    if dtype:
        return errors.error(RuntimeError, f"expected scalar type {a.dtype.short_name} but found {b.dtype.short_name}",
                            _DTYPE_HINT)
    batch_a, batch_b = sa[:-2], sb[:-2]
    mismatch = _broadcast_error(batch_a, batch_b)
    if mismatch is not None:
        return mismatch
    batch = math.prod(np.broadcast_shapes(batch_a, batch_b))
    k = sa[-1]
    k2 = sb[-2] if len(sb) >= 2 else sb[0]
    return errors.error(RuntimeError, f"Expected size for first two dimensions of batch2 tensor to be: [{batch}, {k}] "
                        f"but got: [{batch}, {k2}].",
                        "배치 행렬곱은 앞쪽 배치 차원을 빼고 보면 (n, k) @ (k, m) 이어야 합니다: A 의 마지막 차원과 "
                        "B 의 끝에서 두 번째 차원이 같은지 확인하세요.")


def _mm_size_error(n, k, k2, m):
    return errors.error(RuntimeError, f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})",
                        "행렬곱 A @ B 는 A 의 마지막 차원과 B 의 (끝에서 두 번째) 차원이 같아야 합니다. 모양을 "
                        "확인하거나 .mT 로 전치하세요.")


def _mv_size_error(n, k, k2):
    return errors.error(RuntimeError, f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})",
                        "텐서 @ 벡터는 텐서의 마지막 차원과 벡터의 길이가 같아야 합니다. 두 모양을 확인하세요.")


def matmul(a, b):
    """``a @ b`` for 1-D and 2-D tensors, recorded with PyTorch's node names."""
    tensor_argument(a, "matmul", "input", 1)
    tensor_argument(b, "matmul", "other", 2)
    da, db = a.array.ndim, b.array.ndim
    if da == 0 or db == 0:
        raise errors.error(RuntimeError, "both arguments to matmul need to be at least 1D, but they are "
                           f"{da}D and {db}D", "행렬곱의 두 인자는 적어도 1차원이어야 합니다. 스칼라 곱은 * 를 쓰세요.")
    if da == 1 and db == 1:
        return Dot.apply(a, b)
    if da == 2 and db == 1:
        return Mv.apply(a, b)
    if da == 1 and db == 2:
        return _SqueezeMatmul.apply(Mm.apply(a.unsqueeze(0), b))
    if da == 2 and db == 2:
        return Mm.apply(a, b)
    return BatchedMatmul.apply(a, b)
