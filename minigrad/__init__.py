"""minigrad: PyTorch's autograd, rebuilt on numpy to be read, chapter by chapter.

``import minigrad as torch`` runs tutorial code and prints what PyTorch prints.
"""
from . import dtypes, errors
from .creation import (arange, as_tensor, empty, empty_like, eye, from_numpy,  # noqa: F401
                       full, full_like, get_default_dtype, linspace, normal, ones, ones_like,
                       rand, rand_like, randint, randn, randn_like, randperm, tensor, zeros, zeros_like)
from .arguments import numpy_names
from .creation import write_out
from .devices import device  # noqa: F401
from .dtypes import (bool, double, dtype, float, float16, float32, float64, half, int, int8, int16,  # noqa: F401,A004
                     int32, int64, long, short, uint8)
from .grad_mode import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled  # noqa: F401
from .printing import set_printoptions  # noqa: F401
from .random import (Generator, get_rng_state, initial_seed, manual_seed, seed,  # noqa: F401
                     set_rng_state)
from .tensor import Size, Tensor  # noqa: F401
# The modules that give Tensor its operations: ops (x * y, x.sum() ...), engine (x.backward()),
# hooks (x.register_hook, x.retain_grad)
from . import engine, hooks, ops  # noqa: F401
from . import autograd, cuda, nn, optim  # noqa: F401
from .ops.linalg import bmm  # noqa: F401
from .ops.softmax import gather, log_softmax, scatter, softmax  # noqa: F401

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
@numpy_names
def sum(input, dim=None, keepdim=False, dtype=None, *, out=None):  # noqa: A001
    if out is not None:
        if dim is None:            # (PyTorch's sum over all elements has no out= form)
            raise errors.error(TypeError, "sum() received an invalid combination of arguments - "
                               "got (Tensor, out=Tensor), but expected one of:",
                               "out= 은 dim 을 줄 때만 쓸 수 있습니다: torch.sum(x, 0, out=t).")
        return write_out("sum", out, (input,), lambda: input.sum(dim, keepdim, dtype=dtype))
    return input.sum(dim, keepdim, dtype=dtype)


@numpy_names
def mean(input, dim=None, keepdim=False, dtype=None, *, out=None):
    if out is not None:
        return write_out("mean", out, (input,), lambda: input.mean(dim, keepdim, dtype=dtype))
    return input.mean(dim, keepdim, dtype=dtype)


@numpy_names
def max(input, dim=None, keepdim=False):  # noqa: A001
    return input.max(dim, keepdim)


@numpy_names
def min(input, dim=None, keepdim=False):  # noqa: A001
    return input.min(dim, keepdim)


@numpy_names
def exp(input, *, out=None):
    if out is not None:
        return write_out("exp", out, (input,), lambda: input.exp())
    return input.exp()


@numpy_names
def log(input, *, out=None):
    if out is not None:
        return write_out("log", out, (input,), lambda: input.log())
    return input.log()


@numpy_names
def log1p(input, *, out=None):
    if out is not None:
        return write_out("log1p", out, (input,), lambda: input.log1p())
    return input.log1p()


@numpy_names
def sigmoid(input, *, out=None):
    if out is not None:
        return write_out("sigmoid", out, (input,), lambda: input.sigmoid())
    return input.sigmoid()


@numpy_names
def tanh(input, *, out=None):
    if out is not None:
        return write_out("tanh", out, (input,), lambda: input.tanh())
    return input.tanh()


def relu(input):
    return input.relu()


@numpy_names
def sqrt(input, *, out=None):
    if out is not None:
        return write_out("sqrt", out, (input,), lambda: input.sqrt())
    return input.sqrt()


@numpy_names
def abs(input, *, out=None):  # noqa: A001
    if out is not None:
        return write_out("abs", out, (input,), input.abs)
    return input.abs()


@numpy_names
def sin(input, *, out=None):
    if out is not None:
        return write_out("sin", out, (input,), lambda: input.sin())
    return input.sin()


@numpy_names
def cos(input, *, out=None):
    if out is not None:
        return write_out("cos", out, (input,), lambda: input.cos())
    return input.cos()


def pow(input, exponent, *, out=None):  # noqa: A001
    if out is not None:
        return write_out("pow", out, (input, exponent), lambda: pow(input, exponent))
    return input ** exponent if isinstance(input, Tensor) else exponent.__rpow__(input)


def clamp(input, min=None, max=None, *, out=None):  # noqa: A002
    if out is not None:
        return write_out("clamp", out, (input, min, max), lambda: input.clamp(min, max))
    return input.clamp(min, max)


def norm(input, p=2, dim=None, keepdim=False):
    return input.norm(p, dim, keepdim)


def mm(input, mat2, *, out=None):
    if out is not None:
        return write_out("mm", out, (input, mat2), lambda: mm(input, mat2),
                         same_dtype=True)
    return ops.Mm.apply(ops.tensor_argument(input, "mm", "input", 1), ops.tensor_argument(mat2, "mm", "mat2", 2))


