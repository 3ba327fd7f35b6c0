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
    if gradients is None:
        gradients = [None] * len(outputs)
    else:                                       # a tensor, or one per output (checked as PyTorch)
        gradients = errors.check_gradient_list(outputs, gradients)
    initial = []
    for i, (out, grad) in enumerate(zip(outputs, gradients)):
        if not out.requires_grad:
            raise errors.no_grad_fn(i)
        if grad is None:
            if out.numel() != 1:
                raise errors.scalar_outputs()
            grad = Tensor._make(np.ones_like(out.array))       # d out / d out = 1
        elif grad.shape != out.shape:
            raise errors.gradient_shape_mismatch(i, grad, out)
        initial.append(grad)
    return initial


def fit(node, grads):
    """Each gradient `node` sends on, in the shape and dtype of the tensor it goes to."""
    grads = list(grads)
    for i, (child, nr) in enumerate(node.next_functions):
        if child is None or grads[i] is None:
            continue
        if (grads[i].array.shape, grads[i].array.dtype) != child.meta[nr]:
            grads[i] = fit_one(node, i, grads[i], child.meta[nr])
    return grads


def fit_one(node, i, grad, meta):
    """`grad`, the i-th gradient of `node`, in the (shape, dtype) `meta` of its tensor."""
    shape, dtype = meta
    if grad.array.shape != shape:                 # broadcasting made it bigger: sum it back
        if not is_expandable_to(shape, grad.array.shape):
            raise errors.invalid_gradient_shape(node.name(), i, grad.array.shape, shape)
        grad = grad.sum_to_size(shape)
    return grad.to(dtype)
