"""Data types (chapter 01).

A minigrad tensor stores its numbers in a numpy array; a `dtype` object names the numpy type the
way PyTorch names it (`torch.float32`, `torch.int64`, ...), and `result_type` decides the dtype of
a binary operation with PyTorch's promotion rule, which differs from numpy's in two places:
an integer tensor combined with a Python float gives float32 (the default dtype), not float64,
and a 0-dimensional tensor does not raise the dtype of an n-dimensional one of the same kind.
"""
import builtins

import numpy as np

from .errors import error


class dtype:
    """A PyTorch-style dtype: prints as ``torch.float32`` and knows its numpy type."""

    __slots__ = ("name", "np_dtype", "is_floating_point", "legacy_name", "short_name")

    def __init__(self, name, np_dtype, is_floating_point, legacy_name, short_name):
        self.name = name
        self.np_dtype = np.dtype(np_dtype)
        self.is_floating_point = is_floating_point
        self.legacy_name = legacy_name    # used in messages: "torch.FloatTensor"
        self.short_name = short_name      # used in messages: "Float"

    @property
    def itemsize(self):
        return self.np_dtype.itemsize

    def __repr__(self):
        return "torch." + self.name

    def __reduce__(self):
        return self.name


float16 = dtype("float16", np.float16, True, "HalfTensor", "Half")
float32 = dtype("float32", np.float32, True, "FloatTensor", "Float")
float64 = dtype("float64", np.float64, True, "DoubleTensor", "Double")
uint8 = dtype("uint8", np.uint8, False, "ByteTensor", "Byte")
int8 = dtype("int8", np.int8, False, "CharTensor", "Char")
int16 = dtype("int16", np.int16, False, "ShortTensor", "Short")
int32 = dtype("int32", np.int32, False, "IntTensor", "Int")
int64 = dtype("int64", np.int64, False, "LongTensor", "Long")
bool = dtype("bool", np.bool_, False, "BoolTensor", "Bool")  # noqa: A001 - PyTorch's name

# PyTorch's aliases
half, float, double = float16, float32, float64  # noqa: A001
short, int, long = int16, int32, int64  # noqa: A001

_ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool)
_BY_NUMPY = {d.np_dtype: d for d in _ALL}

DEFAULT_FLOAT = float32


def from_numpy(np_dtype):
    """The minigrad dtype of a numpy dtype (numpy's float64 stays float64, as torch.from_numpy)."""
    try:
        return _BY_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        raise _unsupported(np.dtype(np_dtype)) from None


def _unsupported(np_dtype):
    hint = ("minigrad 텐서의 dtype 은 float16/32/64, int8/16/32/64, uint8, bool 입니다. "
            "arr.astype(np.float32) 처럼 바꾼 뒤 넘기세요.")
    if np_dtype.kind in "fciub":          # a number type PyTorch has and minigrad does not (complex, uint16 ...)
        return error(TypeError, f"can't convert np.ndarray of type {np_dtype}. The only supported types are: "
                     "float64, float32, float16, int64, int32, int16, int8, uint8, and bool.", hint)
    return error(TypeError, f"can't convert np.ndarray of type numpy.{np_dtype.type.__name__}. The only supported "
                 "types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, "
                 "uint32, uint16, uint8, and bool.", hint)


def to_numpy(d):
    """A numpy dtype from a minigrad dtype, a numpy dtype or a Python type (float: float64)."""
    if isinstance(d, dtype):
        return d.np_dtype
    if d is builtins.float:
        return float64.np_dtype
    if d is builtins.int:
        return int64.np_dtype
    if d is builtins.bool:
        return bool.np_dtype
    return np.dtype(d)


def _category(np_dtype):
    """0 for bool, 1 for integers, 2 for floating point."""
    if np_dtype.kind == "b":
        return 0
    if np_dtype.kind in "iu":
        return 1
    return 2


def promote_types(a, b):
    """PyTorch's promote_types for two numpy dtypes: the higher kind wins outright."""
    if a == b:
        return a
    ca, cb = _category(a), _category(b)
    if ca != cb:
        return a if ca > cb else b
    return np.promote_types(a, b)


def _scalar_dtype(value):
    if isinstance(value, builtins.bool):
        return np.dtype(np.bool_)
    if isinstance(value, builtins.int):
        return np.dtype(np.int64)
    return DEFAULT_FLOAT.np_dtype


