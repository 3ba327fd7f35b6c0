"""PyTorch's argument checks for the functions that make tensors (chapters 01 and 09).

PyTorch declares each function by one or more signatures, written like
``"ones(SymIntArrayRef size, *, ScalarType? dtype=None, bool? requires_grad=False)"``, and its C++
argument parser (torch/csrc/utils/python_arg_parser.cpp) matches a call against them. The same
misuse therefore gets the same words everywhere: ``ones(): argument 'dtype' must be torch.dtype,
not str``, ``rand() received an invalid combination of arguments - got (int, dtype=str), but
expected one of:``. This module is a small copy of that parser, for the signatures minigrad has:

- a function with one signature reports the first argument that does not fit;
- with several signatures, a call that fits none of them is reported against the one signature
  whose argument count fits, or else as an "invalid combination", listing what was given.

``@signatures(...)`` puts the parser in front of a plain Python function, which then receives the
arguments by name. ``Tensor`` and ``torch.device`` arguments are recognised by their class names,
because this module sits below tensor.py and device.py, which use it.
"""
import functools
import inspect
import numbers

import numpy as np

from . import dtypes, random
from .errors import error

# type name in a signature -> what PyTorch prints for it
_TYPE_NAMES = {
    "Tensor": "Tensor", "Scalar": "Number", "int64_t": "int", "SymInt": "int", "double": "float",
    "IntArrayRef": "tuple of ints", "SymIntArrayRef": "tuple of ints", "ScalarType": "torch.dtype",
    "Device": "torch.device", "bool": "bool", "Generator": "torch.Generator",
    "Layout": "torch.layout",
    "MemoryFormat": "torch.memory_format", "c10::string_view": "str", "PyObject*": "object",
}
_INT_LISTS = ("IntArrayRef", "SymIntArrayRef")

# numpy's names PyTorch also accepts for a parameter (python_arg_parser.cpp)
NUMPY_NAMES = {"dim": ("axis",), "keepdim": ("keepdims",), "input": ("x", "a", "x1"),
               "other": ("x2",)}

# PyTorch lets plain numbers stand for a Tensor argument of these functions
_NUMBERS_AS_TENSORS = {"to", "add", "sub", "mul", "div"}

_MISSING = object()

# a Korean line for each kind of argument, said when an argument of that kind does not fit
_HINTS = {
    "ScalarType": "dtype 에는 torch.float32 처럼 torch 의 dtype 을 주세요 (문자열 'float32' 나 numpy 의 dtype 은 "
                  "받지 않습니다).",
    "bool": "이 인자에는 True 나 False 를 주세요 (문자열 'yes', 숫자 1 은 받지 않습니다).",
    "Device": "device 에는 'cpu' 같은 문자열이나 torch.device('cpu') 를 주세요.",
    "IntArrayRef": "크기는 torch.ones(2, 3) 이나 torch.ones((2, 3)) 처럼 정수들로 주세요.",
    "Tensor": "이 인자에는 텐서를 주세요 (리스트라면 torch.tensor(...) 로 감싸세요).",
    "Scalar": "이 인자에는 숫자 하나를 주세요.",
    "int64_t": "이 인자에는 정수를 주세요.",
    "Generator": "generator 에는 torch.Generator() 로 만든 생성기를 주세요.",
    "Layout": "minigrad 의 텐서는 모두 기본 배치(torch.strided)입니다. layout 인자를 빼세요.",
    "MemoryFormat": "minigrad 는 memory_format 을 고를 수 없습니다. memory_format 인자를 빼세요.",
}
_HINTS["SymIntArrayRef"] = _HINTS["IntArrayRef"]
_HINTS["SymInt"] = _HINTS["int64_t"]


