"""Making tensors (chapter 01): tensor, ones, zeros, rand, randn, arange, linspace, ...

Each function declares PyTorch's signatures (``@signatures(...)``, minigrad/arguments.py), so a
misuse gets PyTorch's TypeError, and then goes through the same steps:

1. :func:`_options`: ``device=`` (minigrad/devices.py: only the CPU), ``pin_memory``, ``dtype``;
2. the numbers, made with numpy in the result's dtype (``linspace``/``arange``: minigrad/ranges.py);
3. :func:`_result`: a new tensor, or the numbers written into ``out=``, and ``requires_grad``.

Random numbers come from PyTorch's own generator and algorithms (minigrad/random.py): after
``torch.manual_seed(0)``, ``torch.randn(3)`` prints the numbers PyTorch prints.
"""
import math
import numbers
import warnings

import numpy as np

from . import dtypes, errors, random, ranges
from .arguments import is_tensor, signatures, typename, unpack_int_list
from .devices import CPU, device as _device, tensor_device
from .grad_mode import is_grad_enabled, no_grad
from .tensor import NEGATIVE_SIZE_HINT, Size, Tensor, _array_from_data, _c_type_name, new_size

# the keyword arguments every factory function takes, as PyTorch writes them
_FACTORY = ("ScalarType? dtype=None, Layout? layout=None, Device? device=None, "
            "bool? pin_memory=False, bool? requires_grad=False")
_OUT = "Tensor out=None, " + _FACTORY
_LIKE = "MemoryFormat? memory_format=None, " + _FACTORY


def get_default_dtype():
    return dtypes.DEFAULT_FLOAT


# ------------------------------------------------------------------ the steps every function takes
def _dtype(dtype):
    """A minigrad dtype from a ``dtype=`` argument (``float`` is torch.float64, as in PyTorch)."""
    if dtype is None or isinstance(dtype, dtypes.dtype):
        return dtype
    return dtypes.from_python_type(dtype)


def _options(name, out, dtype, device, pin_memory, default=dtypes.DEFAULT_FLOAT):
    """The dtype of the result, after PyTorch's checks of ``out=``, ``device=`` and ``pin_memory``.

    With ``out=`` the result takes out's dtype, and a dtype or device that differs is an error;
    without it, the device must be the CPU and `default` is used when no dtype is given."""
    dtype = _dtype(dtype)
    if out is not None:
        if out.requires_grad and is_grad_enabled():
            if name in ("empty", "randn"):
                raise errors.error(RuntimeError, "cannot resize variables that require grad",
                                   _OUT_GRAD)
            raise errors.error(RuntimeError, f"aten::{name}(): functions with out=... arguments "
                               "don't support automatic differentiation, but one of the arguments "
                               "requires grad.", _OUT_GRAD)
        if dtype is not None and dtype != out.dtype:
            raise errors.error(RuntimeError, f"dtype {dtype.short_name} does not match dtype of "
                               f"out parameter ({out.dtype.short_name})",
                               "out= 텐서의 dtype 과 dtype= 인자가 다릅니다. 둘 중 하나만 주세요 "
                               "(out= 을 주면 결과는 out 의 dtype 입니다).")
        if device is not None:
            kind = device.type if isinstance(device, _device) else (
                _device(device).type if isinstance(device, str) else "cuda")
            if kind != "cpu":
                raise errors.error(RuntimeError, f"device type {kind} does not match device type "
                                   "of out parameter (cpu)",
                                   "out= 텐서는 CPU 에 있으니 device 인자를 빼세요.")
        return out.dtype
    tensor_device(device)
    if pin_memory:
        raise errors.error(RuntimeError, "pin_memory=True requires a CUDA or other accelerator "
                           "backend; no pinned memory allocator is available on this system.",
                           "pin_memory 는 GPU 로 보낼 데이터를 위한 설정이라 CPU 만 쓰는 minigrad "
                           "에서는 쓸 수 없습니다. 인자를 빼세요.")
    return dtype if dtype is not None else default


