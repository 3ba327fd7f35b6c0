"""The vectors backward passes around (chapter 04).

Each step of backward is a vector-Jacobian product: a node gets the gradient of its result, a
tensor v shaped like that result, and sends vᵀJ on to each input, shaped like that input. So

- backward needs a first v: `initial_gradients` makes ones for a one-element output and otherwise
  takes the ``gradient`` you pass to ``backward(gradient)``;
- every gradient a node sends on must have the shape of the tensor it is for: `fit` checks it
  against what the next node produced (``node.meta``) and sums back the dimensions that
  broadcasting added in forward (``sum_to_size``).
"""
import numpy as np

from . import errors
from .tensor import Tensor, is_expandable_to


def initial_gradients(outputs, gradients):
    """The gradient each output starts from: ones for a one-element output, else the one given."""
    if gradients is not None:                   # backward(gradient): checked as PyTorch checks it
        return errors.check_gradients(outputs, gradients, ones)
    for i, out in enumerate(outputs):
        if out.requires_grad and out.array.size != 1:
            raise errors.scalar_outputs()
    return [ones(out) for out in outputs]


def ones(out):
    """d out / d out: a tensor of ones shaped like `out`."""
    return Tensor._make(np.ones_like(out.array))


def fit(node, i, grad, meta):
    """The i-th gradient `node` sends on, in the (shape, dtype) `meta` of the tensor it is for."""
    if (grad.array.shape, grad.array.dtype) == meta:
        return grad
    shape, dtype = meta
    if grad.array.shape != shape:                 # broadcasting made it bigger: sum it back
        if not is_expandable_to(shape, grad.array.shape):
            raise errors.invalid_gradient_shape(node.name(), i, grad.array.shape, shape)
        grad = grad.sum_to_size(shape)
    return grad.to(dtype)


def fit_all(node, grads):
    """Every gradient `node` sends on, fitted (for hooks, which see them as the engine sends them)."""
    return [grad if child is None or grad is None else fit(node, i, grad, child.meta[nr])
            for i, ((child, nr), grad) in enumerate(zip(node.next_functions, grads))]
