"""Exercise 08 checks: pass on the reference solutions, fail with the right message on typical wrong answers."""
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import minigrad as torch  # noqa: E402
from minigrad.exercises import ch08  # noqa: E402
from minigrad.exercises.feedback import NOT_IMPLEMENTED  # noqa: E402


# ------------------------------------------------------------------ task 1: BCE-with-logits backward
def bce_class(backward):
    class BCEWithLogits(torch.autograd.Function):
        @staticmethod
        def forward(ctx, z, y):
            ctx.save_for_backward(z, y)
            loss = z.clamp(min=0) - z * y + torch.log(1 + torch.exp(-z.abs()))
            return loss.mean()

    BCEWithLogits.backward = staticmethod(backward)
    return BCEWithLogits


def bce_right(ctx, grad_output):
    z, y = ctx.saved_tensors
    return grad_output * (torch.sigmoid(z) - y) / z.numel(), None


def bce_no_mean(ctx, grad_output):
    z, y = ctx.saved_tensors
    return grad_output * (torch.sigmoid(z) - y), None


def bce_sign(ctx, grad_output):
    z, y = ctx.saved_tensors
    return grad_output * (y - torch.sigmoid(z)) / z.numel(), None


def bce_no_grad_output(ctx, grad_output):
    z, y = ctx.saved_tensors
    return (torch.sigmoid(z) - y) / z.numel(), None


def bce_unstable(ctx, grad_output):
    z, y = ctx.saved_tensors
    s = torch.exp(z) / (1 + torch.exp(z))       # inf / inf = nan for large z
    return grad_output * (s - y) / z.numel(), None


def bce_stub(ctx, grad_output):
    raise NotImplementedError()


def run(check, arg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # numpy's overflow warnings from the unstable answer
        return check(arg)


def test_bce_reference_passes(capsys):
    result = run(ch08.check_bce_backward, bce_class(bce_right))
    assert result.status == "passed", result.text
    assert result.total == 7
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, failing, fragment", [
    (bce_no_mean, "[1/7] 벡터: z=[-1, 0, 2]", "원소 수 N 으로 나누고"),
    (bce_sign, "[1/7] 벡터: z=[-1, 0, 2]", "σ(z) − y"),
    (bce_no_grad_output, "[5/7] 손실에 3 을 곱한 뒤", "grad_output"),
    (bce_unstable, "[3/7] |z| 가 아주 큰 로짓", "기대값: tensor([ 0.0000, -0.2500,  0.2500,  0.0000])"),
])
def test_bce_wrong_answers(wrong, failing, fragment):
    result = run(ch08.check_bce_backward, bce_class(wrong))
    assert result.status == "failed"
    assert failing in result.text and fragment in result.text, result.text


def test_bce_without_grad_output_fails_only_the_scaled_case():
    result = run(ch08.check_bce_backward, bce_class(bce_no_grad_output))
    assert [f.number for f in result.failures] == [5], result.text


def test_bce_stub_not_implemented():
    result = run(ch08.check_bce_backward, bce_class(bce_stub))
    assert result.status == "not_implemented" and NOT_IMPLEMENTED in result.text


# ------------------------------------------------------------------ task 2: sgd_step
def sgd_right(params, lr):
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            p -= lr * p.grad
            p.grad.zero_()


def sgd_no_no_grad(params, lr):
    for p in params:
        if p.grad is None:
            continue
        p -= lr * p.grad
        p.grad.zero_()


def sgd_rebind(params, lr):
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            p = p - lr * p.grad  # noqa: PLW2901 - the typical mistake
            p.grad = None


def sgd_no_zero(params, lr):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p -= lr * p.grad


def sgd_no_skip(params, lr):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()


def sgd_grad_none(params, lr):
    """Also right: zeroing by setting grad to None (what optimizer.zero_grad() does by default)."""
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p.sub_(lr * p.grad)
                p.grad = None


def sgd_stub(params, lr):
    raise NotImplementedError()


@pytest.mark.parametrize("answer", [sgd_right, sgd_grad_none])
def test_sgd_reference_passes(answer):
    result = ch08.check_sgd_step(answer)
    assert result.status == "passed", result.text
    assert result.total == 6


