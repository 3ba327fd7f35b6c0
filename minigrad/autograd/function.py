"""``minigrad.autograd.function``: where PyTorch keeps Function and its context."""
from ..accumulate import AccumulateGrad  # noqa: F401
from ..function import BackwardNode, Function  # noqa: F401

FunctionCtx = BackwardNode