_OUT_GRAD = ("out= 으로 결과를 받는 함수는 autograd 가 기록하지 않습니다. out 텐서가 requires_grad=True 이면 "
             "안 되니, out= 을 빼고 y = torch.zeros(...) 처럼 새 텐서를 받거나 torch.no_grad() 안에서 쓰세요.")


def _result(array, requires_grad, out=None):
    """`array` as a new tensor, or written into `out` (resized to array's shape when it differs)."""
    if requires_grad and array.dtype.kind != "f":
        raise errors.error(RuntimeError, "Only Tensors of floating point and complex dtype can "
                           "require gradients", "정수·불리언 텐서는 미분할 수 없습니다. "
                           "torch.tensor([1., 2.]) 처럼 실수로 만드세요.")
    if out is None:
        t = Tensor._make(array)
        if requires_grad:
            t.requires_grad_(True)
        return t
    with no_grad():
        if out.shape != array.shape:
            out.data = np.empty(array.shape, dtype=out.array.dtype)
        out.copy_(Tensor._make(array))
    return out.requires_grad_(bool(requires_grad))     # (PyTorch sets the flag either way)


def write_out(name, out, inputs, compute, same_dtype=False):
    """PyTorch's ``out=`` for an operation (``torch.add(a, b, out=c)``): `compute()`'s result
    written into `out`, which is returned.

    As in PyTorch: no autograd (nothing may require grad), the result's dtype must cast safely to
    out's (matrix products want the same dtype), and an out of another shape is resized, with a
    warning unless it was empty."""
    if not isinstance(out, Tensor):
        raise errors.error(TypeError,
                           f"{name}(): argument 'out' must be Tensor, not {typename(out)}",
                           "out= 에는 결과를 받을 텐서를 주세요.")
    if is_grad_enabled() and any(isinstance(t, Tensor) and t.requires_grad for t in (out, *inputs)):
        raise errors.error(RuntimeError, f"{name}(): functions with out=... arguments don't "
                           "support automatic differentiation, but one of the arguments requires "
                           "grad.",
                           _OUT_GRAD)
    result = compute()
    if same_dtype and result.dtype != out.dtype:
        raise errors.error(RuntimeError, "Expected out tensor to have dtype "
                           f"{_c_type_name(result.dtype)}, but got {_c_type_name(out.dtype)} "
                           "instead",
                           "행렬곱의 out= 텐서는 결과와 dtype 이 같아야 합니다.")
    if dtypes._category(result.array.dtype) > dtypes._category(out.array.dtype):
        raise errors.error(RuntimeError, f"result type {result.dtype.short_name} can't be cast to "
                           f"the desired output type {out.dtype.short_name}",
                           "결과를 out= 텐서의 dtype 에 담을 수 없습니다 (예: 실수 결과를 정수 텐서에). "
                           "out 의 dtype 을 결과에 맞추세요.")
    if out.numel() and out.shape != result.shape:
        warnings.warn("An output with one or more elements was resized since it had shape "
                      f"{list(out.shape)}, which does not match the required output shape "
                      f"{list(result.shape)}. This behavior is deprecated, and in a future PyTorch "
                      "release outputs will not be resized unless they have zero elements. You can "
                      "explicitly reuse an out tensor t by resizing it, inplace, to zero elements "
                      "with t.resize_(0). (Triggered internally at "
                      "/__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)", UserWarning,
                      stacklevel=3)
    return _result(result.array.astype(out.array.dtype), False, out)


def _size(name, size):
    """The shape of a new tensor from a size argument, with PyTorch's messages."""
    return new_size(unpack_int_list(name, "size", size))