@pytest.mark.parametrize("wrong, failing, fragment", [
    (sgd_no_no_grad, "규칙 1", "with torch.no_grad(): 블록 안에"),
    (sgd_rebind, "규칙 1", "p = p - lr * p.grad 는 지역 이름 p"),
    (sgd_no_zero, "규칙 2", "p.grad.zero_()"),
    (sgd_no_skip, "규칙 4", "if p.grad is None: continue"),
])
def test_sgd_wrong_answer_gets_the_hint_for_its_mistake(wrong, failing, fragment):
    result = ch08.check_sgd_step(wrong)
    assert result.status == "failed"
    first = result.failures[0]
    assert first.description.startswith(failing), result.text
    assert fragment in first.hint, first.hint


@pytest.mark.parametrize("wrong", [sgd_no_no_grad, sgd_rebind, sgd_no_zero, sgd_no_skip])
def test_sgd_hints_never_repeat_and_never_miss(wrong):
    result = ch08.check_sgd_step(wrong)
    hints = [f.hint for f in result.failures]
    assert all(hints) and len(set(hints)) == len(hints), hints


def test_sgd_rebound_name_is_not_told_to_call_zero():
    result = ch08.check_sgd_step(sgd_rebind)
    assert not any("zero_()" in f.hint and "새로 묶인" not in f.hint for f in result.failures), result.text


def test_sgd_no_zero_also_breaks_second_step():
    result = ch08.check_sgd_step(sgd_no_zero)
    assert {f.description[:4] for f in result.failures} == {"규칙 2", "규칙 1"}, result.text
    assert "기대값: (tensor([0.6400, 1.2800]), tensor(-0.1000))" in result.text
    assert "규칙 2 를 확인하세요" in result.text


def test_sgd_stub_not_implemented():
    assert ch08.check_sgd_step(sgd_stub).status == "not_implemented"


# ------------------------------------------------------------------ task 3: train
def make_train(update="right", record="each", fixed_lr=None):
    def train(X, y, steps, lr):
        lr = fixed_lr if fixed_lr is not None else lr
        w = torch.zeros(2, 1, requires_grad=True)
        b = torch.zeros(1, requires_grad=True)
        losses = []
        for step in range(steps):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(X @ w + b, y)
            loss.backward()
            with torch.no_grad():
                for p in (w, b):
                    if update == "ascent":
                        p += lr * p.grad
                    else:
                        p -= lr * p.grad
                    if update != "no_zero":
                        p.grad.zero_()
            if record == "each" or step == steps - 1:
                losses.append(loss.item())
        return w, b, losses
    return train


def train_with_optim(X, y, steps, lr):
    w = torch.zeros(2, 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(X @ w + b, y)
        loss.backward()
        opt.step()
        losses.append(loss)                       # tensors are accepted too
    return w, b, losses


def train_stub(X, y, steps, lr):
    raise NotImplementedError()


@pytest.mark.parametrize("answer", [make_train(), train_with_optim])
def test_train_reference_passes(answer):
    result = ch08.check_train(answer)
    assert result.status == "passed", result.text
    assert result.total == 7


@pytest.mark.parametrize("wrong, failing, fragment", [
    (make_train(update="no_zero"), "[3/7] 손실이 걸음마다 줄어듦", "매 걸음 기울기를 0 으로"),
    (make_train(update="ascent"), "[3/7] 손실이 걸음마다 줄어듦", "−lr · grad"),
    (make_train(record="last"), "[1/7] train(X, y, 100, 0.5) 의 손실 기록 개수", "기대값: 100"),
    (make_train(fixed_lr=0.5), "[7/7] 다른 설정 train(X, y, 10, 0.1)", "steps 와 lr 인자를"),
])
def test_train_wrong_answers(wrong, failing, fragment):
    result = ch08.check_train(wrong)
    assert result.status == "failed"
    assert failing in result.text and fragment in result.text, result.text


def test_train_stub_not_implemented():
    assert ch08.check_train(train_stub).status == "not_implemented"


def test_make_data_is_fixed():
    X, y = ch08.make_data()
    assert tuple(X.shape) == (200, 2) and tuple(y.shape) == (200, 1)
    assert str(X.dtype) == "torch.float32"
    X2, _ = ch08.make_data()
    assert bool((X == X2).all())
    assert float(y.sum().item()) == 100.0