def typename(x):
    """The type name PyTorch prints for an argument (minigrad's classes under torch's names)."""
    cls = type(x)
    if cls.__module__.startswith("minigrad"):
        return {"Tensor": "Tensor", "device": "torch.device", "dtype": "torch.dtype",
                "Size": "torch.Size"}.get(cls.__name__, cls.__name__)
    if cls.__module__ == "numpy":
        return "numpy." + cls.__name__
    return cls.__name__


def is_tensor(x):
    return any(c.__name__ == "Tensor" and c.__module__ == "minigrad.tensor"
               for c in type(x).__mro__)


def _is_device(x):
    return type(x).__name__ == "device" and type(x).__module__ == "minigrad.devices"


def _is_long(x):
    """THPUtils_checkLong: a Python or numpy integer, not a bool."""
    return (isinstance(x, int) and not isinstance(x, bool)) or isinstance(x, np.integer)


def _is_index(x):
    """THPUtils_checkIndex: anything with __index__ but bool (ints, numpy ints, integer tensors)."""
    if isinstance(x, (bool, np.bool_)):
        return False
    if _is_long(x):
        return True
    if is_tensor(x):
        return x.array.dtype.kind in "iu" and x.array.size == 1
    return hasattr(type(x), "__index__")


def _is_scalar(x):
    """THPUtils_checkScalar or a number numpy made."""
    return isinstance(x, (numbers.Number, np.number, np.bool_))


def _is_scalar_tensor(x, integral=False):
    if not is_tensor(x) or x.requires_grad or x.array.ndim != 0:
        return False
    return x.array.dtype.kind in "iu" if integral else True


class Parameter:
    __slots__ = ("kind", "name", "optional", "default", "default_text", "allow_none",
                 "keyword_only", "size", "numbers_as_tensors")

    def __init__(self, text, keyword_only, numbers_as_tensors):
        kind, _, rest = text.partition(" ")
        self.allow_none = kind.endswith("?")
        kind = kind.rstrip("?")
        self.size = 0
        if "[" in kind:                                    # IntArrayRef[2]: one int also fits
            kind, _, size = kind.partition("[")
            self.size = int(size.rstrip("]"))
        if kind not in _TYPE_NAMES:
            raise ValueError(f"unknown type in signature: {kind}")
        self.kind = kind
        self.name, eq, default = rest.partition("=")
        self.optional = bool(eq)
        self.default_text = default
        self.default = _default_value(default) if eq else None
        if default == "None":
            self.allow_none = True
        self.keyword_only = keyword_only
        self.numbers_as_tensors = numbers_as_tensors

    @property
    def type_name(self):
        return _TYPE_NAMES[self.kind]

    def check(self, obj):
        """Does `obj` fit this parameter (FunctionParameter::check)?

        Returns (fits, index of the element that does not fit a list, or -1)."""
        kind = self.kind
        if kind == "Tensor":
            return is_tensor(obj) or (self.numbers_as_tensors and _is_scalar(obj)), -1
        if kind in ("Scalar", "double"):
            fits = _is_scalar(obj) if kind == "Scalar" else isinstance(obj, (int, float, np.number))
            return fits or _is_scalar_tensor(obj), -1
        if kind == "int64_t":
            return _is_long(obj) or _is_scalar_tensor(obj, integral=True), -1
        if kind == "SymInt":
            return _is_index(obj), -1
        if kind in _INT_LISTS:
            return _is_int_list(obj, self.size)
        if kind == "ScalarType":
            python_type = any(obj is t for t in (float, int, bool, complex))
            return isinstance(obj, dtypes.dtype) or python_type, -1
        if kind == "Device":
            return _is_long(obj) or isinstance(obj, str) or _is_device(obj), -1
        if kind == "bool":
            return isinstance(obj, bool), -1
        if kind == "c10::string_view":
            return isinstance(obj, str), -1
        if kind == "PyObject*":
            return True, -1
        if kind == "Generator":
            return isinstance(obj, random.Generator), -1
        return False, -1                # Layout, MemoryFormat: minigrad has none

    def __str__(self):
        text = f"{self.type_name} {self.name}"
        return f"{text} = {self.default_text}" if self.optional else text


