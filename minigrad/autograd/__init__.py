"""``minigrad.autograd``: the same names as ``torch.autograd``."""
from ..engine import backward, grad  # noqa: F401
from ..function import BackwardNode  # noqa: F401
from .function import Function  # noqa: F401
from ..grad_mode import enable_grad, inference_mode, no_grad, set_grad_enabled  # noqa: F401
from .gradcheck import GradcheckError, gradcheck, gradgradcheck  # noqa: F401
from .variable import Variable  # noqa: F401
from . import function, functional  # noqa: F401
