"""The Tensor (chapter 01) and the autograd fields it carries (chapters 02-07).

A minigrad ``Tensor`` wraps a numpy array, ``t.array``. What autograd needs sits beside it:

- ``requires_grad``: are operations on this tensor recorded?
- ``grad_fn``: the node of the operation that made this tensor (None for a leaf), and
  ``output_nr``: which output of that node it is;
- ``grad``: where backward adds a leaf's gradient;
- a version counter that every in-place operation moves on, so that backward notices when a
  tensor it saved has been changed since (chapter 07).

Operations come from the modules that define them: ``x * y`` is ``Mul.apply(x, y)`` from
``ops/arithmetic.py``, ``x.backward()`` comes from ``engine.py``, ``x.register_hook`` from ``hooks.py``.
"""
import numbers
import operator

import numpy as np

from . import arguments, devices, dtypes, errors
from .printing import tensor_repr


class Size(tuple):
    """The shape of a tensor: a tuple that prints as ``torch.Size([2, 3])``."""

    def __repr__(self):
        return f"torch.Size({list(self)})"

    __str__ = __repr__

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n


class Tensor:
    """A numpy array plus what autograd needs to differentiate through it."""

    # What autograd keeps beside the data. These are the values a new tensor starts with; a tensor
    # stores its own value only where it differs (an instance attribute of the same name).
    _requires_grad = False   # set on a leaf by you: record the operations on it (chapter 02)
    grad_fn = None           # the node of the operation that made it (function.py); None: a leaf
    output_nr = 0            # which output of grad_fn it is
    _grad = None             # the gradient backward added up here (chapter 05)
    _accumulator = None      # a leaf's AccumulateGrad node, held weakly (accumulate.py)
    _hooks = None            # hooks registered on a leaf (hooks.py)

    __hash__ = object.__hash__        # == is elementwise, so hash by identity (like torch)

    def __new__(cls, *args):
        """Legacy constructor, like ``torch.Tensor``: ``Tensor([1, 2])`` or ``Tensor(2, 3)``.

        Always float32. ``minigrad.tensor(...)`` is the function to use in new code."""
        if len(args) == 1 and not isinstance(args[0], numbers.Integral):
            data = args[0]
            array = data.array if isinstance(data, Tensor) else _array_from_data(data)
            array = array.astype(np.float32)
        else:
            array = np.zeros(new_size(args), dtype=np.float32)
        return Tensor._make(array)

    @classmethod
    def _make(cls, array, requires_grad=False):
        """A tensor around a numpy array, without copying it: how minigrad makes tensors inside."""
        t = object.__new__(cls)
        t.array = array
        t._version_counter = [0]         # shared by detach() and views; in-place ops count here
        t._requires_grad = requires_grad
        return t

    # ------------------------------------------------------------------ basic facts (chapter 01)
    @property
    def shape(self):
        return Size(self.array.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self.array.shape)
        return self.array.shape[_wrap_dim(dim, self.array.ndim)]

    @property
    def dtype(self):
        return dtypes.from_numpy(self.array.dtype)

    @property
    def ndim(self):
        return self.array.ndim

    def dim(self):
        return self.array.ndim

    def numel(self):
        return self.array.size

    nelement = numel

    @property
    def device(self):
        return devices.CPU            # (minigrad computes on the CPU only: minigrad/devices.py)

    @property
    def is_cuda(self):
        return False

    def is_floating_point(self):
        return self.array.dtype.kind == "f"

    def type(self, dtype=None):
        if dtype is None:
            return "torch." + self.dtype.legacy_name
        return self.to(dtype)

    def item(self):
        if self.array.size != 1:
            raise errors.error(RuntimeError,
                               f"a Tensor with {self.array.size} elements cannot be converted to Scalar",
                               "item() 은 원소가 하나인 텐서에만 쓸 수 있습니다. 원소 하나를 골라 x[0].item() "
                               "처럼 쓰거나, 전체는 x.tolist() 로 꺼내세요.")
        return self.array.reshape(()).item()

    def tolist(self):
        return self.array.tolist()

    def numpy(self):
        if self.requires_grad:
            raise errors.error(RuntimeError,
                               "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
                               "기울기를 추적 중인 텐서는 numpy 배열로 바로 꺼낼 수 없습니다. "
                               "x.detach().numpy() 처럼 그래프에서 떼어 낸 뒤 꺼내세요.")
        return self.array

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def __repr__(self):
        return tensor_repr(self)

    __str__ = __repr__

    def __format__(self, spec):
        if self.array.ndim == 0:                  # f"{loss}" prints the number, as in PyTorch
            return format(self.item(), spec)
        if spec:
            raise errors.error(TypeError, "unsupported format string passed to Tensor.__format__",
                               ":.2f 같은 서식은 0차원 텐서(스칼라)에만 쓸 수 있습니다. 원소 하나를 "
                               "f'{x[0].item():.2f}' 처럼 꺼내 쓰거나 서식 없이 f'{x}' 로 출력하세요.")
        return str(self)

    def __len__(self):
        if self.array.ndim == 0:
            raise errors.error(TypeError, "len() of a 0-d tensor",
                               "0차원 텐서(스칼라)에는 길이가 없습니다. 원소 수는 x.numel() 로, 값은 x.item() 으로 "
                               "구하세요.")
        return self.array.shape[0]

    def __iter__(self):
        if self.array.ndim == 0:
            raise errors.error(TypeError, "iteration over a 0-d tensor",
                               "0차원 텐서(스칼라)는 for 문으로 돌 수 없습니다. 값은 x.item() 으로 꺼내세요.")
        return (self[i] for i in range(self.array.shape[0]))

    def __bool__(self):
        if self.array.size != 1:
            raise errors.error(RuntimeError, "Boolean value of Tensor with "
                               f"{'no values' if self.array.size == 0 else 'more than one value'} is ambiguous",
                               "원소가 하나가 아닌 텐서는 참/거짓 하나로 볼 수 없습니다. "
                               "(x > 0).all() 이나 (x > 0).any(), 빈 텐서인지는 x.numel() == 0 으로 확인하세요.")
        return bool(self.array.reshape(()))

    def __float__(self):
        return float(self._python_scalar())

    def __int__(self):
        return int(self._python_scalar())

    def _python_scalar(self):
        if self.array.size != 1:
            raise errors.error(ValueError, "only one element tensors can be converted to Python scalars",
                               f"원소가 {self.array.size}개인 텐서는 float()/int() 로 숫자 하나가 될 수 없습니다. "
                               "x[0].item() 처럼 원소 하나를 고르거나, 전체는 x.tolist() 로 꺼내세요.")
        return self.array.reshape(()).item()

    def __index__(self):
        if self.array.dtype.kind not in "iub" or self.array.size != 1:
            raise errors.error(TypeError, "only integer tensors of a single element can be converted to an index",
                               "파이썬 리스트의 인덱스로는 원소가 하나인 정수 텐서만 쓸 수 있습니다. "
                               "int(x.item()) 으로 바꿔 쓰세요.")
        return int(self.item())

    # ------------------------------------------------------------ autograd fields (chapters 01-07)
    def _set_requires_grad(self, value):
        if self.grad_fn is not None and not value:
            raise errors.requires_grad_of_result()
        if value and self.array.dtype.kind not in "fc":
            # (PyTorch words this one differently from requires_grad_())
            raise errors.int_requires_grad("only Tensors of floating point and complex dtype can require gradients")
        self._requires_grad = bool(value)

    # Are operations on this tensor recorded? True for a leaf you asked it of, and for every result
    # of a recorded operation. Reading it reads the field _requires_grad; setting it checks first.
    requires_grad = property(operator.attrgetter("_requires_grad"), _set_requires_grad)

    def requires_grad_(self, requires_grad=True):
        if requires_grad and self.array.dtype.kind not in "fc":
            raise errors.int_requires_grad()
        self.requires_grad = requires_grad
        return self

    @property
    def is_leaf(self):
        """A leaf is a tensor no recorded operation made: created by you, or not requiring grad."""
        return self.grad_fn is None

    @property
    def grad(self):
        """The gradient backward has added up here (for a leaf, chapter 05)."""
        if self.grad_fn is not None and not self.retains_grad:
            errors.warn_non_leaf_grad()
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None and not self._fits(value):     # a tensor of this shape and dtype
            raise errors.grad_does_not_fit(self, value)
        self._grad = value

    def _fits(self, grad):
        return (isinstance(grad, Tensor) and grad.array.shape == self.array.shape
                and grad.array.dtype == self.array.dtype)

    def detach(self):
        """The same data (shared memory and version counter), without history (chapter 06)."""
        t = Tensor._make(self.array)
        t._version_counter = self._version_counter
        return t

    def detach_(self):
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self):
        """The same data as a tensor outside autograd (changes to it are not tracked at all)."""
        return Tensor._make(self.array)

    @data.setter
    def data(self, value):
        self.array = value.array if isinstance(value, Tensor) else np.asarray(value)

    @property
    def _version(self):
        return self._version_counter[0]

    # ---------------------- operations that are never differentiated (the differentiable ones: ops/)
    def __pos__(self):
        return self

    def __abs__(self):
        return self.abs()

    def __floordiv__(self, other):
        return _no_grad_result(np.floor_divide(self.array, _raw(other)))

    def __mod__(self, other):
        return _no_grad_result(np.mod(self.array, _raw(other)))

    # comparisons give bool tensors and are never differentiated
    def __eq__(self, other):
        return _no_grad_result(np.equal(self.array, _raw(other)))

    def __ne__(self, other):
        return _no_grad_result(np.not_equal(self.array, _raw(other)))

    def __lt__(self, other):
        return _no_grad_result(np.less(self.array, _raw(other)))

    def __le__(self, other):
        return _no_grad_result(np.less_equal(self.array, _raw(other)))

    def __gt__(self, other):
        return _no_grad_result(np.greater(self.array, _raw(other)))

    def __ge__(self, other):
        return _no_grad_result(np.greater_equal(self.array, _raw(other)))

    eq, ne, lt, le, gt, ge = __eq__, __ne__, __lt__, __le__, __gt__, __ge__

    def __invert__(self):
        return _no_grad_result(np.invert(self.array))

    def __and__(self, other):
        return _no_grad_result(np.bitwise_and(self.array, _raw(other)))

    def __or__(self, other):
        return _no_grad_result(np.bitwise_or(self.array, _raw(other)))

    def logical_not(self):
        return _no_grad_result(np.logical_not(self.array))

    def all(self, dim=None, keepdim=False):
        return _no_grad_result(np.all(self.array, axis=_axes(dim, self.array.ndim), keepdims=keepdim))

    def any(self, dim=None, keepdim=False):
        return _no_grad_result(np.any(self.array, axis=_axes(dim, self.array.ndim), keepdims=keepdim))

    def equal(self, other):
        return self.array.shape == other.array.shape and bool(np.array_equal(self.array, other.array))

    def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        return bool(np.allclose(self.array, _raw(other), rtol=rtol, atol=atol, equal_nan=equal_nan))

    def isnan(self):
        return _no_grad_result(np.isnan(self.array))

    def argmax(self, dim=None, keepdim=False):
        return _no_grad_result(_arg_reduce(np.argmax, self.array, dim, keepdim))

    def argmin(self, dim=None, keepdim=False):
        return _no_grad_result(_arg_reduce(np.argmin, self.array, dim, keepdim))


    def view_as(self, other):
        return self.view(other.array.shape)

    def reshape_as(self, other):
        return self.reshape(other.array.shape)

    def flatten(self):
        return self.reshape(-1)

    @property
    def mT(self):
        if self.array.ndim == 1:
            raise errors.error(RuntimeError,
                               "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.",
                               "1차원 벡터에는 전치할 행과 열이 없습니다. 행렬이 필요하면 x.unsqueeze(0) 이나 "
                               "x.unsqueeze(1) 로 차원을 하나 늘리세요.")
        if self.array.ndim == 0:              # nothing to transpose: PyTorch gives the tensor back
            return self
        return self.transpose(-2, -1)

    def expand_as(self, other):
        return self.expand(other.array.shape)

    def is_contiguous(self):
        return bool(self.array.flags.c_contiguous)

    # ------------------------------------------------------------------------- dtypes (01)

    def float(self):
        return self.to(dtypes.float32)

    def double(self):
        return self.to(dtypes.float64)

    def half(self):
        return self.to(dtypes.float16)

    def long(self):
        return self.to(dtypes.int64)

    def int(self):
        return self.to(dtypes.int32)

    def bool(self):
        return self.to(dtypes.bool)

    def cpu(self, *args, **kwargs):
        _CPU.parse(args, kwargs)
        return self

    def cuda(self, *args, **kwargs):
        """Always an error: minigrad has no GPU (PyTorch without CUDA says the same)."""
        where = _CUDA.parse(args, kwargs)["device"]
        if where is not None and not isinstance(where, (int, np.integer)):
            kind = where.type if isinstance(where, devices.device) else devices.device(where).type
            if kind != "cuda":
                raise errors.error(RuntimeError, "Invalid device, must be cuda device",
                                   "cuda() 에는 GPU 장치('cuda', 'cuda:0')만 줄 수 있습니다. "
                                   "CPU 로는 .cpu() 를 쓰세요.")
        devices.tensor_device("cuda" if where is None else where)

    # ------------------------------------------------------------------------ new tensors
    def _new(self, name, make, args, kwargs):
        """PyTorch's new_*: checked arguments, this tensor's dtype unless `dtype` is given."""
        v = _NEW[name].parse(args, kwargs)
        devices.tensor_device(v["device"])
        if v.get("pin_memory"):
            raise errors.error(RuntimeError, "pin_memory=True requires a CUDA or other accelerator "
                               "backend; no pinned memory allocator is available on this system.",
                               "pin_memory 는 CPU 만 쓰는 minigrad 에서는 쓸 수 없습니다. 인자를 빼세요.")
        np_dtype = self.array.dtype if v["dtype"] is None else dtypes.to_numpy(v["dtype"])
        if v["requires_grad"] and np_dtype.kind != "f":
            raise errors.int_requires_grad(
                "Only Tensors of floating point and complex dtype can require gradients")
        size = v.get("size")
        shape = None if size is None else new_size(arguments.unpack_int_list(name, "size", size))
        t = Tensor._make(make(v, shape, np_dtype))
        return t.requires_grad_(True) if v["requires_grad"] else t

    def new_tensor(self, *args, **kwargs):
        return self._new("new_tensor", lambda v, shape, d: np.array(_array_from_data(v["data"]), d),
                         args, kwargs)

    def new_zeros(self, *args, **kwargs):
        return self._new("new_zeros", lambda v, shape, d: np.zeros(shape, d), args, kwargs)

    def new_ones(self, *args, **kwargs):
        return self._new("new_ones", lambda v, shape, d: np.ones(shape, d), args, kwargs)

    def new_empty(self, *args, **kwargs):
        return self._new("new_empty", lambda v, shape, d: np.zeros(shape, d), args, kwargs)

    def new_full(self, *args, **kwargs):
        def full(v, shape, d):
            fill = v["fill_value"]
            fill = fill.item() if isinstance(fill, Tensor) else fill
            return np.full(shape, dtypes.scalar_to(fill, d))
        return self._new("new_full", full, args, kwargs)


