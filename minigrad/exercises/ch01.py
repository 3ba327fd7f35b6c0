"""Checks for exercises/01_tensors.ipynb (chapter 01: tensors, dtypes, printing).

Every expected value comes from minigrad itself at check time (its printing and its arithmetic), so
the learner's rule is compared with what ``print(torch.tensor(...))`` and ``(t + 2.5).dtype`` really do.
"""
import math

import numpy as np

import minigrad as torch
from minigrad.exercises.feedback import Check
from minigrad.printing import _Formatter

__all__ = ["check_choose_mode", "check_format_vector", "check_result_dtype", "MODE_CASES", "VECTOR_CASES",
           "DTYPE_CASES"]

NAN, INF = float("nan"), float("inf")

# (values, what the case is about); the learner receives t.tolist() of a float32 tensor
MODE_CASES = [
    ([1.0, 2.0, 3.0], "모두 정수인 값"),
    ([1.5, 2.25, 100.0], "소수가 섞인 값"),
    ([5.12e1, 5.12e2, 5.12e-2], "가장 큰 값 / 가장 작은 값 > 1000"),
    ([0.0, 0.0], "모두 0"),
    ([NAN, 1.0, INF], "nan 과 inf 는 판단에서 빠짐"),
    ([NAN, 1.5], "nan 옆의 소수"),
    ([0.0, 0.001, 0.5], "0 은 판단에서 빠짐"),
    ([1e-5, 1.0], "절댓값이 1e-4 보다 작은 값"),
    ([0.0001], "0.0001 (float32 로는 1e-4 보다 조금 작음)"),
    ([1e9], "절댓값이 1e8 보다 큰 값"),
    ([1000.0, 1.0], "비율이 정확히 1000"),
    ([1001.0, 1.0], "비율이 1000 보다 큼"),
    ([-1.0, 2.5], "음수가 섞인 소수"),
    ([-2000.0, 1.0], "음수의 절댓값으로 비율 계산"),
    ([INF, 2.0, 3.0], "inf 옆의 정수"),
    ([123456789.0], "1.2346e+08"),
    ([12345.678], "큰 소수"),
    ([-0.5, 0.25], "음수 소수"),
]

VECTOR_CASES = [
    [1.0, 2.0, 3.0],
    [1.5, 2.25, 100.0],
    [5.12e1, 5.12e2, 5.12e-2],
    [0.0, 0.0],
    [NAN, 1.0, INF],
    [NAN, 1.5],
    [-1.0, 2.5],
    [1000.0, 1.0],
    [1001.0, 1.0],
    [-2000.0, 1.0, 0.0],
    [-0.5, 0.25, 10.0],
    [1e-5],
    [12345.678, 0.5],
    [2.0],
]

DTYPE_CASES = [
    (torch.float32, 2), (torch.float32, 2.5), (torch.float32, True),
    (torch.float64, 2.5), (torch.float64, 3), (torch.float16, 1.5),
    (torch.int64, 2), (torch.int64, 2.5), (torch.int64, True),
    (torch.int32, 5), (torch.int32, 2.5), (torch.int16, -3),
    (torch.bool, 1), (torch.bool, 1.5), (torch.bool, True), (torch.bool, 0.0),
]


def _stored(values):
    """The values as a float32 tensor stores them (what t.tolist() gives)."""
    return torch.tensor(values).tolist()


def _real_mode(values):
    fmt = _Formatter(np.asarray(values, dtype=np.float32))
    return "sci" if fmt.sci_mode else ("int" if fmt.int_mode else "fixed")


def _show_values(values):
    return "[" + ", ".join("nan" if math.isnan(v) else repr(v) for v in values) + "]"


def check_choose_mode(choose_mode):
    """Task 1: choose_mode(values) -> "int" | "fixed" | "sci", as PyTorch's formatter decides."""
    c = Check("과제 1: 출력 형식 고르기 (int / fixed / sci)")
    hints = {
        "int": "0·nan·inf 를 뺀 값이 모두 정수(v == ceil(v))이면 'int' 입니다. 판단에서 0·nan·inf 를 빼는지 확인하세요.",
        "fixed": "소수가 있고 지수 표기 조건(비율 > 1000, 최댓값 > 1e8, 최솟값 < 1e-4)에 걸리지 않으면 'fixed' 입니다. "
                 "조건은 절댓값으로, 0·nan·inf 를 뺀 값으로 따집니다.",
        "sci": "0·nan·inf 를 뺀 값의 절댓값에서 최댓값/최솟값 > 1000, 최댓값 > 1e8, 최솟값 < 1e-4 중 하나라도 맞으면 "
               "'sci' 입니다 (정수뿐이어도 sci 가 이깁니다).",
    }
    for values, about in MODE_CASES:
        stored = _stored(values)
        expected = _real_mode(values)
        c.equal(f"{about}: {_show_values(values)} → 출력 {torch.tensor(values)!r}",
                lambda v=stored: choose_mode(list(v)), expected, hints[expected])
    return c.done()


def check_format_vector(format_vector):
    """Task 2: format_vector(values) -> the exact text print(torch.tensor(values)) shows (1-D, short)."""
    c = Check("과제 2: 1차원 텐서 출력 문자열 만들기")
    for values in VECTOR_CASES:
        stored = _stored(values)
        expected = repr(torch.tensor(values))
        mode = _real_mode(values)
        hint = {"int": "정수 모드: 각 값은 f'{v:.0f}' 뒤에 '.' (nan/inf 에는 점을 붙이지 않음).",
                "fixed": "고정 소수점: f'{v:.4f}'.",
                "sci": "지수 표기: f'{v:.4e}'."}[mode]
        hint += " 폭은 0·nan·inf 를 뺀 값들의 문자열 중 가장 긴 것(정수 모드는 점 포함)이고, 모든 원소를 그 폭에 맞춰 " \
                "오른쪽 정렬한 뒤 ', ' 로 잇습니다."
        c.equal(f"torch.tensor({_show_values(values)}) ({mode})", lambda v=stored: format_vector(list(v)), expected, hint)
    return c.done()


def _real_dtype(d, scalar):
    return (torch.ones(2, dtype=d) + scalar).dtype


def check_result_dtype(result_dtype):
    """Task 3: result_dtype(tensor_dtype, scalar) -> the dtype of ``tensor op scalar``."""
    c = Check("과제 3: 텐서 dtype 과 파이썬 숫자의 승격 규칙")
    for d, scalar in DTYPE_CASES:
        expected = _real_dtype(d, scalar)
        if expected == d:
            hint = "파이썬 숫자의 종류(bool < 정수 < 실수)가 텐서보다 높지 않으면 텐서의 dtype 이 그대로 유지됩니다."
        elif expected == torch.float32:
            hint = "정수·bool 텐서에 파이썬 실수가 오면 float64 가 아니라 기본 실수 dtype 인 torch.float32 가 됩니다."
        else:
            hint = "bool 텐서에 파이썬 정수가 오면 정수의 기본 dtype 인 torch.int64 가 됩니다."
        c.equal(f"torch.ones(2, dtype={d!r}) + {scalar!r} 의 dtype", lambda d=d, s=scalar: result_dtype(d, s),
                expected, hint)
    t = torch.tensor([1, 2, 3])
    c.equal("torch.tensor([1, 2, 3]) * 1.5 의 dtype 을 미리 맞히기", lambda: result_dtype(t.dtype, 1.5),
            (t * 1.5).dtype, "정수 텐서 × 파이썬 실수 → torch.float32.")
    return c.done()
