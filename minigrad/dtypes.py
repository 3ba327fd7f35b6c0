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
    """Accept a minigrad dtype, a numpy dtype or a Python type and return a numpy dtype."""
    if isinstance(d, dtype):
        return d.np_dtype
    if d is builtins.float:
        return float32.np_dtype
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
