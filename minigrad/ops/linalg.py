"""Matrix products (chapter 08): mm, mv, dot, and matmul choosing between them like PyTorch.

For C = A @ B the chain rule gives  dL/dA = dL/dC @ Bᵀ  and  dL/dB = Aᵀ @ dL/dC.
"""
import numpy as np

from .. import errors
from ..function import Function
from ..tensor import Tensor, _operand


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
        if a.array.ndim != 2 or v.array.ndim != 1:
            raise errors.error(RuntimeError, f"vector + matrix @ vector expected, got 1, {a.array.ndim}, "
                               f"{v.array.ndim}", "mv 는 2차원 행렬과 1차원 벡터를 곱합니다.")
        (n, k), (k2,) = a.array.shape, v.array.shape
        if k != k2:
            raise errors.error(RuntimeError, f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({k2})",
                               "행렬-벡터 곱은 행렬의 열 수와 벡터의 길이가 같아야 합니다.")
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
        ctx.save_for_backward(a, b)
        try:
            return np.matmul(a.array, b.array)
        except ValueError:
            raise errors.error(RuntimeError, f"Expected size for first two dimensions of batch2 tensor to be: "
                               f"{list(a.array.shape)} but got: {list(b.array.shape)}.",
                               "배치 행렬곱의 모양이 맞지 않습니다.") from None

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad @ b.mT, a.mT @ grad          # the engine sums broadcast batch dimensions back


def matmul(a, b):
    """``a @ b`` for 1-D and 2-D tensors, recorded with PyTorch's node names."""
    b = _operand(b)
    if not isinstance(b, Tensor) or not isinstance(a, Tensor):
        raise TypeError("matmul(): argument 'other' must be Tensor")
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