# PyTorch's signatures of the methods above (minigrad/arguments.py)
_CPU = arguments.Parser("cpu(*, MemoryFormat? memory_format=None)")
_CUDA = arguments.Parser("cuda(Device? device=None, bool non_blocking=False, *, "
                         "MemoryFormat? memory_format=None)")
_FACTORY = ("ScalarType? dtype=None, Layout? layout=None, Device? device=None, "
            "bool? pin_memory=False, bool? requires_grad=False")
_NEW = {name: arguments.Parser(f"{name}(SymIntArrayRef size, *, " + _FACTORY + ")")
        for name in ("new_zeros", "new_ones", "new_empty")}
_NEW["new_full"] = arguments.Parser("new_full(SymIntArrayRef size, Scalar fill_value, *, "
                                    + _FACTORY + ")")
_NEW["new_tensor"] = arguments.Parser("new_tensor(PyObject* data, *, ScalarType dtype=None, "
                                      "Device? device=None, bool requires_grad=False)")

# ------------------------------------------------------------------------------ helpers
def is_expandable_to(shape, desired):
    """Can a tensor of `shape` be broadcast (expanded) to `desired`? Lined up from the last
    dimension, each size must be equal or 1 (PyTorch's ``is_expandable_to``). Then a gradient of
    shape `desired` can be summed back to `shape`."""
    lead = len(desired) - len(shape)
    if lead < 0:
        return False
    for s, d in zip(shape, desired[lead:]):
        if s != d and s != 1:
            return False
    return True

