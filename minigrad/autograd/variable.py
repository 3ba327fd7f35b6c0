"""``Variable``: the autograd API before PyTorch 0.4 (chapter 09).

Before 0.4, a ``Tensor`` held data only, and autograd needed it wrapped in a ``Variable`` that
added ``.grad``, ``.grad_fn`` and ``.requires_grad``. PyTorch 0.4 merged the two: every Tensor has
those fields now, and ``Variable(t, requires_grad=True)`` simply returns a tensor. Old tutorials
still run, and so they do on minigrad, with this thin alias:

- ``Variable(t)`` returns a tensor sharing ``t``'s data (``t.detach()``), with requires_grad set;
- ``isinstance(x, Variable)`` is True for every tensor, as in PyTorch;
- ``volatile=True`` (the old way of saying ``no_grad``) is accepted and ignored, with a warning.
"""
import warnings

from .. import errors
from ..tensor import Tensor


class _VariableMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor)


class Variable(metaclass=_VariableMeta):
    def __new__(cls, data, requires_grad=False, volatile=False):
        if volatile:
            warnings.warn("volatile was removed and now has no effect. Use `with torch.no_grad():` instead.",
                          UserWarning, stacklevel=2)
        if not isinstance(data, Tensor):
            raise errors.error(TypeError, f"Variable data has to be a tensor, but got {type(data).__name__}",
                               "Variable(...) 에는 텐서를 넘깁니다: Variable(torch.tensor([1., 2.])). 요즘 "
                               "PyTorch 에서는 torch.tensor([1., 2.], requires_grad=True) 로 바로 만듭니다.")
        return data.detach().requires_grad_(requires_grad)
