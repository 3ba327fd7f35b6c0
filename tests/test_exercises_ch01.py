"""Chapter 01 checks: pass on the reference solution, fail with the right message on typical wrong answers."""
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import minigrad as torch  # noqa: E402
from minigrad.exercises import ch01  # noqa: E402


# ------------------------------------------------------------------ reference solutions
def choose_mode(values):
    finite = [abs(v) for v in values if math.isfinite(v) and v != 0]
    if not finite:
        return "int"
    lo, hi = min(finite), max(finite)
    if hi / lo > 1000 or hi > 1e8 or lo < 1e-4:
        return "sci"
    return "int" if all(v == math.ceil(v) for v in finite) else "fixed"


def _one(v, mode):
    if mode == "sci":
        return f"{v:.4e}"
    if mode == "int":
        return f"{v:.0f}" + ("" if math.isnan(v) or math.isinf(v) else ".")
    return f"{v:.4f}"


def format_vector(values, mode_fn=choose_mode, pad=True, width_from_all=False):
    mode = mode_fn(values)
    texts = [_one(v, mode) for v in values]
    keep = [t for v, t in zip(values, texts) if width_from_all or (math.isfinite(v) and v != 0)]
    width = max([1] + [len(t) for t in keep])
    return "tensor([" + ", ".join(t.rjust(width) if pad else t for t in texts) + "])"


def _kind(d):
    return 0 if d == torch.bool else (2 if d.is_floating_point else 1)


def result_dtype(tensor_dtype, scalar):
    if isinstance(scalar, bool):
        kind, default = 0, torch.bool
    elif isinstance(scalar, int):
        kind, default = 1, torch.int64
    else:
        kind, default = 2, torch.float32
    return default if kind > _kind(tensor_dtype) else tensor_dtype


# ------------------------------------------------------------------ typical wrong answers
def mode_keeps_zeros(values):             # zeros (and nan) take part in min/max
    finite = [abs(v) for v in values if not math.isnan(v)]
    lo, hi = min(finite), max(finite)
    if lo == 0 or hi / lo > 1000 or hi > 1e8 or lo < 1e-4:
        return "sci"
    return "int" if all(v == math.ceil(v) for v in finite) else "fixed"


def mode_no_abs(values):                  # signed min/max
    finite = [v for v in values if math.isfinite(v) and v != 0]
    if not finite:
        return "int"
    lo, hi = min(finite), max(finite)
    if (lo > 0 and hi / lo > 1000) or hi > 1e8 or 0 < lo < 1e-4:
        return "sci"
    return "int" if all(v == math.ceil(v) for v in finite) else "fixed"


def mode_ge_1000(values):                 # >= instead of >
    finite = [abs(v) for v in values if math.isfinite(v) and v != 0]
    if not finite:
        return "int"
    lo, hi = min(finite), max(finite)
    if hi / lo >= 1000 or hi > 1e8 or lo < 1e-4:
        return "sci"
    return "int" if all(v == math.ceil(v) for v in finite) else "fixed"


def mode_int_first(values):               # integer test before the scientific test
    finite = [abs(v) for v in values if math.isfinite(v) and v != 0]
    if not finite or all(v == math.ceil(v) for v in finite):
        return "int"
    lo, hi = min(finite), max(finite)
    return "sci" if hi / lo > 1000 or hi > 1e8 or lo < 1e-4 else "fixed"


def dtype_numpy_rule(tensor_dtype, scalar):   # numpy: int64 array * 2.5 -> float64
    if isinstance(scalar, float) and not tensor_dtype.is_floating_point:
        return torch.float64
    return result_dtype(tensor_dtype, scalar)


def dtype_always_tensor(tensor_dtype, scalar):
    return tensor_dtype


def dtype_scalar_wins(tensor_dtype, scalar):  # the Python number always decides
    return torch.bool if isinstance(scalar, bool) else (torch.int64 if isinstance(scalar, int) else torch.float32)


