"""Checks for exercise 08 (로지스틱 회귀를 처음부터).

Task 1  ``check_bce_backward(BCEWithLogits)``: the learner's ``autograd.Function`` with the given (stable)
        forward and their own backward, run inside the real engine and compared with minigrad's
        ``binary_cross_entropy_with_logits``.
Task 2  ``check_sgd_step(sgd_step)``: one in-place SGD step under ``no_grad`` followed by zeroing the grads.
Task 3  ``check_train(train)``: the whole training loop on the chapter's fixed two-blob dataset. In the
        exercise it runs on the learner's own engine (``mine.use(before=8)``); the reference curve is
        minigrad's own (``mine.own_engine()``), and the loss curves must agree step by step.

``make_data()`` builds that dataset (the same recipe as the chapter notebook).
"""
from __future__ import annotations

import math

import numpy as np

import minigrad as torch
from minigrad.exercises.feedback import Check

__all__ = ["make_data", "check_bce_backward", "check_sgd_step", "check_train"]

F = torch.nn.functional


def make_data(n: int = 100, seed: int = 0):
    """Two Gaussian blobs in 2-D: ``n`` points of class 0 around (-1, -1), ``n`` of class 1 around (1, 1).

    Returns ``(X, y)``: float32 tensors of shapes ``(2n, 2)`` and ``(2n, 1)``.
    """
    rng = np.random.default_rng(seed)
    class0 = rng.normal(loc=(-1.0, -1.0), scale=0.9, size=(n, 2))
    class1 = rng.normal(loc=(1.0, 1.0), scale=0.9, size=(n, 2))
    X = np.concatenate([class0, class1]).astype(np.float32)
    y = np.concatenate([np.zeros(n), np.ones(n)]).astype(np.float32).reshape(-1, 1)
    return torch.tensor(X), torch.tensor(y)


# ------------------------------------------------------------------------------------------ task 1
def _grads(fn, z, y, *, scale=1.0):
    """z.grad after (scale * fn(z, y)).backward(), for a fresh leaf z."""
    z = torch.tensor(z, requires_grad=True)
    y = torch.tensor(y)
    loss = fn(z, y)
    (loss * scale if scale != 1.0 else loss).backward()
    return z.grad


def _reference_bce(z, y):
    return F.binary_cross_entropy_with_logits(z, y)