def _scalar(value):
    """A Python number from a Scalar argument (a 0-dimensional tensor gives its element)."""
    if is_tensor(value):
        return value.item()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _scalar_dtype(value):
    """The dtype PyTorch gives a tensor filled with the Python number `value`."""
    if isinstance(value, bool):
        return dtypes.bool
    if isinstance(value, numbers.Integral):
        return dtypes.int64
    if isinstance(value, complex):
        raise errors.error(TypeError, "minigrad has no complex dtypes",
                           "minigrad 에는 복소수 dtype 이 없습니다. 실수를 주세요.")
    return dtypes.DEFAULT_FLOAT


# ------------------------------------------------------------------------- from data
@signatures("tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, "
            "bool pin_memory=False, bool requires_grad=False)")
def tensor(data, dtype=None, device=None, pin_memory=False, requires_grad=False):
    """A new tensor holding a copy of `data` (numbers, nested lists, a numpy array or a tensor).

    Floats become float32, integers int64, booleans bool, unless `dtype` says otherwise."""
    dtype = _options("tensor", None, dtype, device, pin_memory, default=None)
    return _result(_data_array(data, dtype), requires_grad)


@signatures("as_tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None)")
def as_tensor(data, dtype=None, device=None):
    """`data` as a tensor, without a copy when it is one (or a numpy array) of that dtype."""
    dtype = _options("as_tensor", None, dtype, device, False, default=None)
    if isinstance(data, Tensor):
        return data if dtype is None or dtype == data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray):
        t = from_numpy(data)
        if dtype is None or dtype == t.dtype:
            return t
        return Tensor._make(t.array.astype(dtype.np_dtype))
    return Tensor._make(_data_array(data, dtype))


def from_numpy(array):
    """A tensor sharing memory with a numpy array (float64 stays float64)."""
    if not isinstance(array, np.ndarray):
        raise errors.error(TypeError, f"expected np.ndarray (got {type(array).__name__})",
                           "from_numpy 는 numpy 배열만 받습니다. 리스트라면 torch.tensor(...) 를 쓰세요.")
    dtypes.from_numpy(array.dtype)
    return Tensor._make(array)


def _data_array(data, dtype):
    """The numbers of `data` in a numpy array, stored as ``torch.tensor`` stores them.

    PyTorch reads every integer as a 64-bit integer when the result is an integer tensor (a larger
    one is an overflow, not a wrapped number), and refuses numbers that do not fit the dtype."""
    if isinstance(data, (Tensor, np.ndarray)):
        array = _array_from_data(data)
        return array if dtype is None else array.astype(dtype.np_dtype)
    try:
        raw = np.array(data)
    except (ValueError, TypeError, OverflowError):
        raw = None
    beyond_int64 = raw is not None and raw.dtype.kind == "f" and _largest(raw) >= 2.0 ** 63
    if raw is None or raw.dtype.kind not in "bif" or beyond_int64:
        # numbers that numpy could not type as PyTorch does: integers beyond int64, or not numbers
        has_float, big_int = _scan(data)
        target = dtype or (dtypes.DEFAULT_FLOAT if has_float else dtypes.int64)
        if big_int and target.np_dtype.kind in "iu":
            raise errors.error(ValueError, "Overflow when unpacking long long",
                               "정수가 64비트 정수(torch.int64)의 범위를 넘습니다. 실수로 담으려면 "
                               "dtype=torch.float64 를 주세요.")
        if big_int and target.is_floating_point:
            try:
                return np.array(data, dtype=np.float64).astype(target.np_dtype)
            except OverflowError:
                raise errors.error(OverflowError, "int too large to convert to float",
                                   "float64 로도 담을 수 없을 만큼 큰 정수입니다.") from None
            except (ValueError, TypeError):
                pass
        if raw is None or raw.dtype.kind not in "bif":
            return _array_from_data(data, dtype)    # PyTorch's errors for what is not numbers
    if dtype is None:
        return _array_from_data(data)                      # float32, int64 or bool, as inferred
    np_dtype = dtype.np_dtype
    if np_dtype.kind in "iu":
        dtypes.check_fits(raw, np_dtype)
        with np.errstate(all="ignore"):
            whole = np.trunc(raw) if raw.dtype.kind == "f" else raw
            return whole.astype(np.int64).astype(np_dtype)
    if np_dtype.kind == "b":
        return raw != 0
    return raw.astype(np_dtype)


