"""Recording the graph (chapter 02).

An operation is a `Function`: ``forward`` computes the result from the inputs' numpy arrays and,
right beside it, ``backward`` turns the gradient of the result into the gradients of the inputs.

``Function.apply`` runs forward. When an input requires grad (and recording is on, chapter 06), it
also leaves a node in the graph: the result's ``grad_fn`` (``MulBackward0`` ...). The node is the
``ctx`` that forward and backward share: forward keeps what backward needs with
``ctx.save_for_backward(...)``. Its ``next_functions`` are edges to where each input's gradient goes
next: that input's own grad_fn, or for a leaf its `AccumulateGrad` (chapter 05). Following
``next_functions`` from the output walks the graph backwards: the engine's job (chapter 03).
"""
import itertools

import numpy as np

from . import errors, function_io, grad_fn, grad_mode, saved
from .accumulate import gradient_edge
from .tensor import Tensor

_sequence_nr = itertools.count()          # numbers the nodes in the order they are made


class BackwardNode(grad_fn.Node):
    """A node of the graph: ``grad_fn`` of a result, and ``ctx`` inside its Function."""

    next_functions = ()      # ((node or None, output nr), ...): where each input's gradient goes
    num_outputs = 1
    hooks = None             # hooks registered on the node or on its result (hooks.py)
    to_save = saved = ()     # what forward passed to save_for_backward; packed (None once freed)

    def save_for_backward(self, *tensors):
        """Keep tensors for backward; they are freed after backward unless retain_graph=True."""
        self.to_save = tensors

    @property
    def saved_tensors(self):
        return saved.unpack(self)

    def __call__(self, *grad_outputs):
        """Run the Function's backward: the gradient for each input."""
        grads = self.function.backward(self, *grad_outputs)
        grads = grads if type(grads) is tuple else (grads,)
        if not len(grads) == len(self.next_functions) == len(self.needs_input_grad):
            grads = function_io.gradients_for_edges(self, grads)    # (arguments that are not tensors)
        return grads

    def __lt__(self, other):                  # the engine's heap: the higher sequence_nr first
        return self.sequence_nr > other.sequence_nr


class Function:
    """Base class of every operation, built in or yours (``torch.autograd.Function``).

    Subclasses define ``forward(ctx, *args)`` and ``backward(ctx, *grad_outputs)`` (one gradient
    per forward argument, None where there is none) and are called as ``MyFunction.apply(*args)``.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.Node = grad_fn.node_class(cls, BackwardNode)     # its grad_fn class: MulBackward0 ...

    @staticmethod
    def forward(ctx, *args):
        raise errors.forward_not_implemented()

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise errors.backward_not_implemented()

    @classmethod
    def apply(cls, *args):
        """Run forward; if an input requires grad, record a node for backward."""
        ctx = cls.Node()
        ctx.needs_input_grad = tuple([isinstance(a, Tensor) and a.requires_grad for a in args])
        result = cls.forward(ctx, *args)                    # numpy inside: nothing is recorded
        output = Tensor._make(result) if type(result) is np.ndarray else function_io.outputs(result, args)
        if grad_mode.is_grad_enabled() and any(ctx.needs_input_grad):
            record(ctx, args, output)
        return output


def record(ctx, args, output):
    """Hang the node into the graph: edges to the inputs, and the node as the output's grad_fn."""
    edges = []
    for a in args:
        if isinstance(a, Tensor):
            edges.append(gradient_edge(a))
    ctx.next_functions = tuple(edges)
    if len(ctx.next_functions) != len(args):           # some arguments are not tensors
        function_io.remember_tensor_arguments(ctx, args)
    ctx.sequence_nr = next(_sequence_nr)
    if type(output) is tuple:                          # several outputs (function_io.py)
        return function_io.record_outputs(ctx, output)
    ctx.meta = ((output.array.shape, output.array.dtype),)      # what its gradient must look like
    if ctx.to_save:                                    # what forward saved, with versions (chapter 07)
        saved.pack(ctx, output)
    output.grad_fn, output._requires_grad = ctx, True
