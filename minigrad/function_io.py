"""What goes in and out of a Function besides tensors (PyTorch-exact detail of autograd.Function).

The kernel's ``Function.apply`` handles the common case: tensors in, forward returns one numpy
array, backward returns one gradient per tensor. PyTorch's ``autograd.Function`` allows more, and
this module does the rest:

- forward may return a Tensor (a new one, or one of its inputs), a number, or several outputs;
- arguments that are not tensors (``x.sum(dim)``, ``x ** 2``): backward still returns one value per
  argument, None for those, and only the tensors' gradients travel along ``next_functions``;
  trailing extra Nones are accepted, anything else is PyTorch's "incorrect number of gradients";
- several outputs: each gets its ``output_nr``, and the gradient of an output nobody used is
  filled with zeros before backward runs, as PyTorch does.
"""
import numpy as np

from . import errors, hooks, saved
from .tensor import Tensor


def outputs(result, args):
    """forward's result, when not a numpy array: the output Tensor, or a tuple of them."""
    if type(result) is tuple:
        return tuple([_as_tensor(r, args) for r in result])
    return _as_tensor(result, args)


def _as_tensor(result, args):
    if isinstance(result, Tensor):
        if any(result is a for a in args):      # an input returned as it is: the output must be a
            return Tensor._make(result.array)   # new tensor (sharing memory), not the input itself
        return result
    return Tensor._make(np.asarray(result))


def remember_tensor_arguments(ctx, args):
    """Which forward arguments are tensors (only needed when some are not)."""
    ctx.tensor_positions = tuple([i for i, a in enumerate(args) if isinstance(a, Tensor)])


def gradients_for_edges(node, grads):
    """backward's values, one per forward argument, down to those of the tensor arguments."""
    n_args = len(node.needs_input_grad)
    if len(grads) > n_args and all(g is None for g in grads[n_args:]):
        grads = grads[:n_args]                          # trailing Nones are fine (PyTorch)
    if len(grads) != n_args:
        raise errors.gradient_count(node.name(), n_args, len(grads))
    positions = getattr(node, "tensor_positions", range(n_args))
    for i, g in enumerate(grads):
        if g is not None and i not in positions:
            raise errors.gradient_for_non_tensor(node.name(), i)
    return tuple([grads[i] for i in positions])


def record_outputs(ctx, outputs):
    """The rest of ``record`` for a Function with several outputs."""
    ctx.num_outputs = len(outputs)
    ctx.meta = tuple([(out.array.shape, out.array.dtype) for out in outputs])
    hooks.hooks_of(ctx).zeros = ctx.meta          # unused outputs' gradients become zeros
    packed = []
    for t in ctx.to_save:
        nr = next((nr for nr, out in enumerate(outputs) if t is out), None)
        packed.append(None if t is None else saved.SavedTensor(t, nr is not None))
        if nr is not None:
            packed[-1].output_nr = nr
    ctx.saved, ctx.to_save = tuple(packed), ()
    for nr, out in enumerate(outputs):
        out.grad_fn, out.output_nr, out._requires_grad = ctx, nr, True