def _default_value(text):
    if text in ("None", ""):
        return None
    if text in ("True", "False"):
        return text == "True"
    try:
        return int(text)
    except ValueError:
        return float(text)


def _is_int_list(obj, size):
    """is_int_or_symint_list: a tuple or list whose first element is an index (the rest is checked
    when the list is unpacked), or a single int where the signature gives a size."""
    if isinstance(obj, (tuple, list)):
        if len(obj) == 0 or _is_index(obj[0]):
            return True, -1
        return False, 0
    return size > 0 and _is_index(obj), -1


class Signature:
    """One of PyTorch's signatures of a function, parsed from its text."""

    def __init__(self, text):
        self.hidden = text.endswith("|hidden")
        text = text.removesuffix("|hidden")
        self.name, _, inside = text.partition("(")
        inside = inside.rstrip(")")
        self.params = []
        keyword_only = False
        numbers_as_tensors = self.name in _NUMBERS_AS_TENSORS
        for part in inside.split(", ") if inside else []:
            if part == "*":
                keyword_only = True
            else:
                self.params.append(Parameter(part, keyword_only, numbers_as_tensors))
        self.max_args = len(self.params)
        self.min_args = sum(not p.optional for p in self.params)
        self.max_pos_args = sum(not p.keyword_only for p in self.params)

    def __str__(self):
        parts, star = [], False
        for p in self.params:
            if p.keyword_only and not star:
                parts.append("*")
                star = True
            parts.append(str(p))
        return f"({', '.join(parts)})"

    def bind(self, args, kwargs, raise_errors):
        """The arguments by parameter name (defaults filled in), or None when they do not fit.

        With `raise_errors`, a misfit raises PyTorch's TypeError instead
        (FunctionSignature::parse)."""
        nargs = len(args)
        remaining = len(kwargs)
        varargs = self.max_pos_args == 1 and self.params[0].kind in _INT_LISTS
        if nargs > self.max_pos_args and not varargs:
            return self._extra_args(nargs) if raise_errors else None
        values = {}
        pos = 0
        for i, param in enumerate(self.params):
            obj, is_kwd = _MISSING, False
            if pos < nargs:
                if param.keyword_only:
                    return self._extra_args(nargs) if raise_errors else None
                obj = args[pos]
            elif kwargs:
                obj = kwargs.get(param.name, _MISSING)
                for alias in NUMPY_NAMES.get(param.name, ()):
                    if obj is _MISSING:
                        obj = kwargs.get(alias, _MISSING)
                is_kwd = True
            fits, bad = (False, -1) if obj is _MISSING else param.check(obj)
            if (obj is _MISSING and param.optional) or (obj is None and param.allow_none):
                values[param.name] = param.default
            elif obj is _MISSING:
                return self._missing_args(i) if raise_errors else None
            elif fits:
                values[param.name] = obj
            elif varargs and pos == 0 and not is_kwd and _is_int_list(args, 0)[0]:
                values[param.name] = tuple(args)           # ones(2, 3) is ones((2, 3))
                pos = nargs
                continue
            elif raise_errors:
                raise self._type_error(param, obj, is_kwd, pos, bad)
            else:
                return None
            if not is_kwd:
                pos += 1
            elif obj is not _MISSING:
                remaining -= 1
        if remaining > 0:
            return self._extra_kwargs(kwargs, nargs) if raise_errors else None
        return values

    def _extra_args(self, nargs):
        if self.min_args != self.max_pos_args:
            english = (f"{self.name}() takes from {self.min_args} to {self.max_pos_args} "
                       f"positional arguments but {nargs} were given")
        else:
            n = self.max_pos_args
            english = (f"{self.name}() takes {n} positional argument{'' if n == 1 else 's'} but "
                       f"{nargs} {'was' if nargs == 1 else 'were'} given")
        raise error(TypeError, english,
                    f"{self.name}{self} 의 * 뒤 인자는 이름을 붙여 주세요 (예: dtype=torch.float32).")

    def _missing_args(self, index):
        names = [f'"{p.name}"' for p in self.params[index:] if not p.optional]
        # (PyTorch's text says "arguments" for one missing argument and "argument" for more)
        plural = "s" if len(names) == 1 else ""
        english = (f"{self.name}() missing {len(names)} required positional argument{plural}: "
                   f"{', '.join(names)}")
        raise error(TypeError, english, f"꼭 필요한 인자가 빠졌습니다: {self.name}{self}")

    def _extra_kwargs(self, kwargs, nargs):
        names = [p.name for p in self.params]
        for key in kwargs:
            if key not in names:
                raise error(TypeError, f"{self.name}() got an unexpected keyword argument '{key}'",
                            f"{self.name} 에는 '{key}' 라는 인자가 없습니다. 받는 인자: {self.name}{self}")
            if names.index(key) < nargs:
                raise error(TypeError, f"{self.name}() got multiple values for argument '{key}'",
                            f"'{key}' 가 위치 인자와 이름 붙인 인자로 두 번 주어졌습니다. 한 번만 주세요.")
        raise error(TypeError, "invalid keyword arguments", f"받는 인자: {self.name}{self}")

    def _type_error(self, param, obj, is_kwd, pos, bad):
        hint = _HINTS.get(param.kind, f"{param.name} 에는 {param.type_name} 을(를) 주세요.")
        where = f"{self.name}(): argument '{param.name}'"
        if is_kwd:
            english = f"{where} must be {param.type_name}, not {typename(obj)}"
        elif bad >= 0:
            english = (f"{where} (position {pos + 1}) must be {param.type_name}, "
                       f"but found element of type {typename(obj[bad])} at pos {bad}")
        else:
            english = f"{where} (position {pos + 1}) must be {param.type_name}, not {typename(obj)}"
        return error(TypeError, english, hint)