def _c_type_name(d):
    return {"float64": "double", "float32": "float", "float16": "c10::Half", "int64": "long int",
            "int32": "int", "bool": "bool"}.get(d.name, d.name)

def _operator_error(symbol, a, b):
    return errors.error(TypeError, f"unsupported operand type(s) for {symbol}: '{type(a).__name__}' and "
                        f"'{type(b).__name__}'",
                        "행렬곱 @ 의 두 피연산자는 모두 텐서여야 합니다. 리스트는 torch.tensor(...) 로 감싸고, "
                        "숫자를 곱하려면 * 를 쓰세요.")

def _times_alpha(tensor, other, alpha):
    """``other * alpha`` for add/sub, after PyTorch's checks of alpha against the result's dtype."""
    if isinstance(alpha, bool) or (isinstance(alpha, float) and tensor.array.dtype.kind in "biu"):
        kind = dtypes.result_type(tensor.array, other.array if isinstance(other, Tensor) else other).kind
        if isinstance(alpha, bool) and kind != "b":
            raise errors.error(RuntimeError, "Boolean alpha only supported for Boolean results.",
                               "alpha=True/False 는 bool 텐서끼리 더할 때만 씁니다. alpha=1 처럼 숫자를 주세요.")
        if isinstance(alpha, float) and kind in "biu":
            raise errors.error(RuntimeError,
                               "For integral input tensors, argument alpha must not be a floating point number.",
                               "정수 텐서의 덧셈·뺄셈에는 alpha 로 실수를 줄 수 없습니다. alpha 를 정수로 주거나 "
                               "텐서를 .float() 로 바꾸세요.")
    return other if alpha == 1 else other * alpha

