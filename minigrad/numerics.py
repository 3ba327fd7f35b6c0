"""Results with PyTorch's dtype and rounding where plain numpy gives other ones (PyTorch-exact detail).

- `binary`: ``np_op(a, b)`` for an operation that takes a Python number as a plain argument
  (``1 - x``, the Scalar operations of backward formulas ...), in the dtype PyTorch gives it;
- `power`: ``a ** b``, with PyTorch's exact small powers and float32 rounding;
- `rounded`: a float32 exp, log, sin, tanh ... computed in float64 and rounded once.
"""
import numpy as np

from . import dtypes, errors
from .tensor import Tensor


def binary(np_op, a, b):
    """Apply a numpy ufunc to two operands (tensors or numbers) with PyTorch's dtype rule."""
    a_is_tensor, b_is_tensor = isinstance(a, Tensor), isinstance(b, Tensor)
    x = a.array if a_is_tensor else a
    y = b.array if b_is_tensor else b
    try:
        out = np_op(x, y)
    except OverflowError:                         # uint8 tensor - 300: PyTorch wraps the number
        return binary(np_op, a, np.array(b).astype(x.dtype) if isinstance(x, np.ndarray) else b)
    except ValueError:                            # shapes that do not broadcast, or int ** negative int
        errors.check_broadcast(np.shape(x), np.shape(y))
        raise errors.int_power() from None
    # numpy agrees with PyTorch when both tensors have the same dtype, or when a Python number left
    # the tensor's dtype as it was; in the other cases PyTorch's promotion rule decides
    if a_is_tensor and b_is_tensor:
        if x.dtype == y.dtype:
            return out
    elif out.dtype == (x if a_is_tensor else y).dtype:
        return out
    want = dtypes.result_type(x, y)
    return out if out.dtype == want else np.asarray(out).astype(want)


# PyTorch computes these powers of a float tensor with plain arithmetic, not with pow()
_EXACT_POWERS = {2: lambda x: x * x, 3: lambda x: x * x * x, 0.5: np.sqrt, -0.5: lambda x: 1 / np.sqrt(x),
                 -1: lambda x: 1 / x, -2: lambda x: 1 / (x * x)}


def power(a, b):
    """``a ** b`` with PyTorch's dtype rule and, as far as numpy allows, PyTorch's rounding."""
    if isinstance(a, Tensor) and a.array.dtype.kind == "f" and not isinstance(b, Tensor) and b in _EXACT_POWERS:
        return np.asarray(_EXACT_POWERS[b](a.array))
    out = binary(np.power, a, b)
    if out.dtype == np.float32:      # numpy's float32 pow is often 1 ulp off; via float64 it agrees
        x = np.asarray(a.array if isinstance(a, Tensor) else a, np.float32)
        y = np.asarray(b.array if isinstance(b, Tensor) else b, np.float32)
        out = np.power(x.astype(np.float64), y.astype(np.float64)).astype(np.float32)
    return np.asarray(out)       # (an array also for 0-d operands, where numpy gives a scalar)


def rounded(np_func, x):
    """``np_func(x)`` for exp, log, sin, tanh ...: a float32 array is computed in float64 and rounded
    to float32 once. PyTorch's float32 kernels (SLEEF, within 1 ulp) agree with that correctly rounded
    value far more often than with numpy's own float32 kernels. Measured on 302,000 float32 inputs in
    [-10, 10] (tools/measure_float32_math.py): values that differ from torch 2.13, numpy float32 -> this:
    exp 39% -> 1.1%, log 15% -> 0.04%, log1p 13% -> 0.8%, sigmoid 16% -> 3.9%, tanh 36% -> 0.8%,
    sin 13% -> 4.8%, cos 16% -> 5.0%; never more than 2 ulps apart.

    Only up to ROUNDED_UP_TO numbers (what a tutorial prints): above that, numpy's float64 kernels
    cost 5x its vectorised float32 ones (tanh of 64,000 numbers: 124 µs against 23.5 µs, the hidden
    layer of benchmark W4: 1.73x -> 1.44x torch), so a training batch keeps numpy's float32 result
    (up to 4 ulps from PyTorch's; sigmoid)."""
    if x.dtype == np.float32 and x.size <= ROUNDED_UP_TO:
        return np_func(x, dtype=np.float64).astype(np.float32)
    return np_func(x)


ROUNDED_UP_TO = 16384
