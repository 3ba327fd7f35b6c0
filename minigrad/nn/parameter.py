"""``nn.Parameter``: a leaf tensor that a Module registers as one of its parameters."""
from ..creation import empty
from ..tensor import Tensor


class Parameter(Tensor):
    """``nn.Parameter(t)``: shares t's memory (and version counter); requires grad by default."""

    def __new__(cls, data=None, requires_grad=True):
        data = empty(0) if data is None else data
        p = cls._make(data.array, requires_grad)
        p._version_counter = data._version_counter
        return p

    def __init__(self, data=None, requires_grad=True):
        pass

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__
