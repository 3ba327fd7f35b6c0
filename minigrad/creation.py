"""Making tensors (chapter 01): tensor, ones, zeros, rand, randn, arange, linspace, ...

Random numbers come from one numpy Generator that ``manual_seed`` resets, so a seeded notebook
prints the same numbers on every run (they are not PyTorch's numbers for the same seed).
"""
import numpy as np

from . import dtypes, errors
from .tensor import NEGATIVE_SIZE_HINT, Size, Tensor, _array_from_data, _shape_args, check_device, new_size

_rng = np.random.default_rng(0)


def manual_seed(seed):
    """Restart the random number generator from `seed`."""
    global _rng
    _rng = np.random.default_rng(int(seed))
    return _rng


def _finish(array, dtype, requires_grad):
    if dtype is not None:
        array = array.astype(dtypes.to_numpy(dtype), copy=False)
    t = Tensor._make(array)
    if requires_grad:
        if array.dtype.kind != "f":
            raise errors.error(RuntimeError, "Only Tensors of floating point and complex dtype can require gradients",
                               "정수·불리언 텐서는 미분할 수 없습니다. torch.tensor([1., 2.]) 처럼 실수로 만드세요.")
        t._requires_grad = True
    return t


def tensor(data, dtype=None, device=None, requires_grad=False):
    """A new tensor holding a copy of `data` (numbers, nested lists, a numpy array or a tensor).

    Floats become float32, integers int64, booleans bool, unless `dtype` says otherwise."""
    check_device(device)
    if isinstance(data, Tensor):
        array = data.array.copy()
    elif isinstance(data, np.ndarray):
        array = data.copy()
    else:
        array = _array_from_data(data, dtype)
    return _finish(array, dtype, requires_grad)


def as_tensor(data, dtype=None):
    if isinstance(data, Tensor) and dtype is None:
        return data
    return tensor(data, dtype=dtype)


def from_numpy(array):
    """A tensor sharing memory with a numpy array (float64 stays float64)."""
    if not isinstance(array, np.ndarray):
        raise errors.error(TypeError, f"expected np.ndarray (got {type(array).__name__})",
                           "from_numpy 는 numpy 배열만 받습니다. 리스트라면 torch.tensor(...) 를 쓰세요.")
    dtypes.from_numpy(array.dtype)
    return Tensor._make(array)


def _size(size):
    return new_size(size)


def _float_dtype(dtype):
    return dtypes.DEFAULT_FLOAT if dtype is None else dtype


def zeros(*size, dtype=None, requires_grad=False, device=None):
    check_device(device)
    shape = _shape_args(size)
    if min(shape, default=0) < 0:                  # (zeros words this one its own way)
        raise errors.error(RuntimeError, "zeros: Dimension size must be non-negative.", NEGATIVE_SIZE_HINT)
    return _finish(np.zeros(shape, dtypes.to_numpy(_float_dtype(dtype))), None, requires_grad)


def ones(*size, dtype=None, requires_grad=False, device=None):
    check_device(device)
    return _finish(np.ones(_size(size), dtypes.to_numpy(_float_dtype(dtype))), None, requires_grad)


def full(size, fill_value, dtype=None, requires_grad=False, device=None):
    check_device(device)
    if dtype is None:
        dtype = dtypes.bool if isinstance(fill_value, bool) else (
            dtypes.int64 if isinstance(fill_value, int) else dtypes.DEFAULT_FLOAT)
    return _finish(np.full(_size(size), fill_value, dtypes.to_numpy(dtype)), None, requires_grad)


def empty(*size, dtype=None, requires_grad=False, device=None):
    check_device(device)
    return zeros(*_size(size), dtype=dtype, requires_grad=requires_grad)


def zeros_like(t, dtype=None, requires_grad=False):
    return _finish(np.zeros_like(t.array), dtype, requires_grad)


def ones_like(t, dtype=None, requires_grad=False):
    return _finish(np.ones_like(t.array), dtype, requires_grad)


def full_like(t, fill_value, dtype=None, requires_grad=False):
    return _finish(np.full_like(t.array, fill_value), dtype, requires_grad)