def _largest(array):
    finite = np.abs(array[np.isfinite(array)])
    return finite.max() if finite.size else 0.0


def _scan(data):
    """(any Python float in data, any integer outside int64) for nested lists and tuples."""
    has_float = big_int = False
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, (list, tuple)):
            stack.extend(x)
        elif isinstance(x, float):
            has_float = True
        elif isinstance(x, int) and not isinstance(x, bool) and not -2 ** 63 <= x < 2 ** 63:
            big_int = True
    return has_float, big_int


# ----------------------------------------------------------------------------- filled
def ones(*size, **options):
    """``torch.ones(2, 3)``: a new tensor of that shape, filled with ones."""
    return _new(np.ones, size, options, _ones)


def zeros(*size, **options):
    """``torch.zeros(2, 3)``: a new tensor of that shape, filled with zeros."""
    return _new(np.zeros, size, options, _zeros)


def empty(*size, **options):
    """``torch.empty(2, 3)``: a new tensor of that shape whose values are not set (here: zeros)."""
    return _new(np.zeros, size, options, _empty)


_FLOAT = dtypes.DEFAULT_FLOAT.np_dtype


def _new(make, size, options, checked):
    """A new tensor from ``make(shape, numpy dtype)``. The common call (sizes as ints, and at most
    ``requires_grad=``) needs no further checks; any other goes through PyTorch's (`checked`)."""
    if _plain(size, options):
        return Tensor._make(make(size, _FLOAT), options.get("requires_grad", False))
    return checked(*size, **options)


def _plain(size, options):
    """The common call: sizes as ints (not negative), and nothing but ``requires_grad=True/False``."""
    return (options.keys() <= {"requires_grad"} and type(options.get("requires_grad", False)) is bool
            and size != () and all(type(n) is int and 0 <= n < 2**31 for n in size))


@signatures("zeros(SymIntArrayRef size, *, " + _OUT + ")")
def _zeros(size, out=None, dtype=None, layout=None, device=None, pin_memory=False,
          requires_grad=False):
    dtype = _options("zeros", out, dtype, device, pin_memory)
    shape = unpack_int_list("zeros", "size", size)
    if min(shape, default=0) < 0:                  # (zeros words this one its own way)
        raise errors.error(RuntimeError, "zeros: Dimension size must be non-negative.",
                           NEGATIVE_SIZE_HINT)
    return _result(np.zeros(shape, dtype.np_dtype), requires_grad, out)


@signatures("ones(SymIntArrayRef size, *, " + _OUT + ")")
def _ones(size, out=None, dtype=None, layout=None, device=None, pin_memory=False,
         requires_grad=False):
    dtype = _options("ones", out, dtype, device, pin_memory)
    return _result(np.ones(_size("ones", size), dtype.np_dtype), requires_grad, out)


@signatures("empty(SymIntArrayRef size, *, MemoryFormat? memory_format=None, " + _OUT + ")")
def _empty(size, memory_format=None, out=None, dtype=None, layout=None, device=None,
          pin_memory=False, requires_grad=False):
    """A tensor whose values are not set (minigrad's are zeros; PyTorch's are what memory held)."""
    dtype = _options("empty", out, dtype, device, pin_memory)
    return _result(np.zeros(_size("empty", size), dtype.np_dtype), requires_grad, out)


@signatures("full(IntArrayRef size, Scalar fill_value, *, " + _OUT + ")")
def full(size, fill_value, out=None, dtype=None, layout=None, device=None, pin_memory=False,
         requires_grad=False):
    fill_value = _scalar(fill_value)
    dtype = _options("full", out, dtype, device, pin_memory, default=_scalar_dtype(fill_value))
    shape = _size("full", size)
    return _result(np.full(shape, dtypes.scalar_to(fill_value, dtype.np_dtype)), requires_grad, out)


