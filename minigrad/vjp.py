"""The vectors backward passes around (chapter 04).

Each step of backward is a vector-Jacobian product: a node gets the gradient of its result, a
tensor v shaped like that result, and sends vᵀJ on to each input, shaped like that input. So

- backward needs a first v: `initial_gradients` makes ones for a one-element output and otherwise
  takes the ``gradient`` you pass to ``backward(gradient)``;
- every gradient a node sends on must have the shape of the tensor it is for: `fit` checks it
  against what the next node produced (``node.meta``) and sums back the dimensions that
  broadcasting added in forward (``sum_to_size``).
"""
from . import errors
from .tensor import is_expandable_to


def initial_gradients(outputs, gradients):
    """The gradient each output starts from: ones for a one-element output, else the one given."""
    if gradients is None:
        gradients = [None] * len(outputs)
    else:                                       # a tensor, or one per output (checked as PyTorch)
        gradients = errors.check_gradient_list(outputs, gradients)
    initial = []
    for i, (out, grad) in enumerate(zip(outputs, gradients)):
        if grad is None:
            if out.requires_grad and out.numel() != 1:
                raise errors.scalar_outputs()
            grad = out.new_ones(out.shape)                      # d out / d out = 1
        elif grad.shape != out.shape:
            raise errors.gradient_shape_mismatch(i, grad, out)
        initial.append(grad)
    return initial


def fit(node, grads):
    """Each gradient `node` sends on, in the shape and dtype of the tensor it belongs to."""
    fitted = []
    for i, ((child, nr), grad) in enumerate(zip(node.next_functions, grads)):
        if child is not None and grad is not None:
            grad = fit_one(node, i, grad, child.meta[nr])
        fitted.append(grad)
    return fitted


def fit_one(node, i, grad, meta):
    """`grad` for the i-th input of `node`, whose (shape, dtype) is `meta`."""
    shape, dtype = meta
    if grad.array.shape != shape:                 # broadcasting made it bigger: sum it back
        if not is_expandable_to(shape, grad.array.shape):
            raise errors.invalid_gradient_shape(node.name(), i, grad.array.shape, shape)
        grad = grad.sum_to_size(shape)
    if grad.array.dtype != dtype:
        grad = grad.to(dtype)
    return grad