class Parser:
    """All signatures of one function (PythonArgParser)."""

    def __init__(self, *texts):
        self.signatures = [Signature(t) for t in texts]
        self.name = self.signatures[0].name

    def parse(self, args, kwargs):
        """The arguments by name, as the first signature that fits binds them; or the error."""
        if len(self.signatures) == 1:
            return self.signatures[0].bind(args, kwargs, raise_errors=True)
        for signature in self.signatures:
            values = signature.bind(args, kwargs, raise_errors=False)
            if values is not None:
                return values
        n = len(args) + len(kwargs)
        plausible = [s for s in self.signatures if s.min_args <= n <= s.max_args and not s.hidden]
        if len(plausible) == 1:
            plausible[0].bind(args, kwargs, raise_errors=True)
        given = [typename(a) for a in args]
        given += [f"{k}={typename(kwargs[k])}" for k in _cpp_map_order(kwargs)]
        text = ", ".join(given) + (", " if kwargs and not args else "")
        forms = " / ".join(f"{self.name}{s}" for s in self.signatures if not s.hidden)
        raise error(TypeError, f"{self.name}() received an invalid combination of arguments - got "
                    f"({text}), but expected one of:",
                    f"인자의 개수나 종류가 맞는 형태가 없습니다. 받는 형태: {forms}")


def signatures(*texts):
    """Decorator: check a call against PyTorch's signatures `texts`, then pass the arguments to
    the function by name."""
    parser = Parser(*texts)

    def decorate(impl):
        @functools.wraps(impl)
        def checked(*args, **kwargs):
            return impl(**parser.parse(args, kwargs))
        checked.parser = parser
        return checked
    return decorate