def result_type(a, b):
    """The numpy dtype PyTorch gives to ``a op b`` (each a Tensor's numpy array or a Python number).

    Three groups take part, strongest first: n-dimensional tensors, 0-dimensional tensors and
    Python numbers. A weaker group only matters when it brings a higher kind (bool < int < float).
    """
    groups = [None, None, None]
    for x in (a, b):
        if isinstance(x, np.ndarray):
            g = 0 if x.ndim else 1
            d = x.dtype
        else:
            g, d = 2, _scalar_dtype(x)
        groups[g] = d if groups[g] is None else promote_types(groups[g], d)
    result = None
    for g, d in enumerate(groups):
        if d is None:
            continue
        if result is None:
            result = d
        elif _category(d) > _category(result):
            # a Python float meeting an integer tensor gives the default float dtype
            result = DEFAULT_FLOAT.np_dtype if g == 2 and _category(d) == 2 else d
    return result


def from_python_type(t):
    """As in PyTorch, ``dtype=float`` is torch.float64, ``int`` torch.int64, ``bool`` torch.bool."""
    if t is builtins.complex:
        raise error(TypeError, "minigrad has no complex dtypes",
                    "minigrad 에는 복소수 dtype 이 없습니다. dtype=float 처럼 실수형을 쓰세요.")
    return {builtins.float: float64, builtins.int: int64, builtins.bool: bool}[t]


# ------------------------------------------------------------- numbers stored into a dtype
# the C++ type names PyTorch's Scalar conversions print ("cannot be converted to type int64_t")
_CPP_NAMES = {"uint8": "uint8_t", "int8": "int8_t", "int16": "int16_t", "int32": "int",
              "int64": "int64_t", "float16": "c10::Half", "float32": "float", "float64": "double",
              "bool": "bool"}
_OVERFLOW_HINT = ("값이 이 dtype 에 담기지 않습니다 (정수형의 범위를 넘거나, 정수형에 nan/inf 를 넣으려 했습니다). "
                  "더 넓은 dtype(torch.int64, torch.float64)을 쓰거나 값을 확인하세요.")


def overflow_error(np_dtype, cpp=True):
    """PyTorch's error for a number that does not fit `np_dtype`: C++ type names for a Scalar
    (``full``, ``arange``), PyTorch's dtype names for the elements of ``torch.tensor(data)``."""
    name = _CPP_NAMES[np_dtype.name] if cpp else np_dtype.name
    return error(RuntimeError, f"value cannot be converted to type {name} without overflow",
                 _OVERFLOW_HINT)


def overflows(value, np_dtype):
    """c10::overflows: does the Python number `value` not fit `np_dtype`?

    Floating types take any float (too large ones only when they are infinite already); integers
    refuse nan, inf and values out of range, except that a negative integer may wrap into an
    unsigned type (uint8 takes -1 as 255, down to -255)."""
    if np_dtype.kind == "b":
        return False
    if np_dtype.kind == "f":
        if isinstance(value, builtins.float) and (np.isinf(value) or np.isnan(value)):
            return False
        return builtins.abs(value) > builtins.float(np.finfo(np_dtype).max)
    info = np.iinfo(np_dtype)
    if isinstance(value, builtins.float):          # (C++ compares with the limits as doubles)
        low, high = builtins.float(info.min), builtins.float(info.max)
        return np.isnan(value) or value < low or value > high
    if info.min == 0 and value < 0:
        return -value > info.max
    return value < info.min or value > info.max


def check_fits(array, np_dtype):
    """Refuse, as ``torch.tensor(data, dtype=...)`` does, numbers of `array` (numpy made it from
    Python numbers) that do not fit the integer type `np_dtype`."""
    info = np.iinfo(np_dtype)
    with np.errstate(all="ignore"):
        if array.dtype.kind == "f":
            low, high = builtins.float(info.min), builtins.float(info.max)
            bad = np.isnan(array) | (array < low) | (array > high)
        elif array.dtype.kind == "b":
            return
        elif info.min == 0:                    # a negative integer wraps into an unsigned type
            bad = (array > info.max) | (array < -builtins.int(info.max))
        else:
            bad = (array < info.min) | (array > info.max)
    if bad.any():
        raise overflow_error(np_dtype, cpp=False)


def scalar_to(value, np_dtype):
    """A Python number converted to `np_dtype` as Scalar.to<T>() converts it (checked, then cast:
    integers truncate toward zero and negative ints wrap into unsigned types)."""
    if isinstance(value, builtins.complex):
        raise error(TypeError, "minigrad has no complex dtypes",
                    "minigrad 에는 복소수 dtype 이 없습니다. 실수를 주세요.")
    if overflows(value, np_dtype):
        raise overflow_error(np_dtype)
    if np_dtype.kind in "iu":
        with np.errstate(all="ignore"):
            source = np.float64(value) if isinstance(value, builtins.float) else np.int64(value)
            return source.astype(np.int64).astype(np_dtype)
    if np_dtype.kind == "b":
        return np.bool_(value != 0)
    return np_dtype.type(value)
