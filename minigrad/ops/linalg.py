"""Matrix products (chapter 08): mm, mv, dot, bmm, and matmul choosing between them like PyTorch.

For C = A @ B the chain rule gives  dL/dA = dL/dC @ Bᵀ  and  dL/dB = Aᵀ @ dL/dC.
"""
import math

import numpy as np

from .. import errors
from ..function import Function
from ..tensor import Tensor, _c_type_name
from .shape import UnsafeView


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


_BOOL = np.dtype(bool)


def _bool_error(kernel):
    """PyTorch has no matrix product kernel for bool tensors; it names the kernel it looked for."""
    return errors.error(NotImplementedError, f'"{kernel}" not implemented for \'Bool\'',
                        "불리언 텐서끼리는 행렬곱을 할 수 없습니다. .float() 나 .long() 으로 바꾼 뒤 곱하세요.")


_DTYPE_HINT = ("행렬곱은 dtype 을 자동으로 맞추지 않습니다(+, * 와 다릅니다). 한쪽을 .float() 나 .to(다른쪽.dtype) "
               "으로 바꿔 dtype 을 같게 하세요.")


def _matrix(t, name):
    """The shape (rows, columns) of a 2-D tensor; mm accepts nothing else."""
    if t.array.ndim != 2:
        raise errors.error(RuntimeError, f"{name} must be a matrix", "mm 은 2차원 행렬끼리만 곱합니다.")
    return t.array.shape


def _check_mm(a, b):
    """PyTorch's errors for ``a.mm(b)``: two matrices whose inner sizes agree, of one dtype, not bool."""
    (n, k), (k2, m) = _matrix(a, "self"), _matrix(b, "mat2")
    if k != k2:
        raise errors.error(RuntimeError, f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})",
                           "행렬곱 A @ B 는 A 의 열 수와 B 의 행 수가 같아야 합니다. 모양을 확인하거나 .T 로 "
                           "전치하세요.")
    if a.array.dtype != b.array.dtype:
        raise _same_dtype_error(a, b)
    if a.array.dtype is _BOOL:
        raise _bool_error("addmm_impl_cpu_")


