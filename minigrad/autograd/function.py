"""``torch.autograd.Function`` for your own operations, and where PyTorch keeps the node classes.

minigrad's own operations compute forward with numpy, so nothing inside it is recorded. Your
Function's forward may use tensor operations; PyTorch runs it with recording off, so that only
your Function's node goes into the graph. That is what this subclass adds, and PyTorch's two ways
of writing forward: ``forward(ctx, *args)``, or ``forward(*args)`` plus
``setup_context(ctx, inputs, output)`` which fills ``ctx`` afterwards (PyTorch 2's docs use both).
"""
import functools

from .. import errors, function, grad_mode
from ..accumulate import AccumulateGrad  # noqa: F401
from ..function import BackwardNode

FunctionCtx = BackwardNode


class Function(function.Function):
    """Base class of your own operations: ``forward(ctx, ...)``, ``backward(ctx, grad)``, ``apply``."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.Node.repr_prefix = "torch.autograd.function."
        forward = cls.__dict__.get("forward")
        if forward is not None:                       # forward runs with recording off
            forward = forward.__func__ if isinstance(forward, staticmethod) else forward
            if cls.setup_context is not Function.setup_context:
                forward = _then_setup_context(cls, forward)
            cls.forward = staticmethod(grad_mode.no_grad()(forward))

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise errors.error(NotImplementedError,
                           "You must implement the setup_context staticmethod.",
                           "forward(*args) 로 쓴 Function 은 ctx 를 채울 setup_context(ctx, inputs, "
                           "output) 도 정의해야 합니다 (또는 forward(ctx, *args) 로 쓰세요).")

    @classmethod
    def apply(cls, *args):
        output = super().apply(*args)
        node = output[0].grad_fn if type(output) is tuple else output.grad_fn
        for t in getattr(node, "non_differentiable", ()):    # ctx.mark_non_differentiable(...)
            t.grad_fn, t._requires_grad = None, False
        return output


def _then_setup_context(cls, forward):
    """``forward(*args)`` followed by ``setup_context(ctx, args, output)``, as one forward(ctx, ...)."""
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


def once_differentiable(backward):
    """A backward that is not itself differentiable: it runs with recording off (PyTorch's
    ``torch.autograd.function.once_differentiable``)."""
    @functools.wraps(backward)
    def wrapper(ctx, *grad_outputs):
        with grad_mode.no_grad():
            return backward(ctx, *grad_outputs)
    return wrapper
