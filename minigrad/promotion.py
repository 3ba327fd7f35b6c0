"""The two operands of ``a + b``, ``a * b`` ... as PyTorch sees them (PyTorch-exact detail).

The operator methods (``Tensor.__mul__`` ...) call `operands` once, before ``Function.apply``:

- a Python number becomes a `WrappedNumber` (PyTorch wraps it in a tensor too: ``(x * 2).grad_fn``
  has an edge ``(None, 0)`` for the 2). Its ``array`` is the number itself, so numpy computes
  ``x.array * 2`` in x's dtype, which is PyTorch's rule for numbers;
- lists and numpy arrays become tensors;
- shapes that do not broadcast raise PyTorch's error;
- when the operands' dtypes differ, PyTorch computes in one common dtype (type promotion,
  ``dtypes.result_type``). Where numpy would pick another one (``int64 * float32`` is float64 in
  numpy, float32 in PyTorch), the operand is handed over as an alias in the common dtype: same
  history, same version counter, so gradients still go to the original tensor.
"""
import functools
import numbers

import numpy as np

from . import dtypes, errors
from .accumulate import accumulator_of
from .tensor import Tensor, _array_from_data


class WrappedNumber(Tensor):
    """A Python number taking part in a tensor operation; ``array`` is the number itself."""


@functools.lru_cache(maxsize=1024, typed=True)
def wrapped(number):
    """The WrappedNumber of `number`, made once and reused: it never changes. (Not for zero:
    0.0 and -0.0 are equal keys here but different numbers.)"""
    return WrappedNumber._make(number)


def operands(a, b, op, true_divide=False):
    """``(a, b)`` ready for the binary Function of operator `op` ("*" ...), as PyTorch sees them."""
    if a.array.dtype.kind == "f":                        # the common cases, checked cheaply
        if type(b) is float or type(b) is int:           # x * 2: numpy computes in x's dtype
            return a, wrapped(b) if b else WrappedNumber._make(b)     # (0 and -0.0: see wrapped)
        if type(b) is WrappedNumber or type(b) is Tensor and b.array.dtype == a.array.dtype:
            if type(b) is Tensor and b.array.shape != a.array.shape:
                errors.check_broadcast(a.array.shape, b.array.shape)
            return a, b
    return _promoted(a, b, op, true_divide)


def _promoted(a, b, op, true_divide):
    """The other cases: lists and arrays, broadcasting, mixed dtypes (PyTorch's type promotion)."""
    operand = _as_operand(b, a)
    if operand is None:
        raise errors.bad_operand(op, a, b)
    b = operand
    if type(b) is Tensor:
        errors.check_broadcast(a.array.shape, b.array.shape)
    want = dtypes.result_type(a.array, b.array)
    if true_divide and want.kind in "biu":             # int / int is a float in PyTorch
        want = dtypes.DEFAULT_FLOAT.np_dtype
    if np.result_type(a.array, b.array) == want:
        return a, b
    return _in_dtype(a, want), _in_dtype(b, want)


def number_or_tensor(x):
    """An argument that may be a number or a tensor: a Python number stays one, a list or numpy
    array becomes a tensor; None if it is neither."""
    if isinstance(x, (Tensor, int, float)):        # (bool is an int)
        return x
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, (np.ndarray, list, tuple)):
        return Tensor._make(_array_from_data(x))
    return None


def _as_operand(x, like):
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, (bool, numbers.Number)) and not isinstance(x, complex):
        if like.array.dtype.kind in "iu" and isinstance(x, int) and not isinstance(x, bool):
            x = _wrap_around(x, like.array.dtype)
        return WrappedNumber._make(x)
    if isinstance(x, (np.ndarray, list, tuple)):
        return Tensor._make(_array_from_data(x))
    return None


def _wrap_around(x, dtype):
    """An integer beyond the tensor's dtype wraps around, as PyTorch converts it (uint8 + -3)."""
    info = np.iinfo(dtype)
    if info.min <= x <= info.max:
        return x
    return np.array(x).astype(dtype)


def _in_dtype(t, dtype):
    """`t` as seen by the operation: the same tensor if it already has `dtype`, else an alias."""
    if type(t) is WrappedNumber:
        return t                                     # a number takes the other operand's dtype
    if t.array.dtype == dtype:
        return t
    alias = Tensor._make(t.array.astype(dtype))
    alias._requires_grad, alias.grad_fn, alias.output_nr = t._requires_grad, t.grad_fn, t.output_nr
    alias._version_counter = t._version_counter
    if t.grad_fn is None and t.requires_grad:        # a leaf: its gradient still goes to the leaf
        accumulator_of(t)
        alias._accumulator = t._accumulator
    return alias
