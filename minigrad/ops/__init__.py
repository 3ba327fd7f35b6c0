"""Every differentiable operation of minigrad, one `Function` each, forward and backward together.

Importing a module here also gives Tensor its methods (``x * y``, ``x.sum()``, ``x.add_(y)`` ...)."""
from .arithmetic import (Add, AddScalar, Div, DivScalar, Mul, MulScalar, Neg, Pow, PowTensor,  # noqa: F401
                         Reciprocal, RPow, Rsub, Sub, SubScalar)
from .linalg import Bmm, Dot, Mm, Mv, matmul, tensor_argument  # noqa: F401
from .pointwise import (Abs, Clamp, Cos, Exp, Log, Log1p, Relu, Sgn, Sigmoid, SigmoidBackward, Sin,  # noqa: F401
                        Sqrt, Tanh, TanhBackward, ThresholdBackward)
from .reduction import Max, MaxDim, Mean, MeanDim, Min, MinDim, Norm, Sum, SumDim, max_dim, min_dim  # noqa: F401
from .shape import (Clone, Copy, Expand, Index, Permute, Repeat, Select, Slice, Squeeze, SqueezeDim, T,  # noqa: F401
                    ToCopy, Transpose, Unsqueeze, UnsafeView, View, index, reshape, sum_to_size, view)
from .where import Where  # noqa: F401
from .softmax import (Gather, LogSoftmax, Scatter, Softmax, gather, log_softmax, scatter,  # noqa: F401
                      softmax)
from . import inplace  # noqa: F401

from .. import arguments as _arguments  # noqa: E402
from ..tensor import Tensor as _Tensor  # noqa: E402

# methods that also take numpy's keyword names, as in PyTorch: x.sum(axis=0, keepdims=True)
for _name in ("sum", "mean", "max", "min", "argmax", "argmin", "all", "any", "squeeze", "unsqueeze",
              "size"):
    setattr(_Tensor, _name, _arguments.numpy_names(getattr(_Tensor, _name)))
