"""``torch.autograd.Function`` for your own operations, and where PyTorch keeps the node classes.

minigrad's own operations compute forward with numpy, so nothing inside it is recorded. Your
Function's forward may use tensor operations; PyTorch runs it with recording off, so that only
your Function's node goes into the graph. That is what this subclass adds. (PyTorch 2's other way
of writing forward, with ``setup_context``, and ``mark_non_differentiable``: extending.py.)
"""
from .. import function, grad_mode
from ..accumulate import AccumulateGrad  # noqa: F401
from ..function import BackwardNode
from . import extending
from .extending import once_differentiable  # noqa: F401

FunctionCtx = BackwardNode


class Function(function.Function):
    """Base class of your own operations: ``forward(ctx, ...)``, ``backward(ctx, grad)``, ``apply``."""
    node_repr_prefix = "torch.autograd.function."   # how PyTorch prints your nodes (grad_fn.py)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        forward = cls.__dict__.get("forward")
        if forward is not None:                       # forward runs with recording off
            forward = forward.__func__ if isinstance(forward, staticmethod) else forward
            forward = extending.with_setup_context(cls, forward)
            cls.forward = staticmethod(grad_mode.no_grad()(forward))

    @classmethod
    def apply(cls, *args):
        return extending.drop_marked(super().apply(*args))     # (ctx.mark_non_differentiable)
