"""In-place operations: ``add_``, ``mul_``, ``+=``, ``zero_``, ``x[i] = v`` ... (chapters 05 and 07).

An in-place operation writes its result into the tensor's own memory and moves the tensor's version
on (chapter 07: a saved tensor that changed afterwards makes backward raise). With nothing to record
(an optimizer's step, ``x.grad.zero_()``) that is all. When it is recorded, the result's history
becomes the tensor's history: the tensor now stands for the new value.
"""
import numpy as np

from .. import errors, grad_mode, random, views
from ..function import Function
from ..tensor import Tensor, _c_type_name, _index_key, tensor_like
from .arithmetic import add, mul, pow, sub, times_alpha, truediv  # noqa: A004
from .pointwise import clamp
from .shape import Copy, is_advanced_index


def inplace(self, op, *args, ufunc=None):
    """Write ``op(self, *args)`` into this tensor's memory, as PyTorch's in-place ops do."""
    if self._base is not None:                     # a view: PyTorch's errors first (views.py)
        views.check(self)
    tracked = grad_mode.is_grad_enabled() and any(isinstance(a, Tensor) and a.requires_grad
                                                  for a in (self,) + args)
    if tracked and self.grad_fn is None and self.requires_grad:
        raise errors.leaf_inplace()
    if not tracked and ufunc is not None and _compute_into(self, ufunc, args[0]):
        return self
    if tracked:
        # the new node may save the old value: give it a private copy, keeping the history
        before = Tensor._make(self.array.copy(), self._requires_grad)
        before.grad_fn, before.output_nr = self.grad_fn, self.output_nr
        result = op(before, *args)
    else:
        result = op(self, *args)
    try:
        np.copyto(self.array, result.array, casting="same_kind")
    except (TypeError, ValueError):
        raise _inplace_error(self, result) from None
    self._version_counter[0] += 1
    if result.grad_fn is not None:
        if views.has_views(self):                  # the base's and the views' histories (views.py)
            views.rewrite(self, result)
        else:
            self.grad_fn, self.output_nr, self._requires_grad = result.grad_fn, result.output_nr, True
        _saved_output_is_self(result.grad_fn, self)
    return self


def _saved_output_is_self(node, self):
    """A node that saved its own output (exp_, sigmoid_ ...) saved this tensor, as in PyTorch: a
    later in-place change to it makes backward raise."""
    for s in node.saved or ():
        if s is not None and s.is_output:
            s.tensor, s.version = self.detach(), self._version


def _compute_into(self, ufunc, other):
    """Nothing to record (an optimizer's step): let numpy write the result straight into this
    tensor's memory, without a new tensor and a copy. False if numpy refuses (dtype, shape):
    the general path then raises PyTorch's error."""
    try:
        ufunc(self.array, other.array if isinstance(other, Tensor) else other, out=self.array,
              casting="same_kind")
    except (TypeError, ValueError, OverflowError):     # (numpy checks before it writes anything)
        return False
    self._version_counter[0] += 1
    return True


def _inplace_error(self, result):
    """Why `result` cannot be written into this tensor, checked in PyTorch's order."""
    if not self.array.flags.writeable:           # an expanded tensor: elements share memory
        return errors.error(RuntimeError,
                            "unsupported operation: more than one element of the written-to tensor refers to a "
                            "single memory location. Please clone() the tensor before performing the operation.",
                            "expand 등으로 여러 원소가 같은 메모리를 가리키는 텐서는 제자리에서 바꿀 수 "
                            "없습니다. 먼저 .clone() 하세요.")
    if result.array.shape != self.array.shape:
        return errors.error(RuntimeError,
                            f"output with shape {list(self.array.shape)} doesn't match the broadcast shape "
                            f"{list(result.array.shape)}",
                            "제자리 연산은 결과를 이 텐서에 그대로 덮어쓰므로, 브로드캐스팅으로 결과가 이 텐서보다 "
                            "커지면 담을 수 없습니다. x = x + y 처럼 새 텐서를 만드세요.")
    return errors.error(RuntimeError,
                        f"result type {result.dtype.short_name} can't be cast to the desired output type "
                        f"{self.dtype.short_name}",
                        "제자리 연산의 결과 dtype 을 이 텐서의 dtype 에 담을 수 없습니다 (예: 정수 텐서에 "
                        "실수 더하기). x = x + y 처럼 새 텐서를 만드세요.")


def add_(self, other, alpha=1):
    return inplace(self, add, times_alpha(self, other, alpha), ufunc=np.add)


def sub_(self, other, alpha=1):
    other = times_alpha(self, other, alpha)
    errors.check_sub(self.array.dtype.kind == "b", _is_bool(other))   # (numpy would subtract a bool)
    return inplace(self, sub, other, ufunc=np.subtract)


def _is_bool(x):
    return x.array.dtype.kind == "b" if isinstance(x, Tensor) else isinstance(x, (bool, np.bool_))


def mul_(self, other):
    return inplace(self, mul, other, ufunc=np.multiply)


def div_(self, other):
    return inplace(self, truediv, other)


def pow_(self, exponent):
    return inplace(self, pow, exponent)