class Mm(Function):
    """(n, k) @ (k, m)."""
    node_name = "MmBackward0"
    saved_names = ('self', 'mat2')

    @staticmethod
    def forward(ctx, a, b):
        _check_mm(a, b)                         # shapes and dtypes, as PyTorch checks them
        ctx.save_for_backward(a, b)
        return np.matmul(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        if not grad.requires_grad:
            # the gradient of a sum arrives broadcast (every element the same memory); numpy multiplies
            # a real row-major matrix faster, so lay it out once (only when the gradient has no graph:
            # under create_graph PyTorch records no copy here, and neither do we)
            grad = grad.contiguous()
        grad_a = grad_b = None
        # like PyTorch, a column-major input (a transposed matrix) gets its gradient column-major too
        if ctx.needs_input_grad[0]:
            grad_a = b.mm(grad.t()).t() if _column_major(a.array) else grad.mm(b.t())
        if ctx.needs_input_grad[1]:
            grad_b = grad.t().mm(a).t() if _column_major(b.array) else a.t().mm(grad)
        return grad_a, grad_b


class Addmm(Function):
    """bias + mat1 @ mat2, as one node (PyTorch's addmm: what nn.Linear records)."""
    node_name = "AddmmBackward0"
    saved_names = ('mat1', 'mat2')

    @staticmethod
    def forward(ctx, bias, mat1, mat2):
        _check_mm(mat1, mat2)
        ctx.save_for_backward(mat1, mat2)
        ctx.bias_shape = bias.array.shape
        return np.matmul(mat1.array, mat2.array) + bias.array

    @staticmethod
    def backward(ctx, grad):
        mat1, mat2 = ctx.saved_tensors
        grad_bias = grad.sum_to_size(ctx.bias_shape) if ctx.needs_input_grad[0] else None
        grad_mat1 = grad.mm(mat2.t()) if ctx.needs_input_grad[1] else None
        grad_mat2 = mat1.t().mm(grad) if ctx.needs_input_grad[2] else None
        return grad_bias, grad_mat1, grad_mat2


def _column_major(m):
    """Is the (n, k) matrix laid out column after column in memory (as x.t() of a row-major x is)?"""
    step = m.itemsize
    return m.strides[0] == step and m.strides[1] == step * m.shape[0]


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
        if a.array.dtype is _BOOL:
            raise _bool_error("addmv_impl_cpu")
        ctx.save_for_backward(a, v)
        return np.matmul(a.array, v.array)

    @staticmethod
    def backward(ctx, grad):
        a, v = ctx.saved_tensors
        grad_a = grad.reshape(-1, 1) * v if ctx.needs_input_grad[0] else None    # outer product (ger)
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
        if a.array.dtype is _BOOL:
            raise _bool_error("dot")
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


class Bmm(Function):
    """(b, n, k) @ (b, k, m): one matrix product per batch entry, no broadcasting."""
    node_name = "BmmBackward0"
    saved_names = ('self', 'mat2')

    @staticmethod
    def forward(ctx, a, b):
        for t, name in ((a, "batch1"), (b, "batch2")):
            if t.array.ndim != 3:
                raise errors.error(RuntimeError, f"{name} must be a 3D tensor",
                                   "bmm 은 3차원 텐서 (배치, 행, 열) 끼리만 곱합니다. 배치 차원이 더 많거나 브로드캐스팅이 "
                                   "필요하면 torch.matmul (@) 을 쓰세요.")
        (batch, n, k), (batch2, k2, m) = a.array.shape, b.array.shape
        if (batch2, k2) != (batch, k):
            raise errors.error(RuntimeError, f"Expected size for first two dimensions of batch2 tensor to be: "
                               f"[{batch}, {k}] but got: [{batch2}, {k2}].",
                               "배치 행렬곱은 배치 크기가 같고, 배치마다 (n, k) @ (k, m) 이어야 합니다: A 의 마지막 차원과 "
                               "B 의 끝에서 두 번째 차원이 같은지 확인하세요.")
        if a.array.dtype != b.array.dtype:
            raise errors.error(RuntimeError, f"expected scalar type {a.dtype.short_name} but found "
                               f"{b.dtype.short_name}", _DTYPE_HINT)
        if a.array.dtype is _BOOL:
            raise _bool_error("bmm")
        ctx.save_for_backward(a, b)
        return np.matmul(a.array, b.array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        grad_a = Bmm.apply(grad, b.transpose(1, 2)) if ctx.needs_input_grad[0] else None
        grad_b = Bmm.apply(a.transpose(1, 2), grad) if ctx.needs_input_grad[1] else None
        return grad_a, grad_b


def bmm(input, mat2):  # noqa: A002 - PyTorch's argument names
    """``torch.bmm``: batched matrix product of two 3-D tensors."""
    return Bmm.apply(tensor_argument(input, "bmm", "input", 1), tensor_argument(mat2, "bmm", "mat2", 2))


def matmul(a, b):
    """``a @ b``, recorded as PyTorch records it (``at::native::matmul`` in LinearAlgebra.cpp).

    1-D and 2-D operands are one dot, mv or mm. With a batch (3 or more dimensions) PyTorch either
    folds the batch into the rows of one mm / mv (`_folded`), or broadcasts the batches and calls
    bmm (`_batched`); `_should_fold` chooses, as PyTorch's should_fold does."""
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
    if _should_fold(a, b):
        return _folded(a, b)
    return _batched(a, b)


def _should_fold(a, b):
    """Can the batch of the bigger operand be folded into the rows of one mm / mv?

    The bigger operand is `a`, or `b.mT` when `b` has more dimensions: (a @ b) = (b.mT @ a.mT).mT."""
    if a.array.ndim >= b.array.ndim:
        big, small = a.array, b
    else:
        big, small = np.swapaxes(b.array, -1, -2), a
    if big.ndim < 3 or small.array.ndim > 2:
        return False
    if small.requires_grad:         # (the flag itself, as in PyTorch: also under no_grad)
        # fold even if it copies: else the gradient of `small` would be a batch of gradients to sum
        return True
    if a.array.ndim == 2:
        return False            # the result would have to be transposed back and copied
    if big.size == 0:
        return True
    # fold only if it needs no copy: the batch dimensions and the rows lie one after another in memory
    # (numpy counts strides in bytes, PyTorch in elements: the same test either way)
    shape, strides = big.shape, big.strides
    return all(strides[i] == strides[i + 1] * shape[i + 1] for i in range(big.ndim - 2))


def _folded(a, b):
    """(..., n, k) @ (k, m) as one mm of (N, k) @ (k, m), N = all rows of the batch ((k,): one mv).

    When `b` is the bigger operand, compute (b.mT @ a.mT).mT the same way."""
    transpose = b.array.ndim > a.array.ndim
    if transpose:
        t1, t2 = b.mT, (a.t() if a.array.ndim == 2 else a)
    else:
        t1, t2 = a, b
    *rows, k = t1.array.shape
    t1_folded = t1.reshape(math.prod(rows), k)
    if t2.array.ndim == 2:
        out = UnsafeView.apply(Mm.apply(t1_folded, t2), (*rows, t2.array.shape[1]))
        return out.mT.contiguous() if transpose else out
    return UnsafeView.apply(Mv.apply(t1_folded, t2), tuple(rows))


def _batched(a, b):
    """Broadcast the batch dimensions, flatten them into one and call bmm (a 1-D operand is one row / column)."""
    sa, sb = a.array.shape, b.array.shape
    da, db = len(sa), len(sb)
    if da == 3 and db == 3 and sa[0] != sb[0]:
        # a batch of one that requires grad: drop it, so the matrix is not copied once per batch entry
        if sa[0] == 1 and a.requires_grad:
            return matmul(a.squeeze(0), b)
        if sb[0] == 1 and b.requires_grad:
            return matmul(a, b.squeeze(0))
    n, m1 = (sa[-2] if da > 1 else 1), sa[-1]
    m2, p = (sb[-2], sb[-1]) if db > 1 else (sb[0], 1)
    errors.check_broadcast(sa[:-2], sb[:-2])
    batch = tuple(np.broadcast_shapes(sa[:-2], sb[:-2]))
    size = math.prod(batch)
    a3 = a.expand(*batch, n, m1).reshape(size, n, m1)
    if db == 1:
        b3 = b.expand(*batch, m2).reshape(size, m2).unsqueeze(2)
        out = Bmm.apply(a3, b3).squeeze(-1)
    else:
        b3 = b.expand(*batch, m2, p).reshape(size, m2, p)
        out = Bmm.apply(a3, b3)
    out_shape = batch + ((n,) if da > 1 else ()) + ((p,) if db > 1 else ())
    return UnsafeView.apply(out, out_shape)


# ---------------------------------------------------------- what these operations are on a Tensor
def matmul_operator(self, other):
    """``self @ other``."""
    if isinstance(other, np.ndarray):         # PyTorch lets numpy compute this one, in numpy's dtype
        dtype = np.result_type(self.array, other)
        return matmul(self.to(dtype), Tensor._make(other.astype(dtype)))
    if not isinstance(other, Tensor):
        raise errors.matmul_operand(self, other)
    return matmul(self, other)


def rmatmul_operator(self, other):             # [1, 2] @ x, 2 @ x: not a product of tensors
    raise errors.matmul_operand(other, self)


def matmul_method(self, other):
    return matmul(self, tensor_argument(other, "matmul", "other", 1))


def tensor_mm(self, mat2):
    return Mm.apply(self, tensor_argument(mat2, "mm", "mat2", 1))


def tensor_bmm(self, mat2):
    return Bmm.apply(self, tensor_argument(mat2, "bmm", "mat2", 1))


def tensor_mv(self, vec):
    return Mv.apply(self, tensor_argument(vec, "mv", "vec", 1))


def tensor_dot(self, tensor):
    return Dot.apply(self, tensor_argument(tensor, "dot", "tensor", 1))


Tensor.__matmul__, Tensor.__rmatmul__, Tensor.matmul = matmul_operator, rmatmul_operator, matmul_method
Tensor.mm, Tensor.bmm, Tensor.mv, Tensor.dot = tensor_mm, tensor_bmm, tensor_mv, tensor_dot