def mv(input, vec, *, out=None):
    if out is not None:
        return write_out("mv", out, (input, vec), lambda: mv(input, vec),
                         same_dtype=True)
    return ops.Mv.apply(ops.tensor_argument(input, "mv", "input", 1), ops.tensor_argument(vec, "mv", "vec", 2))


def dot(input, tensor, *, out=None):
    if out is not None:
        return write_out("dot", out, (input, tensor), lambda: dot(input, tensor),
                         same_dtype=True)
    return ops.Dot.apply(ops.tensor_argument(input, "dot", "input", 1), ops.tensor_argument(tensor, "dot", "tensor", 2))


def t(input):
    return input.t()


def transpose(input, dim0, dim1):
    return input.transpose(dim0, dim1)


def reshape(input, shape):
    return input.reshape(shape)


@numpy_names
def squeeze(input, dim=None):
    return input.squeeze(dim)


@numpy_names
def unsqueeze(input, dim):
    return input.unsqueeze(dim)


def flatten(input):
    return input.flatten()


@numpy_names
def add(input, other, *, alpha=1, out=None):
    if out is not None:
        return write_out("add", out, (input, other), lambda: add(input, other, alpha=alpha))
    if isinstance(input, Tensor):
        return input.add(other, alpha=alpha)
    return input + other if alpha == 1 else input + other * alpha      # torch.add(2, x)


@numpy_names
def sub(input, other, *, alpha=1, out=None):
    if out is not None:
        return write_out("sub", out, (input, other), lambda: sub(input, other, alpha=alpha))
    if isinstance(input, Tensor):
        return input.sub(other, alpha=alpha)
    return input - other if alpha == 1 else input - other * alpha


@numpy_names
def mul(input, other, *, out=None):
    if out is not None:
        return write_out("mul", out, (input, other), lambda: input * other)
    return input * other


@numpy_names
def div(input, other, *, out=None):
    if out is not None:
        return write_out("div", out, (input, other), lambda: input / other)
    return input / other


@numpy_names
def neg(input, *, out=None):
    if out is not None:
        return write_out("neg", out, (input,), input.__neg__)
    return -input


@numpy_names
def cat(tensors, dim=0, *, out=None):
    if out is not None:
        return write_out("cat", out, tuple(tensors), lambda: cat(tensors, dim))
    return ops.shape.Cat.apply(dim, *ops.shape.tensor_list(tensors, "cat"))


@numpy_names
def stack(tensors, dim=0, *, out=None):
    if out is not None:
        return write_out("stack", out, tuple(tensors), lambda: stack(tensors, dim))
    return ops.shape.Stack.apply(dim, *ops.shape.tensor_list(tensors, "stack"))


def where(condition, input, other, *, out=None):
    if out is not None:
        return write_out("where", out, (input, other), lambda: where(condition, input, other))
    return ops.Where.apply(condition, input, other)


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return input.allclose(other, rtol, atol, equal_nan)


def equal(input, other):
    return input.equal(other)


@numpy_names
def all(input):  # noqa: A001
    return input.all()


def any(input):  # noqa: A001
    return input.any()


@numpy_names
def argmax(input, dim=None, keepdim=False, *, out=None):
    if out is not None:
        return write_out("argmax", out, (input,), lambda: input.argmax(dim, keepdim))
    return input.argmax(dim, keepdim)


def matmul(input, other, *, out=None):
    if out is not None:
        return write_out("matmul", out, (input, other), lambda: matmul(input, other),
                         same_dtype=True)
    return ops.matmul(input, other)


def isnan(input):
    return input.isnan()


def detach(input):
    return input.detach()


def zero_(input):
    return input.zero_()


def square(input):
    return input.square()


def reciprocal(input):
    return input.reciprocal()


def clamp_(input, min=None, max=None):  # noqa: A002
    return input.clamp_(min, max)


# torch.sin_(x), torch.exp_(x) ...: the Tensor methods of ops/inplace.py (no torch.sign_ in PyTorch)
exp_, log_, log1p_, sigmoid_, tanh_, relu_, sqrt_, abs_, sin_, cos_, neg_, reciprocal_, square_ = (
    Tensor.exp_, Tensor.log_, Tensor.log1p_, Tensor.sigmoid_, Tensor.tanh_, Tensor.relu_, Tensor.sqrt_,
    Tensor.abs_, Tensor.sin_, Tensor.cos_, Tensor.neg_, Tensor.reciprocal_, Tensor.square_)


def __getattr__(name):
    if name == "viz":                      # imported on first use: it loads the graph renderer
        import importlib
        return importlib.import_module(".viz", __name__)
    raise AttributeError(f"module 'minigrad' has no attribute '{name}'")