@signatures("eye(SymInt n, *, " + _OUT + ")", "eye(SymInt n, SymInt m, *, " + _OUT + ")")
def eye(n, m=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
        requires_grad=False):
    dtype = _options("eye", out, dtype, device, pin_memory)
    n, m = int(n.__index__()), (None if m is None else int(m.__index__()))
    for name, size in (("n", n), ("m", m)):
        if size is not None and size < 0:
            raise errors.error(RuntimeError, f"{name} must be greater or equal to 0, got {size}",
                               "단위행렬의 크기 n(행), m(열)은 0 이상이어야 합니다. torch.eye(3) 처럼 주세요.")
    return _result(np.eye(n, m, dtype=dtype.np_dtype), requires_grad, out)


def _like(name, input, dtype, device, pin_memory):
    return _options(name, None, dtype, device, pin_memory, default=input.dtype)


@signatures("zeros_like(Tensor input, *, " + _LIKE + ")")
def zeros_like(input, memory_format=None, dtype=None, layout=None, device=None, pin_memory=False,
               requires_grad=False):
    dtype = _like("zeros_like", input, dtype, device, pin_memory)
    return _result(np.zeros(input.array.shape, dtype.np_dtype), requires_grad)


@signatures("ones_like(Tensor input, *, " + _LIKE + ")")
def ones_like(input, memory_format=None, dtype=None, layout=None, device=None, pin_memory=False,
              requires_grad=False):
    dtype = _like("ones_like", input, dtype, device, pin_memory)
    return _result(np.ones(input.array.shape, dtype.np_dtype), requires_grad)


@signatures("empty_like(Tensor input, *, " + _LIKE + ")")
def empty_like(input, memory_format=None, dtype=None, layout=None, device=None, pin_memory=False,
               requires_grad=False):
    dtype = _like("empty_like", input, dtype, device, pin_memory)
    return _result(np.zeros(input.array.shape, dtype.np_dtype), requires_grad)


@signatures("full_like(Tensor input, Scalar fill_value, *, " + _LIKE + ")")
def full_like(input, fill_value, memory_format=None, dtype=None, layout=None, device=None,
              pin_memory=False, requires_grad=False):
    dtype = _like("full_like", input, dtype, device, pin_memory)
    value = dtypes.scalar_to(_scalar(fill_value), dtype.np_dtype)
    return _result(np.full(input.array.shape, value), requires_grad)


# ----------------------------------------------------------------------------- random
def _random(kernel, shape, dtype, generator=None):
    """Random floats in `dtype`; PyTorch's random kernels exist only for floating types."""
    if not dtype.is_floating_point:
        raise errors.error(NotImplementedError,
                           f'"{kernel}" not implemented for \'{dtype.short_name}\'',
                           "rand/randn 은 실수 텐서만 만듭니다. 정수 난수는 "
                           "torch.randint(low, high, size) 를 쓰세요.")
    if kernel == "check_uniform_bounds":
        return _uniform(shape, dtype.np_dtype, generator)
    return _normal(shape, dtype.np_dtype, generator)


def _uniform(shape, np_dtype, generator=None):
    gen = generator or random.default_generator
    return gen.uniform(math.prod(shape), np_dtype).reshape(shape)


def _normal(shape, np_dtype, generator=None):
    gen = generator or random.default_generator
    return gen.normal(math.prod(shape), np_dtype).reshape(shape)


_GENERATOR = "Generator? generator, "


def rand(*size, **options):
    """``torch.rand(2, 3)``: uniform random numbers in [0, 1)."""
    return _new(_uniform, size, options, _rand)


def randn(*size, **options):
    """``torch.randn(2, 3)``: random numbers from the standard normal distribution."""
    return _new(_normal, size, options, _randn)


@signatures("rand(SymIntArrayRef size, *, " + _GENERATOR + _OUT + ")",
            "rand(SymIntArrayRef size, *, " + _OUT + ")")