def clamp_(self, min=None, max=None):  # noqa: A002
    if self.array.dtype.kind != "f" and (isinstance(min, float) or isinstance(max, float)):
        # (PyTorch checks this before computing, and names the type as C++ does: 'long int')
        raise errors.error(RuntimeError,
                           f"result type Float can't be cast to the desired output type {_c_type_name(self.dtype)}",
                           "정수 텐서는 실수 경계로 제자리에서 clamp 할 수 없습니다. 경계를 정수로 주거나 "
                           "x = x.float().clamp(...) 처럼 새 텐서를 만드세요.")
    return inplace(self, clamp, min, max)


def copy_(self, src):
    src = src if isinstance(src, Tensor) else tensor_like(src, self)
    return inplace(self, Copy.apply, src)


def zero_(self):
    return inplace(self, Zero.apply)


def fill_(self, value):
    if isinstance(value, Tensor) and value.array.ndim:
        raise errors.error(RuntimeError,
                           "fill_ only supports 0-dimension value tensor but got tensor with "
                           f"{value.array.ndim} dimensions.",
                           "fill_ 에는 숫자 하나(또는 0차원 텐서)를 주세요.")
    return inplace(self, Fill.apply, value)


class Fill(Function):
    """``x.fill_(v)`` on a tensor in the graph: the old values no longer matter (gradient 0)."""
    node_name = "FillBackward2"

    @staticmethod
    def forward(ctx, a, value):
        return np.full_like(a.array, value.array if isinstance(value, Tensor) else value)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, (grad.sum() if ctx.needs_input_grad[1] else None)


class Zero(Function):
    node_name = "ZeroBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.zeros_like(a.array)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0


def setitem(self, index, value):
    """``x[i] = v``: in the graph, the same as ``x[i].copy_(v)`` for a basic index (PyTorch's
    CopySlices, views.py); an index by lists, tensors or masks is not recorded by minigrad."""
    if grad_mode.is_grad_enabled() and (self.requires_grad or (isinstance(value, Tensor) and value.requires_grad)):
        if self.grad_fn is None and self.requires_grad:
            raise errors.leaf_inplace(view=True)
        if not is_advanced_index(index):
            self[index].copy_(value)
            return
        raise errors.error(NotImplementedError,
                           "minigrad does not record indexed assignment with an index of lists, tensors or "
                           "masks (x[idx] = v) in the graph",
                           "minigrad 는 리스트·텐서·마스크로 고른 자리에 넣는 x[idx] = v 를 그래프에 기록하지 "
                           "않습니다. torch.no_grad() 안에서 쓰거나, torch.where 같은 연산으로 새 텐서를 만드세요.")
    try:
        self.array[_index_key(index)] = value.array if isinstance(value, Tensor) else value
    except IndexError:
        self[index]               # raises PyTorch's IndexError for this index (numpy's words differ)
        raise
    self._version_counter[0] += 1


Tensor.add_, Tensor.sub_, Tensor.mul_, Tensor.div_, Tensor.pow_ = add_, sub_, mul_, div_, pow_
Tensor.__iadd__, Tensor.__isub__, Tensor.__imul__, Tensor.__itruediv__ = add_, sub_, mul_, div_
Tensor.clamp_, Tensor.copy_, Tensor.zero_, Tensor.fill_, Tensor.__setitem__ = clamp_, copy_, zero_, fill_, setitem


class _RandomFill(Function):
    """New random numbers written over a tensor: the old values get gradient 0."""

    @staticmethod
    def forward(ctx, a, numbers):
        return numbers

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, None


class NormalFill(_RandomFill):
    node_name = "NormalBackward0"


class UniformFill(_RandomFill):
    node_name = "UniformBackward0"


def _random_floats(self, kernel):
    if self.array.dtype.kind != "f":
        raise errors.error(NotImplementedError,
                           f'"{kernel}" not implemented for \'{self.dtype.short_name}\'',
                           "정규·균등 난수는 실수 텐서에만 채울 수 있습니다.")


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    _random_floats(self, "normal_kernel_cpu")
    gen = generator or random.default_generator
    numbers = gen.normal(self.array.size, self.array.dtype, mean, std).reshape(self.array.shape)
    return inplace(self, NormalFill.apply, numbers)


def uniform_(self, from_=0.0, to=1.0, *, generator=None, **kwargs):
    _random_floats(self, "check_uniform_bounds")
    from_ = kwargs.pop("from", from_)                    # (PyTorch's keyword is `from`)
    gen = generator or random.default_generator
    numbers = gen.uniform(self.array.size, self.array.dtype, from_, to).reshape(self.array.shape)
    return inplace(self, UniformFill.apply, numbers)


Tensor.normal_, Tensor.uniform_ = normal_, uniform_


def _inplace_of(name):
    """``x.sin_()`` and friends: ``x.sin()`` written into x's own memory, recorded as ``sin``."""
    method = getattr(Tensor, name)

    def op_(self):
        return inplace(self, method)
    op_.__name__ = op_.__qualname__ = name + "_"
    return op_


POINTWISE = ("exp", "log", "log1p", "sigmoid", "tanh", "relu", "sqrt", "abs", "sin", "cos", "neg",
             "reciprocal", "sign", "square")
for _name in POINTWISE:
    setattr(Tensor, _name + "_", _inplace_of(_name))