def numpy_names(fn):
    """Let `fn` also take numpy's keyword names, as PyTorch does: ``axis`` for ``dim``,
    ``keepdims`` for ``keepdim``, ``x``/``a``/``x1`` for ``input``, ``x2`` for ``other``.

    Both names at once is PyTorch's error: the numpy name is then an unexpected keyword."""
    params = inspect.signature(fn).parameters
    aliases = {alias: name for name, names in NUMPY_NAMES.items() if name in params
               for alias in names}

    @functools.wraps(fn)
    def accepting(*args, **kwargs):
        if kwargs:
            used = [k for k in kwargs if k in aliases]
            if any(aliases[k] in kwargs for k in used):    # (PyTorch names the first numpy name)
                raise error(TypeError, f"{fn.__name__}() got an unexpected keyword argument "
                            f"'{used[0]}'", "numpy 의 이름(axis, keepdims)과 PyTorch 의 이름(dim, "
                            "keepdim)으로 같은 인자를 두 번 주었습니다. 하나만 주세요.")
            for alias in used:
                kwargs[aliases[alias]] = kwargs.pop(alias)
        return fn(*args, **kwargs)
    return accepting


def unpack_int_list(name, param, value):
    """The ints of a size argument (PythonArgs::symintlist): ``(2, 3)`` from ``(2, 3)``, ``[2, 3]``,
    ``torch.Size([2, 3])`` or ``2`` (with a signature size), with PyTorch's messages."""
    if not isinstance(value, (tuple, list)):
        value = (value,)
    out = []
    for i, x in enumerate(value):
        try:
            n = int(x.__index__()) if is_tensor(x) else x.__index__()
        except (AttributeError, TypeError, RuntimeError):
            raise error(TypeError, f"{name}(): argument '{param}' failed to unpack the object at "
                        f"pos {i + 1} with error \"type must be tuple of ints,but got "
                        f"{typename(x)}\"",
                        _HINTS["IntArrayRef"]) from None
        if not -2 ** 63 <= n < 2 ** 63:
            raise error(TypeError, f"{name}(): argument '{param}' failed to unpack the object at "
                        f"pos {i + 1} with error \"Overflow when unpacking long long",
                        "크기가 너무 큽니다 (64비트 정수 범위를 넘습니다).")
        out.append(n)
    return tuple(out)


# ----------------------------------------------------- the order PyTorch lists keyword arguments in
def _cpp_map_order(kwargs):
    """The keyword names in the order PyTorch's error text lists them.

    PyTorch copies the keywords into a C++ ``std::unordered_map<std::string, ...>`` and prints them
    in its iteration order. With libstdc++ (PyTorch's Linux builds) and fewer than 13 keywords, the
    map has 13 buckets, a new bucket goes to the front of the list and a key joins the front of its
    bucket; the bucket is the string's hash (libstdc++'s _Hash_bytes) modulo 13. (PyTorch functions
    have fewer than 13 keyword parameters, so a call that fits no signature has too.)
    """
    groups = []                                        # [bucket, keys], first bucket first
    for key in kwargs:
        bucket = _hash_bytes(key.encode()) % 13
        for group in groups:
            if group[0] == bucket:
                group[1].insert(0, key)
                break
        else:
            groups.insert(0, [bucket, [key]])
    return [key for _, keys in groups for key in keys]


_M64 = (1 << 64) - 1
_MUL = (0xC6A4A793 << 32) + 0x5BD1E995


def _shift_mix(v):
    return v ^ (v >> 47)


def _hash_bytes(data, seed=0xC70F6907):
    """libstdc++'s std::hash<std::string> on 64-bit machines (_Hash_bytes, MurmurHash2-like)."""
    n = len(data)
    aligned = n & ~7
    h = (seed ^ (n * _MUL)) & _M64
    for i in range(0, aligned, 8):
        word = (_shift_mix((int.from_bytes(data[i:i + 8], "little") * _MUL) & _M64) * _MUL) & _M64
        h = ((h ^ word) * _MUL) & _M64
    if n & 7:
        h = ((h ^ int.from_bytes(data[aligned:], "little")) * _MUL) & _M64
    return _shift_mix((_shift_mix(h) * _MUL) & _M64)
