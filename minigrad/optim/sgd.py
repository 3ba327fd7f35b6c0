"""Stochastic gradient descent (chapter 08): p ← p − lr · p.grad, optionally with momentum."""
from .. import errors
from ..grad_mode import no_grad
from .optimizer import Optimizer


class SGD(Optimizer):
    def __init__(self, params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False):
        if lr < 0.0:
            raise errors.error(ValueError, f"Invalid learning rate: {lr}",
                               "학습률 lr 은 0 이상이어야 합니다 (음수면 손실이 커지는 쪽으로 갑니다).")
        if momentum < 0.0:
            raise errors.error(ValueError, f"Invalid momentum value: {momentum}",
                               "momentum 은 0 이상이어야 합니다 (보통 0.9 정도를 씁니다).")
        if weight_decay < 0.0:
            raise errors.error(ValueError, f"Invalid weight_decay value: {weight_decay}",
                               "weight_decay 는 0 이상이어야 합니다. 규제를 쓰지 않으려면 0 으로 두세요.")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise errors.error(ValueError, "Nesterov momentum requires a momentum and zero dampening",
                               "nesterov=True 는 momentum > 0 이고 dampening=0 일 때만 쓸 수 있습니다. momentum=0.9 처럼 "
                               "함께 주거나 nesterov 를 끄세요.")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov, maximize=maximize,
                                      # PyTorch's implementation switches; shown by repr, unused here
                                      foreach=None, differentiable=False, fused=None))

    @no_grad()
    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad if not group["maximize"] else -p.grad
                if group["weight_decay"]:
                    grad = grad + group["weight_decay"] * p
                if momentum:
                    state = self.state[p]               # (a dict per parameter, as in PyTorch)
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        buf = state["momentum_buffer"] = grad.clone().detach()
                    else:
                        buf.mul_(momentum).add_(grad, alpha=1 - dampening)
                    grad = grad + momentum * buf if group["nesterov"] else buf
                p.add_(grad, alpha=-lr)                 # in place: p is the same tensor the model uses
        return loss
