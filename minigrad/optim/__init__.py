"""``minigrad.optim``: the optimizer base and SGD (chapter 08)."""
from .optimizer import Optimizer  # noqa: F401
from .sgd import SGD  # noqa: F401