def check_bce_backward(BCEWithLogits):
    c = Check("과제 1: BCE-with-logits 의 역전파")
    mine = BCEWithLogits.apply
    hint_formula = ("로짓 z 하나에 대한 손실의 도함수는 σ(z) − y 입니다. 평균(mean)을 냈으니 원소 수 N 으로 "
                    "나누고, 들어온 grad_output 을 곱하세요.")

    cases = [
        ("벡터: z=[-1, 0, 2], y=[0, 1, 1] 에서 z.grad", [-1.0, 0.0, 2.0], [0.0, 1.0, 1.0]),
        ("(4, 1) 모양, 0 과 1 사이의 부드러운 정답 y 에서 z.grad",
         [[0.5], [-1.5], [3.0], [0.0]], [[0.2], [0.9], [1.0], [0.5]]),
        ("|z| 가 아주 큰 로짓 z=[-1000, -40, 40, 1000] 에서 z.grad (nan/inf 없이)",
         [-1000.0, -40.0, 40.0, 1000.0], [0.0, 1.0, 0.0, 1.0]),
        ("(2, 3) 행렬 로짓에서 z.grad (평균은 원소 6개에 대해)",
         [[0.3, -0.7, 1.2], [2.0, -2.5, 0.1]], [[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]),
    ]
    for description, z, y in cases:
        c.equal(description, lambda z=z, y=y: _grads(mine, z, y), expected=_grads(_reference_bce, z, y),
                hint=hint_formula)

    c.equal("손실에 3 을 곱한 뒤 backward: z.grad 도 3 배 (grad_output 사용)",
            lambda: _grads(mine, [0.5, -0.5], [1.0, 0.0], scale=3.0),
            expected=_grads(_reference_bce, [0.5, -0.5], [1.0, 0.0], scale=3.0),
            hint="backward 가 받는 grad_output 은 손실 뒤쪽에서 흘러온 기울기입니다. 꼭 곱해야 연쇄 법칙이 이어집니다.")

    def through_model(fn):
        X, y = make_data(n=5)
        w = torch.tensor([[0.3], [-0.2]], requires_grad=True)
        b = torch.tensor([0.1], requires_grad=True)
        fn(X @ w + b, y).backward()
        return w.grad, b.grad

    c.equal("모델 z = X @ w + b 뒤에 붙였을 때 (w.grad, b.grad)", lambda: through_model(mine),
            expected=through_model(_reference_bce),
            hint="엔진이 여러분의 backward 결과를 MmBackward0, AddBackward0 으로 넘깁니다. 모양이 z 와 같아야 합니다.")

    def gradcheck_ok():
        z = torch.tensor([[0.7], [-1.3], [2.2]], dtype=torch.float64, requires_grad=True)
        y = torch.tensor([[1.0], [0.0], [0.3]], dtype=torch.float64)
        return torch.autograd.gradcheck(lambda z: mine(z, y), (z,), raise_exception=False)

    c.true("float64 에서 수치 미분과 비교 (torch.autograd.gradcheck)", gradcheck_ok,
           hint="유한 차분으로 잰 기울기와 다릅니다. 부호(σ(z) − y 인지 y − σ(z) 인지)와 1/N 을 확인하세요.")
    return c.done()


# ------------------------------------------------------------------------------------------ task 2
def _fresh_params():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    ((w * w).sum() + 3 * b).backward()          # w.grad = 2w = [2, 4], b.grad = 3
    return w, b


def _is_zero_or_none(g):
    return g is None or bool((g == 0).all())


def _probe(sgd_step):
    """What one step of the learner's sgd_step does to w=[1, 2] (grad [2, 4]) and b=0.5 (grad 3):
    'error', 'unchanged' (the tensors in the list were not changed), or 'changed'; and whether the
    grads of the tensors in the list were cleared."""
    w, b = _fresh_params()
    try:
        sgd_step([w, b], 0.1)
    except RuntimeError as e:
        return ("leaf_in_place" if "leaf Variable" in str(e) else "error"), False
    except Exception:                       # noqa: BLE001 - the cases report the learner's error
        return "error", False
    changed = not (w.detach().tolist() == [1.0, 2.0] and b.item() == 0.5)
    return ("changed" if changed else "unchanged"), _is_zero_or_none(w.grad) and _is_zero_or_none(b.grad)


REBOUND = ("목록 속 텐서가 그대로입니다. p = p - lr * p.grad 는 지역 이름 p 를 새 텐서에 묶을 뿐, params 에 든 원래 "
           "텐서는 바꾸지 않습니다. with torch.no_grad(): 안에서 p -= lr * p.grad (또는 p.sub_(lr * p.grad)) 로 그 "
           "텐서 자체를 바꾸세요.")


def check_sgd_step(sgd_step):
    """Task 2 (my minigrad, piece 8): one SGD step; each stated rule its own case, each hint its own mistake."""
    c = Check("과제 2: SGD 한 걸음 sgd_step")
    outcome, cleared = _probe(sgd_step)
    state = {}

    def first_step():
        w, b = _fresh_params()
        state["w"], state["b"] = w, b
        sgd_step([w, b], 0.1)
        return w.detach(), b.detach()

    c.equal("규칙 1: w=[1, 2] (grad [2, 4]), b=0.5 (grad 3), lr=0.1 → 한 걸음 뒤의 (w, b) = ([0.8, 1.6], 0.2)",
            first_step, expected=(torch.tensor([0.8, 1.6]), torch.tensor(0.2)),
            hint={"unchanged": REBOUND,
                  "leaf_in_place": "requires_grad=True 인 잎 텐서를 기록이 켜진 채로 제자리에서 바꾸려 해서 PyTorch 의 "
                                   "오류가 났습니다. 갱신 전체를 with torch.no_grad(): 블록 안에 넣으세요.",
                  "error": "갱신하다 오류가 났습니다. 위의 오류 메시지와 위치를 보세요."}.get(
                outcome, "값이 바뀌었지만 p − lr · p.grad 가 아닙니다: 빼는지(더하지 않는지), lr 을 곱하는지 확인하세요."))
    c.true("규칙 2: 갱신 뒤 기울기가 0 (또는 None) 으로 초기화됨",
           lambda: _is_zero_or_none(state["w"].grad) and _is_zero_or_none(state["b"].grad),
           hint=("기울기를 지운 것은 p 가 새로 묶인 텐서였고, 원래 텐서의 grad 는 그대로입니다. 규칙 1 의 힌트처럼 그 "
                 "텐서 자체를 바꾸면 p.grad 도 원래 텐서의 것이 됩니다.") if outcome == "unchanged" else
           "갱신한 다음 p.grad.zero_() (또는 p.grad = None) 로 지우세요. 지우지 않으면 다음 backward 의 기울기가 "
           "더해집니다.")
    c.true("규칙 3: 갱신 뒤에도 w 는 잎 텐서 (grad_fn 이 None, requires_grad=True)",
           lambda: state["w"].is_leaf and state["w"].grad_fn is None and state["w"].requires_grad,
           hint="갱신이 계산 그래프에 기록되었습니다. 갱신은 with torch.no_grad(): 블록 안에서 하세요.")

    def two_steps():
        w, b = _fresh_params()
        sgd_step([w, b], 0.1)
        ((w * w).sum() + 3 * b).backward()      # fresh gradients at the new point: [1.6, 3.2], 3
        sgd_step([w, b], 0.1)
        return w.detach(), b.detach()

    c.equal("규칙 1+2: 새 backward 뒤 두 번째 걸음 (쌓인 기울기가 아니라 새 기울기로) → ([0.64, 1.28], -0.1)", two_steps,
            expected=(torch.tensor([0.64, 1.28]), torch.tensor(-0.1)),
            hint="두 걸음 모두 원래 텐서가 그대로입니다: 규칙 1 의 힌트를 보세요." if outcome == "unchanged" else
            "첫 걸음 뒤에 지우지 않은 기울기가 두 번째 backward 의 기울기에 더해져 걸음이 너무 큽니다. 규칙 2 를 "
            "확인하세요." if not cleared else "두 걸음 모두 p ← p − lr · p.grad 여야 합니다.")

    def skips_missing_grad():
        w, _ = _fresh_params()
        unused = torch.tensor([5.0, 6.0], requires_grad=True)   # no backward reached it: grad is None
        sgd_step([w, unused], 0.1)
        return unused.detach(), unused.grad

    c.equal("규칙 4: grad 가 None 인 매개변수는 건너뜀 (값 그대로, grad 는 None)", skips_missing_grad,
            expected=(torch.tensor([5.0, 6.0]), None),
            hint="backward 가 닿지 않은 매개변수는 p.grad 가 None 입니다 (None 에는 곱할 수도, zero_() 할 수도 "
                 "없습니다). optim.SGD 처럼 if p.grad is None: continue 로 건너뛰세요.")

    def matrix_param():
        W = torch.tensor([[1.0, -1.0], [0.5, 2.0]], requires_grad=True)
        (W * W).sum().backward()                # grad = 2W
        sgd_step([W], 0.25)                     # W - 0.5 W = 0.5 W
        return W.detach()

    c.equal("모양이 다른 매개변수: 행렬 W (grad = 2W), lr=0.25 → 0.5·W", matrix_param,
            expected=torch.tensor([[0.5, -0.5], [0.25, 1.0]]),
            hint="행렬 W 도 그대로입니다: 규칙 1 의 힌트와 같은 까닭입니다." if outcome == "unchanged" else
            "매개변수의 모양에 따라 다르게 할 것은 없습니다: 행렬도 벡터와 같은 한 줄로 갱신됩니다. 원소를 하나씩 "
            "고치거나 모양을 가정하는 코드가 없는지 보세요.")
    return c.done()


# ------------------------------------------------------------------------------------------ task 3
def _reference_train(X, y, steps, lr):
    """minigrad's own training run (its own engine, whatever pieces of the learner's are installed)."""
    from minigrad.exercises import mine
    with mine.own_engine():
        return _train_with_sgd(X, y, steps, lr)


def _train_with_sgd(X, y, steps, lr):
    w = torch.zeros(2, 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.binary_cross_entropy_with_logits(X @ w + b, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return w.detach(), b.detach(), losses


def _accuracy(X, y, w, b):
    with torch.no_grad():
        return float(((X @ w + b > 0).float() == y).float().mean().item())


def check_train(train):
    c = Check("과제 3: 학습 루프 train")
    X, y = make_data()
    runs = {}

    def run(steps, lr):
        key = (steps, lr)
        if key not in runs:
            w, b, losses = train(X, y, steps, lr)
            runs[key] = (w.detach(), b.detach(), [float(v) for v in losses])
        return runs[key]

    c.equal("train(X, y, 100, 0.5) 의 손실 기록 개수", lambda: len(run(100, 0.5)[2]), expected=100,
            hint="한 걸음마다 loss.item() 을 losses 에 하나씩 붙이세요.")
    c.equal("첫 손실 (w=0, b=0 이면 log 2 ≈ 0.6931)", lambda: run(100, 0.5)[2][0], expected=math.log(2),
            hint="첫 손실은 갱신하기 전의 손실입니다. 모든 로짓이 0 이면 σ(0)=0.5 라서 log 2 입니다.")
    c.true("손실이 걸음마다 줄어듦 (마지막 < 처음, 늘어난 걸음 없음)",
           lambda: (lambda ls: ls[-1] < ls[0] and all(b2 <= b1 + 1e-6 for b1, b2 in zip(ls, ls[1:])))(run(100, 0.5)[2]),
           hint="손실이 늘어난다면 기울기의 반대 방향(−lr · grad)으로 가는지, 매 걸음 기울기를 0 으로 지우는지 확인하세요.")
    c.true("학습한 (w, b) 로 정확도 > 0.9", lambda: _accuracy(X, y, *run(100, 0.5)[:2]) > 0.9,
           hint="예측은 z = X @ w + b > 0 (즉 σ(z) > 0.5) 입니다.")
    ref_w, ref_b, ref_losses = _reference_train(X, y, 100, 0.5)
    c.equal("train(X, y, 100, 0.5) 의 (w, b) 가 기준 구현과 같음", lambda: run(100, 0.5)[:2],
            expected=(ref_w, ref_b), rtol=1e-3, atol=1e-4,
            hint="w, b 는 0 에서 시작하고, 한 걸음은 순전파 → backward → 갱신 → 기울기 0 입니다. "
                 "손실은 binary_cross_entropy_with_logits 의 평균입니다.")
    c.equal("손실 곡선 100 걸음 전체가 minigrad 자신의 엔진으로 학습한 곡선과 같음",
            lambda: np.array(run(100, 0.5)[2]), expected=np.array(ref_losses), rtol=1e-3, atol=1e-4,
            hint="losses[k] 는 k 번째 갱신 '전'의 손실입니다. 앞의 경우들이 맞는데 여기만 다르면, mine.use 가 끼운 "
                 "앞 장의 조각 가운데 하나가 이 모델에서 다르게 계산하는 것입니다: 맨 위 표에서 '내 코드' 인 조각을 "
                 "하나씩 다시 확인해 보세요.")
    w10, b10, losses10 = _reference_train(X, y, 10, 0.1)
    c.equal("다른 설정 train(X, y, 10, 0.1) 의 (w, b, 마지막 손실)",
            lambda: (run(10, 0.1)[0], run(10, 0.1)[1], run(10, 0.1)[2][-1]),
            expected=(w10, b10, losses10[-1]), rtol=1e-3, atol=1e-4,
            hint="steps 와 lr 인자를 그대로 쓰세요.")
    return c.done()
