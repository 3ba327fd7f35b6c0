"""minigrad: PyTorch's autograd, rebuilt on numpy to be read, chapter by chapter.

``import minigrad as torch`` runs tutorial code and prints what PyTorch prints.
"""
from . import dtypes
from .creation import (arange, as_tensor, empty, empty_like, eye, from_numpy,  # noqa: F401
                       full, full_like, get_default_dtype, linspace, manual_seed, ones, ones_like,
                       rand, rand_like, randint, randn, randn_like, tensor, zeros, zeros_like)
from .devices import device  # noqa: F401
from .dtypes import (bool, double, dtype, float, float16, float32, float64, half, int, int8, int16,  # noqa: F401,A004
                     int32, int64, long, short, uint8)
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from .printing import set_printoptions  # noqa: F401
from .tensor import Size, Tensor  # noqa: F401
from . import autograd, cuda, nn, ops, optim  # noqa: F401,E402
from .ops import matmul  # noqa: F401
from .ops.linalg import bmm  # noqa: F401

__version__ = "0.1.0"


class FloatTensor(Tensor):
    """Legacy constructor: ``FloatTensor([1, 2])`` is a float32 tensor (an instance of Tensor)."""

    def __new__(cls, *args):
        return Tensor(*args)


class LongTensor(Tensor):
    def __new__(cls, *args):
        t = Tensor(*args)
        t.array = t.array.astype("int64")
        return t


class DoubleTensor(Tensor):
    def __new__(cls, *args):
        t = Tensor(*args)
        t.array = t.array.astype("float64")
        return t


def is_tensor(obj):
    return isinstance(obj, Tensor)


def numel(t):
    return t.numel()


# functions that PyTorch offers both as torch.f(x) and x.f()
def sum(input, dim=None, keepdim=False, dtype=None):  # noqa: A001
    return input.sum(dim, keepdim, dtype=dtype)


def mean(input, dim=None, keepdim=False, dtype=None):
    return input.mean(dim, keepdim, dtype=dtype)


def max(input, dim=None, keepdim=False):  # noqa: A001
    return input.max(dim, keepdim)


def min(input, dim=None, keepdim=False):  # noqa: A001
    return input.min(dim, keepdim)


def exp(input):
    return input.exp()


def log(input):
    return input.log()


def log1p(input):
    return input.log1p()


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


def relu(input):
    return input.relu()


def sqrt(input):
    return input.sqrt()


def abs(input):  # noqa: A001
    return input.abs()


def sin(input):
    return input.sin()


def cos(input):
    return input.cos()


def pow(input, exponent):  # noqa: A001
    return input ** exponent if isinstance(input, Tensor) else exponent.__rpow__(input)


def clamp(input, min=None, max=None):  # noqa: A002
    return input.clamp(min, max)


def norm(input, p=2, dim=None, keepdim=False):
    return input.norm(p, dim, keepdim)


def mm(input, mat2):
    return ops.Mm.apply(ops.tensor_argument(input, "mm", "input", 1), ops.tensor_argument(mat2, "mm", "mat2", 2))


def mv(input, vec):
    return ops.Mv.apply(ops.tensor_argument(input, "mv", "input", 1), ops.tensor_argument(vec, "mv", "vec", 2))


def dot(input, tensor):
    return ops.Dot.apply(ops.tensor_argument(input, "dot", "input", 1), ops.tensor_argument(tensor, "dot", "tensor", 2))


def t(input):
    return input.t()


def transpose(input, dim0, dim1):
    return input.transpose(dim0, dim1)


def reshape(input, shape):
    return input.reshape(shape)


def squeeze(input, dim=None):
    return input.squeeze(dim)


def unsqueeze(input, dim):
    return input.unsqueeze(dim)


def flatten(input):
    return input.flatten()


def add(input, other, *, alpha=1):
    if isinstance(input, Tensor):
        return input.add(other, alpha=alpha)
    return input + other if alpha == 1 else input + other * alpha      # torch.add(2, x)


def sub(input, other, *, alpha=1):
    if isinstance(input, Tensor):
        return input.sub(other, alpha=alpha)
    return input - other if alpha == 1 else input - other * alpha


def mul(input, other):
    return input * other


def div(input, other):
    return input / other


def neg(input):
    return -input


def cat(tensors, dim=0):
    return ops.shape.Cat.apply(dim, *ops.shape.tensor_list(tensors, "cat"))


def stack(tensors, dim=0):
    return ops.shape.Stack.apply(dim, *ops.shape.tensor_list(tensors, "stack"))


def where(condition, input, other):
    return ops.shape.Where.apply(condition, input, other)


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return input.allclose(other, rtol, atol, equal_nan)


def equal(input, other):
    return input.equal(other)


def all(input):  # noqa: A001
    return input.all()


def any(input):  # noqa: A001
    return input.any()


def argmax(input, dim=None, keepdim=False):
    return input.argmax(dim, keepdim)


def isnan(input):
    return input.isnan()


def detach(input):
    return input.detach()


def zero_(input):
    return input.zero_()


def __getattr__(name):
    if name == "viz":                      # imported on first use: it loads the graph renderer
        import importlib
        return importlib.import_module(".viz", __name__)
    raise AttributeError(f"module 'minigrad' has no attribute '{name}'")
