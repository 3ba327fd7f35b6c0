"""Losses and activations (chapter 08), each one Function with forward and backward together.

The loss functions average over all elements by default (``reduction="mean"``), as PyTorch does;
``"sum"`` adds them up and ``"none"`` returns one loss per element.
"""
import warnings

import numpy as np

from .. import errors
from ..function import Function
from ..ops.arithmetic import AddScalar, DivScalar, MulScalar, Sub
from ..ops.linalg import Addmm
from ..promotion import WrappedNumber
from ..ops.pointwise import Relu, Sigmoid, SigmoidBackward, Tanh
from ..tensor import Tensor
from ..ops.softmax import log_softmax, softmax  # noqa: F401
from .classification import cross_entropy, nll_loss, one_hot  # noqa: F401


def sigmoid(x):
    return Sigmoid.apply(x)


def relu(x):
    return Relu.apply(x)


def tanh(x):
    return Tanh.apply(x)


def _reduce(array, reduction):
    if reduction == "mean":
        return array.mean()
    if reduction == "sum":
        return array.sum()
    if reduction == "none":
        return array
    raise errors.error(ValueError, f"{reduction} is not a valid value for reduction",
                       "reduction 은 'mean'(평균, 기본값), 'sum'(합), 'none'(원소별 손실) 중 하나입니다.")


def _check_target(target):
    """PyTorch reads target.size() first: anything but a tensor fails there."""
    if not isinstance(target, Tensor):
        raise errors.error(AttributeError, f"'{type(target).__name__}' object has no attribute 'size'",
                           "손실 함수의 target 도 텐서여야 합니다. torch.tensor([...]) 로 감싸세요.")


def _reduce_grad(grad, numel, reduction):
    """Backward of the reduction, applied last: for "mean" each element's share is 1/numel of the
    gradient, so the per-element gradient is divided by numel (a division by a number: PyTorch's
    DivBackward1 when recorded). "sum" and "none" leave it as it is."""
    return DivScalar.apply(grad, numel) if reduction == "mean" else grad


class BinaryCrossEntropyWithLogits(Function):
    """loss = -[p·y·log σ(x) + (1-y)·log(1-σ(x))], computed from the logit x directly."""
    node_name = "BinaryCrossEntropyWithLogitsBackward0"
    saved_names = ('self', 'target', 'weight', 'pos_weight')

    @staticmethod
    def forward(ctx, x, y, weight, pos_weight, reduction):
        ctx.save_for_backward(x, y, weight, pos_weight)
        ctx.reduction = reduction
        xa, ya = x.array, y.array
        # log(1-σ(x)) = log σ(x) - x, so the loss is (1-y)·x - log σ(x) (PyTorch's form), with
        # log σ(x) = min(x, 0) - log(1 + e^-|x|): no overflow, no log 0
        log_sigmoid = np.minimum(xa, 0) - np.log1p(np.exp(-np.abs(xa)))
        if pos_weight is not None:               # p weighs the y·log σ(x) term: 1 + (p-1)·y times
            log_sigmoid = log_sigmoid * ((pos_weight.array - 1) * ya + 1)
        loss = (1 - ya) * xa - log_sigmoid
        if weight is not None:
            loss = loss * weight.array
        return np.asarray(_reduce(loss.astype(xa.dtype), reduction))

    @staticmethod
    def backward(ctx, grad):
        x, y, weight, pos_weight = ctx.saved_tensors
        grad_x = grad_y = None
        if ctx.needs_input_grad[0]:
            s = x.sigmoid()
            if pos_weight is None:
                grad_x = s - y                              # the famous σ(x) - y
            else:
                t = pos_weight * y
                grad_x = (AddScalar.apply(t, 1) - y) * s - t
            grad_x = grad_x * grad                          # times the gradient of the loss
            if weight is not None:
                grad_x = grad_x * weight
            grad_x = _reduce_grad(grad_x, x.array.size, ctx.reduction)
        if ctx.needs_input_grad[1]:                         # (a target rarely requires grad)
            grad_y = -x if pos_weight is None else (pos_weight - 1) * _softplus_t(-x) - x
            grad_y = grad_y * grad
            if weight is not None:
                grad_y = grad_y * weight
            grad_y = _reduce_grad(grad_y, y.array.size, ctx.reduction)
        return grad_x, grad_y, None, None, None