def _operand(x):
    """A binary operator's other argument: a Tensor, or a Python number (kept as a number)."""
    if isinstance(x, (Tensor, int, float)):       # (bool is an int)
        return x
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, (np.ndarray, list, tuple)):
        return Tensor._make(_array_from_data(x))
    return x


def _raw(x):
    return x.array if isinstance(x, Tensor) else x

def _no_grad_result(array):
    return Tensor._make(np.asarray(array))

def _arg_reduce(fn, array, dim, keepdim):
    if dim is None:
        if array.size == 0:
            raise errors.error(IndexError, f"{fn.__name__}(): Expected reduction dim to be specified for "
                               "input.numel() == 0.",
                               "빈 텐서에는 가장 큰(작은) 원소가 없습니다. 원소가 있는지(x.numel() > 0) 먼저 확인하세요.")
        return np.asarray(fn(array), dtype=np.int64)
    d = _wrap_dim(dim, array.ndim)
    if array.ndim and array.shape[d] == 0:
        raise errors.empty_reduction(fn.__name__, d)
    return fn(array, axis=d, keepdims=keepdim).astype(np.int64)

def _wrap_dim(dim, ndim):
    """A possibly negative dimension index, checked like PyTorch checks it."""
    lo, hi = (-ndim, ndim - 1) if ndim else (-1, 0)
    if not lo <= dim <= hi:
        raise errors.error(IndexError,
                           f"Dimension out of range (expected to be in range of [{lo}, {hi}], but got {dim})",
                           f"이 텐서는 {ndim}차원이라 dim 은 {lo} 부터 {hi} 까지 쓸 수 있습니다.")
    return dim % ndim if ndim else 0

