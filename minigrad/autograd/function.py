"""``minigrad.autograd.function``: where PyTorch keeps Function and its context."""
from ..function import AccumulateGrad, BackwardNode, Function, FunctionMeta  # noqa: F401

FunctionCtx = BackwardNode