def _rand(size, generator=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
         requires_grad=False):
    """Uniform on [0, 1)."""
    dtype = _options("rand", out, dtype, device, pin_memory)
    return _result(_random("check_uniform_bounds", _size("rand", size), dtype, generator), requires_grad,
                   out)


@signatures("randn(SymIntArrayRef size, *, " + _GENERATOR + _OUT + ")",
            "randn(SymIntArrayRef size, *, " + _OUT + ")")
def _randn(size, generator=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
          requires_grad=False):
    """Standard normal (mean 0, standard deviation 1)."""
    dtype = _options("randn", out, dtype, device, pin_memory)
    return _result(_random("normal_kernel_cpu", _size("randn", size), dtype, generator), requires_grad,
                   out)


@signatures("rand_like(Tensor input, *, " + _GENERATOR + _LIKE + ")",
            "rand_like(Tensor input, *, " + _LIKE + ")")
def rand_like(input, generator=None, memory_format=None, dtype=None, layout=None, device=None,
              pin_memory=False, requires_grad=False):
    dtype = _like("rand_like", input, dtype, device, pin_memory)
    return _result(_random("check_uniform_bounds", input.array.shape, dtype, generator), requires_grad)


@signatures("randn_like(Tensor input, *, " + _GENERATOR + _LIKE + ")",
            "randn_like(Tensor input, *, " + _LIKE + ")")
def randn_like(input, generator=None, memory_format=None, dtype=None, layout=None, device=None,
               pin_memory=False, requires_grad=False):
    dtype = _like("randn_like", input, dtype, device, pin_memory)
    return _result(_random("normal_kernel_cpu", input.array.shape, dtype, generator), requires_grad)


@signatures("randint(SymInt high, SymIntArrayRef size, *, " + _GENERATOR + _OUT + ")",
            "randint(SymInt high, SymIntArrayRef size, *, " + _OUT + ")",
            "randint(SymInt low, SymInt high, SymIntArrayRef size, *, " + _GENERATOR + _OUT + ")",
            "randint(SymInt low, SymInt high, SymIntArrayRef size, *, " + _OUT + ")")
def randint(high, size, low=0, generator=None, out=None, dtype=None, layout=None, device=None,
            pin_memory=False, requires_grad=False):
    """Integers from low (0 unless given) up to high, high excluded."""
    dtype = _options("randint", out, dtype, device, pin_memory, default=dtypes.int64)
    low, high = int(low.__index__()), int(high.__index__())
    shape = _size("randint", size)
    if low >= high:
        raise errors.error(RuntimeError, "random_ expects 'from' to be less than 'to', but got "
                           f"from={low} >= to={high}",
                           "randint(low, high, size) 는 low 이상 high 미만의 정수를 뽑으므로 low < high 여야 합니다 "
                           "(randint(high, size) 는 0 부터 셉니다).")
    numbers = (generator or random.default_generator).integers(math.prod(shape), low, high).reshape(shape)
    return _result(numbers.astype(dtype.np_dtype), requires_grad, out)


def randperm(n, *, generator=None, out=None, dtype=None, layout=None, device=None, pin_memory=False,
             requires_grad=False):
    """0 .. n-1 in random order, shuffled as PyTorch's CPU randperm shuffles (minigrad/random.py)."""
    dtype = _options("randperm", out, dtype, device, pin_memory, default=dtypes.int64)
    numbers = random.randperm_numbers(int(n), generator or random.default_generator)
    return _result(numbers.astype(dtype.np_dtype), requires_grad, out)


