"""Classification losses: nll_loss, cross_entropy, and one_hot (PyTorch-exact, not a chapter).

nll_loss(logp, target) picks -logp[i, target[i]] for each row i and averages them (weighted by
`weight[target[i]]`, rows whose target is `ignore_index` left out). cross_entropy(x, target) is
nll_loss(log_softmax(x, 1), target): PyTorch's graph shows NllLossBackward0 -> LogSoftmaxBackward0.
"""
import numpy as np

from .. import errors
from ..function import Function
from ..ops.arithmetic import DivScalar
from ..ops.softmax import log_softmax
from ..tensor import Tensor


class NllLoss(Function):
    node_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, logp, target, weight, reduction, ignore_index):
        # target and weight come as numpy arrays: PyTorch differentiates neither (no edges)
        x = logp.array if logp.array.ndim > 1 else logp.array[None]
        t = target.reshape(-1).astype(np.int64)
        keep = t != ignore_index
        w = (np.ones(x.shape[1], x.dtype) if weight is None else weight)[np.where(keep, t, 0)]
        w = np.where(keep, w, 0).astype(x.dtype)
        picked = x[np.arange(len(t)), np.where(keep, t, 0)]
        losses = -picked * w
        ctx.rows, ctx.w, ctx.t, ctx.shape, ctx.reduction = np.arange(len(t)), w, np.where(keep, t, 0), \
            logp.array.shape, reduction
        if reduction == "none":
            return losses.reshape(target.shape)
        if reduction == "sum":
            return np.asarray(losses.sum(dtype=x.dtype))
        ctx.total = w.sum(dtype=x.dtype)
        return np.asarray(losses.sum(dtype=x.dtype) / ctx.total)

    @staticmethod
    def backward(ctx, grad):
        g = grad.array.reshape(-1) if ctx.reduction == "none" else grad.array
        scale = 0 - ctx.w * g                        # (0 - …: +0.0 where the weight is 0)
        if ctx.reduction == "mean":
            scale = scale / ctx.total
        out = np.zeros((len(ctx.rows), ctx.shape[-1]), dtype=grad.array.dtype)
        out[ctx.rows, ctx.t] = scale
        return Tensor._make(out.reshape(ctx.shape)), None, None, None, None


def _check(input, target, weight, reduction):
    if reduction not in ("mean", "sum", "none"):
        raise errors.error(ValueError, f"{reduction} is not a valid value for reduction",
                           "reduction 은 'mean'(평균, 기본값), 'sum'(합), 'none'(원소별 손실) 중 하나입니다.")
    if target.array.dtype.kind == "f":
        name = target.dtype.short_name
        raise errors.error(RuntimeError, f"expected target dtype to be Long or Byte, but got {name}",
                           "클래스 번호 target 은 정수(int64) 텐서여야 합니다. target.long() 으로 바꾸세요.")
    if target.array.dtype != np.int64 and target.array.dtype != np.uint8:
        raise errors.error(RuntimeError,
                           f"expected target dtype to be Long or Byte, but got {target.dtype.short_name}",
                           "클래스 번호 target 은 정수(int64) 텐서여야 합니다. target.long() 으로 바꾸세요.")
    if target.array.ndim > 1:
        raise errors.error(RuntimeError, "0D or 1D target tensor expected, multi-target not supported",
                           "nll_loss 의 target 은 샘플마다 클래스 번호 하나인 1차원 텐서여야 합니다. "
                           "원-핫이나 확률이면 cross_entropy 에 실수 텐서로 주세요.")
    rows = input.array.shape[0] if input.array.ndim > 1 else 1
    if input.array.ndim > 1 and target.array.shape[0:1] != (rows,):
        raise errors.error(ValueError,
                           f"Expected input batch_size ({rows}) to match target batch_size "
                           f"({target.array.shape[0] if target.array.ndim else 1}).",
                           "입력의 행 수(샘플 수)와 target 의 길이가 같아야 합니다.")


def _check_bounds(target, n_classes, ignore_index):
    t = target.array.reshape(-1)
    bad = (t != ignore_index) & ((t < 0) | (t >= n_classes))
    if bad.any():
        raise errors.error(IndexError, f"Target {int(t[bad][0])} is out of bounds.",
                           f"클래스 번호는 0 부터 {n_classes - 1} 까지입니다 (입력의 열이 {n_classes}개).")


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,  # noqa: A002
             reduction="mean"):
    _check(input, target, weight, reduction)
    if input.array.ndim > 2:
        raise errors.error(NotImplementedError, "minigrad's nll_loss takes (N, C) or (C,) inputs only",
                           "minigrad 의 nll_loss 는 (N, C) 또는 (C,) 입력만 받습니다.")
    _check_bounds(target, input.array.shape[-1], ignore_index)
    weight = None if weight is None else weight.array
    return NllLoss.apply(input, target.array, weight, reduction, ignore_index)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100,  # noqa: A002
                  reduce=None, reduction="mean", label_smoothing=0.0):
    if label_smoothing:
        raise errors.error(NotImplementedError, "minigrad's cross_entropy has no label_smoothing",
                           "minigrad 의 cross_entropy 는 label_smoothing 을 지원하지 않습니다.")
    logp = log_softmax(input, 1 if input.array.ndim > 1 else 0)
    if target.array.dtype.kind == "f" and target.array.shape == input.array.shape:
        # class probabilities: -(Σ target·logp) per row, then the reduction (PyTorch's own ops)
        losses = -(logp * target if weight is None else logp * target * weight).sum(-1)
        if reduction == "mean":
            return DivScalar.apply(losses.sum(), input.array.shape[0] if input.array.ndim > 1 else 1)
        return losses.sum() if reduction == "sum" else losses
    return nll_loss(logp, target, weight, None, ignore_index, None, reduction)


def one_hot(tensor, num_classes=-1):
    if tensor.array.dtype != np.int64:
        raise errors.error(RuntimeError, "one_hot is only applicable to index tensor of type LongTensor.",
                           "one_hot 에는 정수(int64) 클래스 번호 텐서를 주세요 (x.long()).")
    t = tensor.array
    if t.size and t.min() < 0:
        raise errors.error(RuntimeError, "Class values must be non-negative.",
                           "클래스 번호는 0 이상이어야 합니다.")
    n = int(t.max()) + 1 if num_classes == -1 else num_classes
    if t.size and t.max() >= n:
        raise errors.error(RuntimeError, "Class values must be smaller than num_classes.",
                           f"클래스 번호는 num_classes({n})보다 작아야 합니다.")
    return Tensor._make((t[..., None] == np.arange(n)).astype(np.int64))