def _softplus_t(x):
    """softplus as Tensor operations, so that create_graph=True can go through it."""
    return x.relu() + ((-x.abs()).exp() + 1).log()


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,  # noqa: A002
                                     reduction="mean", pos_weight=None):
    _check_target(target)
    if target.shape != input.shape:
        raise errors.error(ValueError, f"Target size ({target.shape}) must be the same as input size ({input.shape})",
                           "로짓(input)과 정답(target)의 모양이 같아야 합니다. 예: 로짓 (N,1) 과 정답 (N,) 이면 "
                           "target.view(-1, 1) 이나 input.squeeze(1) 로 맞추세요.")
    return BinaryCrossEntropyWithLogits.apply(input, target, weight, pos_weight, reduction)


class BinaryCrossEntropy(Function):
    """loss = -[y·log p + (1-y)·log(1-p)] for probabilities p (each log clamped at -100, like PyTorch)."""
    node_name = "BinaryCrossEntropyBackward0"
    saved_names = ('self', 'target', 'weight')

    @staticmethod
    def forward(ctx, p, y, weight, reduction):
        pa, ya = p.array, y.array
        errors.check_probabilities(pa, ya)
        ctx.save_for_backward(p, y, weight)
        ctx.reduction = reduction
        with np.errstate(divide="ignore"):
            loss = -(ya * np.maximum(np.log(pa), -100) + (1 - ya) * np.maximum(np.log1p(-pa), -100))
        if weight is not None:
            loss = loss * weight.array
        return np.asarray(_reduce(loss.astype(pa.dtype), reduction))

    @staticmethod
    def backward(ctx, grad):
        p, y, weight = ctx.saved_tensors
        grad_p = BinaryCrossEntropyBackward.apply(grad, p, y, weight, ctx.reduction) \
            if ctx.needs_input_grad[0] else None
        grad_y = None
        if ctx.needs_input_grad[1]:                          # -logit(p) = -log(p / (1-p))
            grad_y = -(p / (1 - p)).log() * grad
            if weight is not None:
                grad_y = grad_y * weight
            grad_y = _reduce_grad(grad_y, p.array.size, ctx.reduction)
        return grad_p, grad_y, None, None


_EPSILON = 1e-12


class BinaryCrossEntropyBackward(Function):
    """PyTorch's binary_cross_entropy_backward: grad·(p - y) / max(p(1-p), ε), an op of its own."""
    node_name = "BinaryCrossEntropyBackwardBackward0"
    saved_names = ('grad_output', 'self', 'target', 'weight')

    @staticmethod
    def forward(ctx, grad_output, p, y, weight, reduction):
        ctx.save_for_backward(grad_output, p, y, weight)
        ctx.reduction = reduction
        pa = p.array
        out = grad_output.array * (pa - y.array) / np.maximum((1 - pa) * pa, _EPSILON)
        if weight is not None:
            out = out * weight.array
        if reduction == "mean":
            out = out / pa.size
        return out.astype(pa.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        grad_output, p, y, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_g = grad_p = grad_y = None
        # (PyTorch's C++: p + ε and 2 * p are Scalar ops; 1 - p is a tensor op)
        p_eps, one_minus_p_eps = AddScalar.apply(p, _EPSILON), AddScalar.apply(Sub.apply(WrappedNumber._make(1), p), _EPSILON)
        if needs[0]:                 # binary_cross_entropy_double_backward_grad_output
            grad_g = (p - y) / (p_eps * one_minus_p_eps) * grad
            grad_g = _reduce_grad(grad_g if weight is None else grad_g * weight, p.array.size, ctx.reduction)
        if needs[1]:                 # binary_cross_entropy_double_backward: d/dp of (p - y)/(p(1-p))
            grad_p = (p * p - MulScalar.apply(p, 2) * y + y) / (p_eps ** 2 * one_minus_p_eps ** 2)
            grad_p = grad_p * (grad * grad_output)
            grad_p = _reduce_grad(grad_p if weight is None else grad_p * weight, p.array.size, ctx.reduction)
        if needs[2]:                 # binary_cross_entropy_double_backward_target: -1/(p(1-p))
            grad_y = -grad * grad_output
            if weight is not None:
                grad_y = grad_y * weight
            grad_y = _reduce_grad(grad_y / ((1 - p) * p).clamp(min=_EPSILON), p.array.size, ctx.reduction)
        return grad_g, grad_p, grad_y, None, None


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):  # noqa: A002
    _check_target(target)
    if target.shape != input.shape:
        raise errors.error(ValueError, f"Using a target size ({target.shape}) that is different to the input size "
                           f"({input.shape}) is deprecated. Please ensure they have the same size.",
                           "확률(input)과 정답(target)의 모양이 같아야 합니다.")
    return BinaryCrossEntropy.apply(input, target, weight, reduction)