def normal(mean, std=1.0, size=None, *, generator=None, out=None, dtype=None, layout=None,
           device=None, pin_memory=False, requires_grad=False):
    """``torch.normal(mean, std, size)`` with numbers for mean and std."""
    if isinstance(mean, Tensor) or isinstance(std, Tensor) or size is None:
        raise errors.error(NotImplementedError,
                           "minigrad's torch.normal takes numbers for mean and std, and a size",
                           "minigrad 의 torch.normal 은 normal(mean, std, size) 처럼 숫자 평균·표준편차와 "
                           "크기를 받습니다. 텐서 평균은 mean + std * torch.randn(...) 으로 쓰세요.")
    dtype = _options("normal", out, dtype, device, pin_memory)
    shape = _size("normal", tuple(size))
    gen = generator or random.default_generator
    numbers = gen.normal(math.prod(shape), dtype.np_dtype, mean, std).reshape(shape)
    return _result(numbers, requires_grad, out)


# ------------------------------------------------------------------------------- ranges
@signatures("arange(Scalar end, *, " + _OUT + ")",
            "arange(Scalar start, Scalar end, *, " + _FACTORY + ")",
            "arange(Scalar start, Scalar end, Scalar step=1, *, " + _OUT + ")")
def arange(end, start=0, step=1, out=None, dtype=None, layout=None, device=None, pin_memory=False,
           requires_grad=False):
    """``arange(10)`` is 0..9 (int64); a float argument gives float32. Computed as PyTorch's CPU
    kernel computes it (minigrad/ranges.py), so the last digits agree too."""
    start, end, step = _scalar(start), _scalar(end), _scalar(step)
    integral = all(isinstance(v, numbers.Integral) for v in (start, end, step))
    dtype = _options("arange", out, dtype, device, pin_memory,
                     default=dtypes.int64 if integral else dtypes.DEFAULT_FLOAT)
    np_dtype = dtype.np_dtype
    if np_dtype.kind == "b":
        raise errors.error(NotImplementedError, "\"arange_cpu\" not implemented for 'Bool'",
                           "arange 로 bool 텐서는 만들 수 없습니다. 정수로 만든 뒤 비교하세요 (torch.arange(3) > 0).")
    # PyTorch checks the arguments as doubles first, then converts them to the accumulate type
    dstart, dend, dstep = (float(v) for v in (start, end, step))
    if dstep == 0:
        raise errors.error(RuntimeError, "step must be nonzero", _STEP_HINT)
    if not (math.isfinite(dstart) and math.isfinite(dend)):
        raise errors.error(RuntimeError,
                           f"unsupported range: {_cpp_number(dstart)} -> {_cpp_number(dend)}",
                           "arange 의 시작과 끝은 유한한 수여야 합니다 (inf, nan 은 안 됩니다).")
    if not ((dstep > 0 and dend >= dstart) or (dstep < 0 and dend <= dstart)):
        raise errors.error(RuntimeError, "upper bound and lower bound inconsistent with step sign",
                           "step 이 양수면 end 가 start 보다 커야 하고, 음수면 작아야 합니다. 거꾸로 세려면 "
                           "torch.arange(10, 0, -1) 처럼 step 을 음수로 주세요.")
    acc = ranges.accumulate_dtype(np_dtype)
    xstart, xend, xstep = (dtypes.scalar_to(v, acc) for v in (start, end, step))
    if np_dtype == np.int64 and xstep == 0:     # (a float step truncated to 0; int64 divides by it)
        raise errors.error(ValueError, "step must be nonzero", _STEP_HINT)
    size = _arange_size(start, end, step, np_dtype, xstart, xend, xstep)
    if out is not None and out.numel() not in (0, size):
        warnings.warn(f"The number of elements in the out tensor of shape {list(out.shape)} is "
                      f"{out.numel()} which does not match the computed number of elements {size}. "
                      "Note that this may occur as a result of rounding error. The out tensor will "
                      f"be resized to a tensor of shape ({size},). (Triggered internally at "
                      f"{_RANGE_FACTORIES}:199.)", UserWarning, stacklevel=3)
    return _result(ranges.arange(xstart, xstep, size, np_dtype), requires_grad, out)


