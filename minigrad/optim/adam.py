"""Adam (PyTorch-exact, not a chapter): per parameter, running averages of the gradient (m) and of
its square (v), each corrected for starting at zero; the step is lr · m̂ / (√v̂ + eps).

Written in float32 in the order of PyTorch's single-tensor Adam (torch/optim/adam.py), so printed
losses agree: m.lerp_(g, 1-β₁) (a fused multiply-add in PyTorch's kernel), v·β₂ + (1-β₂)·g·g,
denom = √v / √(1-β₂ᵗ) + eps, p += (-lr/(1-β₁ᵗ)) · m / denom.
"""
import numpy as np

from .. import errors
from ..creation import tensor, zeros_like
from ..grad_mode import no_grad
from .optimizer import Optimizer


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
                 foreach=None, maximize=False, capturable=False, differentiable=False, fused=None,
                 decoupled_weight_decay=False):
        for ok, english, korean in [
                (lr >= 0.0, f"Invalid learning rate: {lr}", "학습률 lr 은 0 이상이어야 합니다."),
                (eps >= 0.0, f"Invalid epsilon value: {eps}", "eps 는 0 이상이어야 합니다."),
                (0.0 <= betas[0] < 1.0, f"Invalid beta parameter at index 0: {betas[0]}",
                 "betas[0] 은 0 이상 1 미만이어야 합니다 (보통 0.9)."),
                (0.0 <= betas[1] < 1.0, f"Invalid beta parameter at index 1: {betas[1]}",
                 "betas[1] 은 0 이상 1 미만이어야 합니다 (보통 0.999)."),
                (weight_decay >= 0.0, f"Invalid weight_decay value: {weight_decay}",
                 "weight_decay 는 0 이상이어야 합니다.")]:
            if not ok:
                raise errors.error(ValueError, english, korean)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      amsgrad=amsgrad, maximize=maximize, foreach=foreach,
                                      capturable=capturable, differentiable=differentiable, fused=fused,
                                      decoupled_weight_decay=decoupled_weight_decay))

    @no_grad()
    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    self._update(p, group)
        return loss

    def _update(self, p, group):
        beta1, beta2 = group["betas"]
        lr, eps, weight_decay = group["lr"], group["eps"], group["weight_decay"]
        state = self.state[p]
        if not state:
            state["step"] = tensor(0.0)
            state["exp_avg"], state["exp_avg_sq"] = zeros_like(p), zeros_like(p)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = zeros_like(p)
        grad = -p.grad if group["maximize"] else p.grad
        state["step"] += 1
        if weight_decay != 0:
            if group["decoupled_weight_decay"]:
                p.mul_(1 - lr * weight_decay)
            else:
                grad = grad.add(p, alpha=weight_decay)
        t = p.array.dtype.type
        g, m, v = grad.array, state["exp_avg"].array, state["exp_avg_sq"].array
        m[...] = _lerp(m, g, t(1 - beta1))
        v *= t(beta2)
        v += t(1 - beta2) * g * g
        step = state["step"].item()
        bias_correction2_sqrt = (1 - beta2 ** step) ** 0.5
        step_size = lr / (1 - beta1 ** step)
        if group["amsgrad"]:
            v = np.maximum(state["max_exp_avg_sq"].array, v, out=state["max_exp_avg_sq"].array)
        denom = np.sqrt(v) / t(bias_correction2_sqrt) + t(eps)
        p.array += t(-step_size) * m / denom
        for name in ("exp_avg", "exp_avg_sq"):
            state[name]._version_counter[0] += 1
        p._version_counter[0] += 1


def _lerp(start, end, weight):
    """start + weight·(end - start) with one rounding, as the fused multiply-add of PyTorch's kernel
    (for weight < 0.5; else end - (1 - weight)·(end - start))."""
    diff = (end - start).astype(np.float64)
    if abs(weight) < 0.5:
        return (weight.astype(np.float64) * diff + start).astype(start.dtype)
    return ((weight.astype(np.float64) - 1) * diff + end).astype(start.dtype)
