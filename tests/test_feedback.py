"""minigrad.exercises.feedback: Korean reports that never raise and never show a traceback."""
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from minigrad.exercises import NOT_IMPLEMENTED, Check, CheckResult, run_checks  # noqa: E402

torch = pytest.importorskip("torch")


class Duck:
    """A tensor-like object offering only .numpy()/.tolist() (as minigrad's Tensor does) and a PyTorch repr."""

    def __init__(self, values):
        self.array = np.asarray(values, dtype=np.float32)
        self.shape = self.array.shape

    def numpy(self):
        return self.array

    def tolist(self):
        return self.array.tolist()

    def __repr__(self):
        return f"tensor({self.array.tolist()})"


def mul_grads(backward):
    """Run a learner's Mul backward inside real torch autograd; return (x.grad, y.grad)."""
    class MyMul(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            return a * b

        @staticmethod
        def backward(ctx, grad_output):
            return backward(ctx, grad_output)

    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.tensor([3.0, 4.0], requires_grad=True)
    MyMul.apply(x, y).sum().backward()
    return x.grad, y.grad


def check_mul(backward):
    c = Check("과제 2: Mul 의 역전파")
    c.equal("벡터: x=[1, 2], y=[3, 4] 에서 (x.grad, y.grad)", lambda: mul_grads(backward),
            expected=(torch.tensor([3.0, 4.0]), torch.tensor([1.0, 2.0])),
            hint="∂(x·y)/∂x = y 입니다. grad_output 을 곱하는 것도 잊지 마세요.")
    c.equal("기울기는 None 이 아님", lambda: mul_grads(backward)[0] is None, False)
    return c.done()


def right(ctx, g):
    a, b = ctx.saved_tensors
    return g * b, g * a


def swapped(ctx, g):
    a, b = ctx.saved_tensors
    return g * a, g * b


def stub(ctx, g):
    # YOUR CODE HERE
    raise NotImplementedError()


def broken(ctx, g):
    a, b = ctx.saved_tensors
    return g * b.reshape(3), g * a  # learner bug on this line


def test_pass(capsys):
    result = check_mul(right)
    out = capsys.readouterr().out
    assert isinstance(result, CheckResult) and result.passed and bool(result)
    assert result.status == "passed" and result.failures == [] and result.total == 2
    assert out == "✅ 과제 2: Mul 의 역전파 — 통과! (검사 2개 모두 맞았습니다)\n" == result.text + "\n"


def test_failure_shows_expected_got_and_hint(capsys):
    result = check_mul(swapped)
    out = capsys.readouterr().out
    assert not result.passed and result.status == "failed" and len(result.failures) == 1
    assert out.splitlines() == [
        "❌ 과제 2: Mul 의 역전파 — 검사 2개 중 1개가 맞지 않습니다.",
        "",
        "[1/2] 벡터: x=[1, 2], y=[3, 4] 에서 (x.grad, y.grad)",
        "  기대값: (tensor([3., 4.]), tensor([1., 2.]))",
        "  실제값: (tensor([1., 2.]), tensor([3., 4.]))",
        "  차이:   1번째 값 — 값이 다릅니다 (가장 큰 차이 2).",
        "  힌트:   ∂(x·y)/∂x = y 입니다. grad_output 을 곱하는 것도 잊지 마세요.",
    ]
    failure = result.failures[0]
    assert failure.number == 1 and failure.kind == "wrong" and "grad_output" in failure.hint


def test_not_implemented_is_reported_and_stops(capsys):
    calls = []
    c = Check("과제 3")
    c.equal("첫 번째", lambda: 1, 1)
    c.equal("두 번째", lambda: stub(None, None), 1)
    c.equal("세 번째", lambda: calls.append(1), None)
    result = c.done()
    out = capsys.readouterr().out
    assert calls == [] and result.status == "not_implemented" and not result.passed
    assert NOT_IMPLEMENTED in out and "Traceback" not in out
    assert "⏳ 아직 구현하지 않았습니다 — 위 셀의 `# YOUR CODE HERE` 부분을 채운 뒤 다시 실행하세요." in out
    assert "두 번째" in out
    # through torch's engine as well
    assert check_mul(stub).status == "not_implemented"


def test_other_exception_without_traceback(capsys):
    result = check_mul(broken)
    out = capsys.readouterr().out
    assert result.status == "failed" and result.failures[0].kind == "error"
    assert "Traceback" not in out and 'File "' not in out
    assert "실행 중 오류: RuntimeError: shape '[3]' is invalid for input of size 2" in out
    line = broken.__code__.co_firstlineno + 2
    assert f"위치: 여러분의 코드 {line}번째 줄 → return g * b.reshape(3), g * a  # learner bug on this line" in out
    assert "힌트:" in out


def test_not_implemented_with_a_message_is_an_error(capsys):
    def unsupported():
        raise NotImplementedError("this op is not supported")
    result = run_checks("과제", [("op", unsupported, 1)])
    out = capsys.readouterr().out
    assert result.status == "failed" and NOT_IMPLEMENTED not in out
    assert "NotImplementedError: this op is not supported" in out


def test_output_is_deterministic(capsys):
    texts = []
    for _ in range(3):
        for backward in (right, swapped, stub, broken):
            check_mul(backward)
        texts.append(capsys.readouterr().out)
    assert texts[0] == texts[1] == texts[2]
    assert "0x" not in texts[0]


@pytest.mark.parametrize("got, expected", [
    (torch.tensor([1.0, 2.0], requires_grad=True), [1.0, 2.0]),  # needs .detach()
    (Duck([1.0, 2.0]), np.array([1.0, 2.0])),
    (np.float32(0.1) * 3, 0.3),
    (None, None),
    ((torch.tensor(1.0), None), (1.0, None)),
    ([[1, 2], [3, 4]], torch.tensor([[1, 2], [3, 4]])),
    (torch.tensor([True, False]), [True, False]),
    ("MulBackward0", "MulBackward0"),
    (torch.tensor(1.0 + 1e-7), torch.tensor(1.0)),
])
def test_equal_accepts(got, expected, capsys):
    assert run_checks("t", [("c", lambda: got, expected)]).passed


@pytest.mark.parametrize("got, expected, reason", [
    (torch.ones(2, 3), np.ones(3), "모양(shape)이 다릅니다: 기대 (3,), 실제 (2, 3)."),
    (torch.tensor([1.0]), 1.0, "모양(shape)이 다릅니다: 기대 (), 실제 (1,)."),
    (None, torch.tensor(1.0), "None 이 나왔습니다."),
    (torch.tensor(1.0), None, "None 이 나와야 합니다."),
    ((1.0,), (1.0, 2.0), "개수가 다릅니다: 기대 2개, 실제 1개."),
    (Duck([1.0, 2.5]), [1.0, 2.0], "값이 다릅니다 (가장 큰 차이 0.5)."),
    ("AddBackward0", "MulBackward0", "값이 다릅니다."),
    (torch.tensor([True, True]), [True, False], "값이 다릅니다."),
])
def test_equal_rejects(got, expected, reason, capsys):
    result = run_checks("t", [("c", lambda: got, expected, "힌트")])
    out = capsys.readouterr().out
    assert not result.passed and result.failures[0].reason == reason and f"차이:   {reason}" in out


def test_multiline_tensors_are_aligned(capsys):
    run_checks("t", [("c", lambda: torch.zeros(2, 2), torch.ones(2, 2))])
    out = capsys.readouterr().out
    assert "  실제값: tensor([[0., 0.],\n                  [0., 0.]])" in out


def test_true_and_raises(capsys):
    def backward_twice():
        x = torch.tensor(2.0, requires_grad=True)
        y = x * x
        y.backward()
        y.backward()

    c = Check("과제 7")
    assert c.true("잎 텐서", lambda: torch.tensor(1.0, requires_grad=True).is_leaf)
    assert c.raises("두 번 역전파", backward_twice, RuntimeError, match="second time")
    assert not c.raises("오류가 나야 함", lambda: 3, RuntimeError, hint="retain_graph")
    assert not c.raises("메시지", backward_twice, RuntimeError, match="없는 문구")
    assert not c.true("거짓", lambda: 0)
    result = c.done()
    out = capsys.readouterr().out
    assert [f.number for f in result.failures] == [3, 4, 5]
    assert "예외가 나와야 하는데 나오지 않았습니다." in out and "예외 메시지가 다릅니다." in out
    assert "기대값: RuntimeError ('없는 문구' 를 포함하는 메시지)" in out
    assert "실제값: RuntimeError: Trying to backward through the graph a second time" in out
    assert "기대값: True\n  실제값: 0\n  차이:   조건이 성립하지 않습니다." in out


def test_raises_still_reports_the_stub(capsys):
    c = Check("t")
    c.raises("아직", lambda: stub(None, None), Exception)
    assert c.done().status == "not_implemented"


def test_context_manager_never_raises(capsys):
    with Check("과제") as c:
        c.equal("하나", lambda: 1, 1)
        raise ValueError("준비 중 오류")
    out = capsys.readouterr().out
    assert c.result.status == "failed" and "[2/2] 검사 준비" in out
    assert "실행 중 오류: ValueError: 준비 중 오류" in out and "Traceback" not in out
    with Check("과제") as c:
        stub(None, None)
    assert c.result.status == "not_implemented"
    assert c.done() is c.result  # done() prints once
    assert capsys.readouterr().out.count("📝 과제") == 1


def test_result_displays_nothing_in_jupyter():
    result = run_checks("t", [])
    assert result._ipython_display_() is None
    assert "passed=True" in repr(result)