# (PyTorch's warning names the C++ file that raised it)
_RANGE_FACTORIES = "/__w/pytorch/pytorch/aten/src/ATen/native/RangeFactories.cpp"
_STEP_HINT = "arange 의 간격(step)은 0 일 수 없습니다. torch.arange(0, 1, 0.1) 처럼 0 이 아닌 간격을 주세요."


def _arange_size(start, end, step, np_dtype, xstart, xend, xstep):
    """PyTorch's element count: exact integer arithmetic for int64, else ceil((end - start) / step)
    in double precision from the arguments as given."""
    if np_dtype == np.int64:                           # C++: integer division truncates toward zero
        q, d = int(xend) - int(xstart) + int(xstep) - (1 if xstep > 0 else -1), int(xstep)
        size_d = abs(q) // abs(d) * (1 if (q >= 0) == (d > 0) else -1)
    else:
        with np.errstate(all="ignore"):
            size_d = (float(end) - float(start)) / float(step)
        size_d = math.ceil(size_d) if math.isfinite(size_d) else size_d
    if not 0 <= size_d <= 2.0 ** 63:                   # (also nan)
        raise errors.error(RuntimeError, "invalid size, possible overflow?",
                           "만들 원소가 너무 많습니다. start, end, step 을 확인하세요.")
    return int(size_d)


def _cpp_number(x):
    """A number as C++'s ``ostream << double`` prints it (6 significant digits)."""
    if math.isfinite(x):
        return f"{float(x):g}"
    return "nan" if x != x else "inf" if x > 0 else "-inf"


@signatures("linspace(Tensor start, Tensor end, int64_t steps, *, " + _OUT + ")",
            "linspace(Scalar start, Tensor end, int64_t steps, *, " + _OUT + ")",
            "linspace(Tensor start, Scalar end, int64_t steps, *, " + _OUT + ")",
            "linspace(Scalar start, Scalar end, int64_t steps, *, " + _OUT + ")")
def linspace(start, end, steps, out=None, dtype=None, layout=None, device=None, pin_memory=False,
             requires_grad=False):
    """`steps` evenly spaced points from start to end, both included, computed as PyTorch's CPU
    kernel computes them (minigrad/ranges.py), so the last digits agree too."""
    for name, value in (("start", start), ("end", end)):
        if is_tensor(value) and value.dim() != 0:
            raise errors.error(RuntimeError, "linspace only supports 0-dimensional start and end "
                               f"tensors, but got {name} with {value.dim()} dimension(s).",
                               "start 와 end 는 숫자 하나(또는 0차원 텐서)여야 합니다. x.item() 으로 꺼내 주세요.")
    start, end, steps = _scalar(start), _scalar(end), int(_scalar(steps))
    dtype = _options("linspace", out, dtype, device, pin_memory)
    if steps < 0:
        raise errors.error(RuntimeError, "number of steps must be non-negative",
                           "steps 는 만들 점의 개수라서 0 이상이어야 합니다. torch.linspace(0, 1, steps=5) 처럼 주세요.")
    np_dtype = dtype.np_dtype
    if np_dtype.kind == "b":
        raise errors.error(NotImplementedError, "\"linspace_cpu\" not implemented for 'Bool'",
                           "linspace 로 bool 텐서는 만들 수 없습니다. 실수로 만든 뒤 비교하세요.")
    if steps == 0:
        array = np.empty(0, np_dtype)
    elif steps == 1:                                    # (PyTorch fills with start)
        array = np.full(1, dtypes.scalar_to(start, np_dtype))
    else:
        first, last = dtypes.scalar_to(start, np_dtype), dtypes.scalar_to(end, np_dtype)
        array = ranges.linspace(steps, np_dtype, first, last)
    return _result(array, requires_grad, out)


__all__ = ["tensor", "as_tensor", "from_numpy", "zeros", "ones", "full", "empty", "zeros_like",
           "ones_like", "empty_like", "full_like", "eye", "rand", "randn", "randint", "rand_like",
           "randn_like", "randperm", "normal", "arange", "linspace", "get_default_dtype", "Size", "CPU"]