def _axes(dim, ndim):
    if dim is None:
        return None
    if isinstance(dim, (tuple, list)):
        axes = tuple(_wrap_dim(d, ndim) for d in dim)
        if len(set(axes)) != len(axes):
            d = next(d for i, d in enumerate(axes) if d in axes[:i])
            raise errors.error(RuntimeError, f"dim {d} appears multiple times in the list of dims",
                               "줄일 차원 목록에 같은 차원이 두 번 들어 있습니다 (음수 dim 은 뒤에서부터 셉니다). "
                               "한 번씩만 적으세요.")
        return axes
    return _wrap_dim(dim, ndim)

def _shape_args(args):
    """Accept both ``view(2, 3)`` and ``view((2, 3))``."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else args

def new_size(args):
    """The shape of a new tensor, from ``(2, 3)`` or ``((2, 3),)``: no size may be negative."""
    shape = _shape_args(args)
    if min(shape, default=0) < 0:
        raise errors.error(RuntimeError, f"Trying to create tensor with negative dimension "
                           f"{next(s for s in shape if s < 0)}: {list(shape)}", NEGATIVE_SIZE_HINT)
    return shape

NEGATIVE_SIZE_HINT = "텐서의 각 차원 크기는 0 이상이어야 합니다. 크기 인자에 음수가 들어가지 않았는지 확인하세요."

def _index_key(index):
    if isinstance(index, Tensor):
        return index.array
    if isinstance(index, tuple):
        return tuple(i.array if isinstance(i, Tensor) else i for i in index)
    return index

def _array_from_data(data, dtype=None):
    """A numpy array from nested lists / numbers / arrays, with PyTorch's default dtypes
    (or straight in `dtype`, so that float64 values are not rounded through float32 first)."""
    if isinstance(data, Tensor):
        return data.array.copy()
    if isinstance(data, np.ndarray):
        return data.copy()
    if isinstance(data, (str, bytes)):
        raise _invalid_data_type(data)
    try:
        array = np.array(data) if dtype is None else np.array(data, dtype=dtypes.to_numpy(dtype))
    except (ValueError, TypeError) as e:            # ragged lists, strings that are not numbers ...
        raise _nested_data_error(data, dtype) or e from None
    if array.dtype.kind not in "biuf":              # None, strings, other objects
        raise _nested_data_error(data, dtype) or _invalid_data_type(data)
    if dtype is None:
        if array.dtype.kind == "f":
            array = array.astype(dtypes.DEFAULT_FLOAT.np_dtype)
        elif array.dtype.kind == "i":              # (uint64: an integer beyond int64, creation.py)
            array = array.astype(np.int64)
    return array

# --- errors of torch.tensor(data) (built only when numpy could not make a number array of data) ---
_DATA_HINT = "텐서에는 숫자(또는 True/False)만 담을 수 있습니다. 문자열·None 같은 값이 섞여 있지 않은지 확인하세요."
_NESTING_HINT = "숫자와 리스트가 섞여 있습니다. 모든 원소를 같은 깊이의 리스트로 맞추세요 (예: [[1, 2], [3, 4]])."

def _invalid_data_type(x):
    return errors.error(TypeError, f"new(): invalid data type '{type(x).__name__}'", _DATA_HINT)

def _nested_data_error(data, dtype):
    """PyTorch's error for data that is not a rectangular nest of numbers, or None.

    PyTorch reads the shape from the first elements (data[0], data[0][0], ...), then the dtype from
    all the numbers, then stores every element, checking it against both."""
    sizes, first = [], data
    while isinstance(first, (list, tuple, str)):
        if isinstance(first, str):                 # a string is a sequence of strings, without end
            return errors.error(ValueError, "too many dimensions 'str'", _DATA_HINT)
        sizes.append(len(first))
        if not first:
            break
        first = first[0]
    is_float = dtype is not None and dtypes.to_numpy(dtype).kind == "f"
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, (list, tuple)):
            stack.extend(reversed(x))
        elif isinstance(x, (str, bytes)):
            return _invalid_data_type(x)
        elif isinstance(x, float):
            is_float = True
        elif not isinstance(x, (bool, int, np.generic, Tensor)):
            return errors.error(RuntimeError, f"Could not infer dtype of {type(x).__name__}", _DATA_HINT)
    return _store_error(data, sizes, 0, is_float)

def _store_error(x, sizes, dim, is_float):
    if dim == len(sizes):                          # a number belongs here
        if not isinstance(x, (list, tuple)):
            return None
        english = (f"must be real number, not {type(x).__name__}" if is_float
                   else f"'{type(x).__name__}' object cannot be interpreted as an integer")
        return errors.error(TypeError, english, _NESTING_HINT)
    if not isinstance(x, (list, tuple)):
        return errors.error(TypeError, "not a sequence", _NESTING_HINT)
    if len(x) != sizes[dim]:
        return errors.error(ValueError, f"expected sequence of length {sizes[dim]} at dim {dim} (got {len(x)})",
                            "중첩 리스트의 각 행 길이가 같아야 텐서(직사각형 모양)를 만들 수 있습니다. "
                            "빠지거나 남는 원소가 없는지 확인하세요.")
    for item in x:
        error = _store_error(item, sizes, dim + 1, is_float)
        if error is not None:
            return error
    return None

def tensor_like(data, like):
    return Tensor._make(np.asarray(data, dtype=like.array.dtype))
