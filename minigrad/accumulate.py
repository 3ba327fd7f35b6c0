"""Where the chain rule ends: a leaf's gradient goes into ``leaf.grad`` (chapter 05).

Every leaf tensor with ``requires_grad=True`` has one `AccumulateGrad` node; the graph's edges to
the leaf point at it. When the engine reaches it, it adds the gradient into ``leaf.grad``: the first
gradient is stored as a copy, later ones are added to it. So gradients accumulate over several
backward calls until you reset them (``x.grad = None`` or ``x.grad.zero_()``).
"""
import weakref

from . import errors, grad_fn, grad_mode
from .tensor import Tensor


class AccumulateGrad(grad_fn.Node):
    """The node behind a leaf tensor: ``leaf.grad += gradient``."""

    next_functions = ()          # nothing comes after a leaf
    num_outputs = 1
    sequence_nr = 2**64 - 1      # as in PyTorch: run as soon as every gradient for the leaf is in

    def __init__(self, variable):
        self.variable = variable             # the leaf tensor
        self.meta = ((variable.array.shape, variable.array.dtype),)    # what its gradient must be

    def __call__(self, grad):
        leaf = self.variable                 # (the engine made `grad` fit: it sets leaf._grad itself)
        if grad_mode.is_grad_enabled():      # create_graph=True: the new .grad keeps a graph too
            errors.warn_backward_create_graph()
            leaf._grad = grad.new_empty(grad.shape).copy_(grad) if leaf._grad is None else leaf._grad + grad
        elif leaf._grad is None:
            leaf._grad = Tensor._make(grad.array.copy())    # a copy: `grad` may be used elsewhere
        else:
            leaf._grad += grad               # in place, as PyTorch does
        return ()

    def __lt__(self, other):                 # the engine's heap: the higher sequence_nr first
        return self.sequence_nr > other.sequence_nr

    @property
    def hooks(self):                         # the hooks registered on the leaf (hooks.py)
        return self.variable._hooks


def accumulator_of(leaf):
    """The leaf's AccumulateGrad node, made once. The leaf holds it weakly: it holds the leaf."""
    node = leaf._accumulator and leaf._accumulator()          # (a weak reference: call it)
    if node is None:
        node = AccumulateGrad(leaf)
        leaf._accumulator = weakref.ref(node)
    return node


def gradient_edge(t):
    """Where a gradient for tensor `t` is sent: (node, which of its outputs).

    A computed tensor's gradient goes to the node that made it, a leaf's to its AccumulateGrad, and
    a tensor that does not require grad sends it nowhere: (None, 0)."""
    if t.grad_fn is not None:
        return (t.grad_fn, t.output_nr)
    return (accumulator_of(t), 0) if t.requires_grad else (None, 0)