def eye(n, m=None, dtype=None, requires_grad=False):
    for name, size in (("n", n), ("m", m)):
        if size is not None and size < 0:
            raise errors.error(RuntimeError, f"{name} must be greater or equal to 0, got {size}",
                               "단위행렬의 크기 n(행), m(열)은 0 이상이어야 합니다. torch.eye(3) 처럼 주세요.")
    return _finish(np.eye(n, m, dtype=dtypes.to_numpy(_float_dtype(dtype))), None, requires_grad)


def rand(*size, dtype=None, requires_grad=False, generator=None):
    """Uniform on [0, 1)."""
    array = _rng.random(_size(size), dtype=np.float64).astype(dtypes.to_numpy(_float_dtype(dtype)))
    return _finish(array, None, requires_grad)


def randn(*size, dtype=None, requires_grad=False, generator=None):
    """Standard normal (mean 0, standard deviation 1)."""
    array = _rng.standard_normal(_size(size)).astype(dtypes.to_numpy(_float_dtype(dtype)))
    return _finish(array, None, requires_grad)


def randint(low, high=None, size=(), dtype=None, requires_grad=False):
    if high is None or isinstance(high, (tuple, list)):   # randint(high) or randint(high, size)
        low, high, size = 0, low, (size if high is None else high)
    size = _size(size)
    if low >= high:
        raise errors.error(RuntimeError,
                           f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}",
                           "randint(low, high, size) 는 low 이상 high 미만의 정수를 뽑으므로 low < high 여야 합니다 "
                           "(randint(high, size) 는 0 부터 셉니다).")
    return _finish(_rng.integers(low, high, size=tuple(size), dtype=np.int64), dtype, requires_grad)


def rand_like(t, dtype=None):
    return rand(*t.array.shape, dtype=dtype or t.dtype)


def randn_like(t, dtype=None):
    return randn(*t.array.shape, dtype=dtype or t.dtype)


def arange(start, end=None, step=1, dtype=None, requires_grad=False, device=None):
    """``arange(10)`` is 0..9 (int64); a float argument gives float32."""
    check_device(device)
    if end is None:
        start, end = 0, start
    if step == 0:
        raise errors.error(RuntimeError, "step must be nonzero",
                           "arange 의 간격(step)은 0 일 수 없습니다. torch.arange(0, 1, 0.1) 처럼 0 이 아닌 간격을 주세요.")
    if (end - start) * step < 0:
        raise errors.error(RuntimeError, "upper bound and lower bound inconsistent with step sign",
                           "step 이 양수면 end 가 start 보다 커야 하고, 음수면 작아야 합니다. 거꾸로 세려면 "
                           "torch.arange(10, 0, -1) 처럼 step 을 음수로 주세요.")
    is_float = any(isinstance(v, float) for v in (start, end, step))
    default = dtypes.DEFAULT_FLOAT if is_float else dtypes.int64
    array = np.arange(start, end, step, dtype=np.float64 if is_float else np.int64)
    return _finish(array.astype(dtypes.to_numpy(dtype or default)), None, requires_grad)


def linspace(start, end, steps, dtype=None, requires_grad=False, device=None):
    """`steps` evenly spaced points from start to end, both included."""
    check_device(device)
    steps = int(steps)
    if steps < 0:
        raise errors.error(RuntimeError, "number of steps must be non-negative",
                           "steps 는 만들 점의 개수라서 0 이상이어야 합니다. torch.linspace(0, 1, steps=5) 처럼 주세요.")
    np_dtype = dtypes.to_numpy(_float_dtype(dtype))
    # PyTorch's kernel: the step is rounded to the dtype, the first half counts up from start and
    # the second half down from end (so the end point is exact)
    step = float(np_dtype.type((end - start) / (steps - 1))) if steps > 1 else 0.0
    i = np.arange(steps, dtype=np.float64)
    array = np.where(i < steps // 2, start + step * i, end - step * (steps - 1 - i))
    return _finish(array.astype(np_dtype), None, requires_grad)


def get_default_dtype():
    return dtypes.DEFAULT_FLOAT


__all__ = ["tensor", "as_tensor", "from_numpy", "zeros", "ones", "full", "empty", "zeros_like", "ones_like",
           "full_like", "eye", "rand", "randn", "randint", "rand_like", "randn_like", "arange", "linspace",
           "manual_seed", "get_default_dtype", "Size"]
