"""What PyTorch's ``grad_fn`` objects offer besides the algorithm (PyTorch-exact detail).

The kernel's node (function.py) runs backward; this module gives it PyTorch's face:

- `node_class` makes, for every Function, the class its nodes belong to, named as PyTorch names
  them (``MulBackward0``), with PyTorch's ``_saved_<name>`` attributes (``grad_fn._saved_self``,
  ``._saved_result``, ``._saved_exponent`` ...): what forward kept, by name;
- `Node` is the base of every node: ``name()``, ``metadata``, ``_sequence_nr()``,
  ``register_hook`` / ``register_prehook`` (hooks.py) and the ``<MulBackward0 object at 0x...>`` repr.
"""
import operator

import numpy as np

from . import hooks
from .tensor import Tensor


class Node:
    """The interface every node shares with PyTorch's nodes."""

    _metadata = None

    def name(self):
        name = type(self).__name__
        return "torch::autograd::AccumulateGrad" if name == "AccumulateGrad" else name

    @property
    def metadata(self):
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def _sequence_nr(self):
        return self.sequence_nr

    def register_hook(self, fn):
        """fn(grad_inputs, grad_outputs) runs after this node has computed its gradients."""
        return hooks.register_node_hook(self, fn)

    def register_prehook(self, fn):
        """fn(grad_outputs) runs before this node; it may return replacement gradients."""
        return hooks.register_node_prehook(self, fn)

    repr_prefix = ""        # "torch.autograd.function." for your own Functions' nodes, as PyTorch

    def __repr__(self):
        return f"<{self.repr_prefix}{type(self).__name__} object at {id(self):#x}>"


def node_class(function, base):
    """The class of `function`'s nodes: PyTorch's name (``node_name``, else ``<Name>Backward``)
    and a ``_saved_<name>`` property for each of its ``saved_names`` and ``saved_attributes``."""
    name = function.__dict__.get("node_name") or function.__name__ + "Backward"
    attributes = {"function": function, "__module__": function.__module__, "__qualname__": name,
                  "repr_prefix": getattr(function, "node_repr_prefix", "")}
    for i, saved in enumerate(getattr(function, "saved_names", ())):
        attributes["_saved_" + saved] = property(_saved_tensor_getter(i))
    for attribute in getattr(function, "saved_attributes", ()):
        attributes["_saved_" + attribute] = property(operator.attrgetter(attribute))
    return type(name, (base,), attributes)


def _saved_tensor_getter(i):
    def get(node):
        value = node.saved_tensors[i]               # raises once freed, as in PyTorch
        if value is not None and type(value.array) is not np.ndarray:
            value = Tensor._make(np.asarray(value.array))    # a wrapped Python number, as PyTorch shows it
        return value
    return get