class MseLoss(Function):
    """loss = mean((x - y)²)."""
    node_name = "MseLossBackward0"
    saved_names = ('self', 'target')

    @staticmethod
    def forward(ctx, x, y, reduction):
        ctx.save_for_backward(x, y)
        ctx.reduction = reduction
        try:
            diff = np.subtract(x.array, y.array)
        except ValueError:
            errors.check_broadcast(x.array.shape, y.array.shape)
            raise
        return np.asarray(_reduce(diff * diff, reduction))

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        grad_x = MseLossBackward.apply(grad, x, y, ctx.reduction) if ctx.needs_input_grad[0] else None
        grad_y = MseLossBackward.apply(grad, y, x, ctx.reduction) if ctx.needs_input_grad[1] else None
        return grad_x, grad_y, None


class MseLossBackward(Function):
    """PyTorch's mse_loss_backward(grad_output, self, target): d(x-y)²/dx = 2(x-y), times the gradient
    (and 1/numel for "mean"). It is an op of its own, so it can be differentiated again."""
    node_name = "MseLossBackwardBackward0"
    saved_names = ('grad_output', 'self', 'target')

    @staticmethod
    def forward(ctx, grad_output, x, y, reduction):
        ctx.save_for_backward(grad_output, x, y)
        ctx.reduction = reduction
        diff = np.subtract(x.array, y.array)
        norm = 2 / diff.size if reduction == "mean" else 2
        diff *= np.asarray(norm, dtype=diff.dtype)      # (in place: the only new array is diff)
        diff *= grad_output.array
        return diff

    @staticmethod
    def backward(ctx, grad):
        grad_output, x, y = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_g = MseLossBackward.apply(grad, x, y, ctx.reduction) if needs[0] else None
        # mse_loss_double_backward: d/dx of 2(x-y)·g is 2·g (and 1/numel for "mean")
        double = _reduce_grad(MulScalar.apply(grad * grad_output, 2), x.array.size, ctx.reduction) \
            if needs[1] or needs[2] else None
        return grad_g, (double if needs[1] else None), (-double if needs[2] else None), None


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):  # noqa: A002
    _check_target(target)
    if target.shape != input.shape:
        warnings.warn(f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
                      "This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
                      "same size.", UserWarning, stacklevel=2)
    return MseLoss.apply(input, target, reduction)


def linear(input, weight, bias=None):  # noqa: A002
    """``F.linear``: input @ weightᵀ + bias; recorded as PyTorch records it (AddmmBackward0 for a
    matrix input, flattened to one and viewed back otherwise)."""
    if bias is None:
        return input.matmul(weight.t())
    if input.dim() == 2:
        return Addmm.apply(bias, input, weight.t())
    flat = input.reshape(-1, input.shape[-1])
    return Addmm.apply(bias, flat, weight.t()).view(*input.shape[:-1], weight.shape[0])
