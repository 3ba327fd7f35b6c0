"""What PyTorch's "Extending torch.autograd" note allows beyond ``forward(ctx, ...)`` (PyTorch-exact
detail of `autograd.Function`, not a chapter):

- ``forward(*args)`` without ctx, plus ``setup_context(ctx, inputs, output)`` which fills ctx
  afterwards (the style of PyTorch 2's docs): `with_setup_context`;
- ``ctx.mark_non_differentiable(*outputs)``: those outputs come out with requires_grad=False;
- ``once_differentiable``: a backward that runs with recording off.
"""
import functools

from .. import grad_mode
from ..function import BackwardNode


def with_setup_context(cls, forward):
    """`forward` itself, or, when `cls` defines setup_context, ``forward(*args)`` followed by
    ``setup_context(ctx, args, output)`` as one ``forward(ctx, *args)``."""
    if getattr(cls, "setup_context", None) is None:
        return forward

    @functools.wraps(forward)
    def forward_then_setup_context(ctx, *args):
        output = forward(*args)
        cls.setup_context(ctx, args, output)
        return output
    return forward_then_setup_context


def _mark_non_differentiable(ctx, *tensors):
    """Outputs that get no gradient (an index, a mask): they come out with requires_grad=False."""
    ctx.non_differentiable = tensors


BackwardNode.mark_non_differentiable = _mark_non_differentiable


def drop_marked(output):
    """The outputs forward marked non-differentiable lose their grad_fn (PyTorch's rule)."""
    node = output[0].grad_fn if type(output) is tuple else output.grad_fn
    for t in getattr(node, "non_differentiable", ()):
        t.grad_fn, t._requires_grad = None, False
    return output


def once_differentiable(backward):
    """A backward that is not itself differentiable: it runs with recording off (PyTorch's
    ``torch.autograd.function.once_differentiable``)."""
    @functools.wraps(backward)
    def wrapper(ctx, *grad_outputs):
        with grad_mode.no_grad():
            return backward(ctx, *grad_outputs)
    return wrapper
