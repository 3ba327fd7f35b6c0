"""``minigrad.optim``: the optimizer base and SGD (chapter 08), and Adam."""
from .optimizer import Optimizer  # noqa: F401
from .sgd import SGD  # noqa: F401
from .adam import Adam  # noqa: F401