# ------------------------------------------------------------------ tests
def test_reference_solutions_pass():
    assert ch01.check_choose_mode(choose_mode).status == "passed"
    assert ch01.check_format_vector(format_vector).status == "passed"
    assert ch01.check_result_dtype(result_dtype).status == "passed"


def test_cases_cover_the_chapter_examples():
    assert [5.12e1, 5.12e2, 5.12e-2] in [v for v, _ in ch01.MODE_CASES]
    assert repr(torch.tensor([5.12e1, 5.12e2, 5.12e-2])) == "tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])"
    modes = {ch01._real_mode(v) for v, _ in ch01.MODE_CASES}
    assert modes == {"int", "fixed", "sci"}


@pytest.mark.parametrize("wrong, fragment", [
    (mode_keeps_zeros, "0 은 판단에서 빠짐"),
    (mode_no_abs, "음수의 절댓값으로 비율 계산"),
    (mode_ge_1000, "비율이 정확히 1000"),
    (mode_int_first, "비율이 1000 보다 큼"),
    (lambda values: "fixed", "모두 정수인 값"),
])
def test_choose_mode_wrong_answers(wrong, fragment):
    result = ch01.check_choose_mode(wrong)
    assert result.status == "failed"
    assert fragment in result.text
    assert "기대값:" in result.text and "힌트:" in result.text


def test_choose_mode_mentions_what_torch_prints():
    result = ch01.check_choose_mode(lambda values: "int")
    assert "tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])" in result.text
    assert "기대값: 'sci'" in result.text and "실제값: 'int'" in result.text


@pytest.mark.parametrize("wrong, fragment", [
    (lambda values: format_vector(values, pad=False), "오른쪽 정렬"),
    (lambda values: format_vector(values, width_from_all=True), "0·nan·inf 를 뺀 값들의"),
    (lambda values: format_vector(values, mode_fn=mode_int_first), "지수 표기: f'{v:.4e}'"),
    (lambda values: "tensor([" + ", ".join(f"{v:.4f}" for v in values) + "])", "정수 모드"),
])
def test_format_vector_wrong_answers(wrong, fragment):
    result = ch01.check_format_vector(wrong)
    assert result.status == "failed"
    assert fragment in result.text


def test_format_vector_shows_expected_text():
    result = ch01.check_format_vector(lambda values: format_vector(values, pad=False))
    assert "기대값: 'tensor([  1.5000,   2.2500, 100.0000])'" in result.text
    assert "실제값: 'tensor([1.5000, 2.2500, 100.0000])'" in result.text


@pytest.mark.parametrize("wrong, fragment", [
    (dtype_numpy_rule, "float64 가 아니라 기본 실수 dtype 인 torch.float32"),
    (dtype_always_tensor, "torch.ones(2, dtype=torch.int64) + 2.5 의 dtype"),
    (dtype_scalar_wins, "텐서의 dtype 이 그대로 유지됩니다"),
])
def test_result_dtype_wrong_answers(wrong, fragment):
    result = ch01.check_result_dtype(wrong)
    assert result.status == "failed"
    assert fragment in result.text


def test_result_dtype_shows_torch_dtypes():
    result = ch01.check_result_dtype(dtype_numpy_rule)
    assert "기대값: torch.float32" in result.text and "실제값: torch.float64" in result.text


def test_stubs_report_not_implemented():
    def stub(*args):
        raise NotImplementedError()
    for check in (ch01.check_choose_mode, ch01.check_format_vector, ch01.check_result_dtype):
        result = check(stub)
        assert result.status == "not_implemented"
        assert "아직 구현하지 않았습니다" in result.text


def test_crash_is_reported_without_traceback():
    result = ch01.check_choose_mode(lambda values: min(values) / 0)
    assert result.status == "failed"
    assert "실행 중 오류: ZeroDivisionError" in result.text and "Traceback" not in result.text
