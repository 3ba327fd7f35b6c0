"""``torch.autograd.Function`` for your own operations, and where PyTorch keeps the node classes.

minigrad's own operations compute forward with numpy, so nothing inside it is recorded. Your
Function's forward may use tensor operations; PyTorch runs it with recording off, so that only
your Function's node goes into the graph. That is all this subclass adds.
"""
from .. import grad_mode
from .. import function
from ..accumulate import AccumulateGrad  # noqa: F401
from ..function import BackwardNode

FunctionCtx = BackwardNode


class Function(function.Function):
    """Base class of your own operations: ``forward(ctx, ...)``, ``backward(ctx, grad)``, ``apply``."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        forward = cls.__dict__.get("forward")
        if forward is not None:                       # forward runs with recording off
            forward = forward.__func__ if isinstance(forward, staticmethod) else forward
            cls.forward = staticmethod(grad_mode.no_grad()(forward))
