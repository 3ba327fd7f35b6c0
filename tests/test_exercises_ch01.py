"""Chapter 01 checks: pass on the reference solution, and each typical wrong answer gets the hint that
names its mistake."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import minigrad as torch  # noqa: E402
from minigrad.accumulate import AccumulateGrad, accumulator_of as leaf_node  # noqa: E402
from minigrad.exercises import ch01  # noqa: E402

RIGHT = {"a": (False, True, None), "b": (True, True, None), "c": (False, True, None),
         "d": (True, False, "MulBackward0"), "e": (True, False, "AddBackward0"), "f": (True, True, None)}


def gradient_edge(t):
    if t.grad_fn is not None:
        return (t.grad_fn, t.output_nr)
    if t.requires_grad:
        return (leaf_node(t), 0)
    return (None, 0)


def _failed(result):
    return [f.description for f in result.failures]


def _hints(result):
    return " ".join(f.hint for f in result.failures)


# ------------------------------------------------------------------ task 1
def test_fields_pass_on_the_solution():
    assert ch01.check_fields(lambda: dict(RIGHT)).passed


@pytest.mark.parametrize("name, wrong, words", [
    ("c", (True, False, "MulBackward0"), "추적되지 않으므로"),     # thinks every result is recorded
    ("e", (False, True, None), "입력 하나(d)만 추적되어도"),         # thinks one untracked input stops it
    ("f", (True, False, None), "과거는 기록하지 않습니다"),          # thinks requires_grad_ makes a non-leaf
    ("d", (True, False, "MulBackward"), "MulBackward0"),          # the name without its number
    ("a", (None, True, None), "기본값 False"),                    # requires_grad left as None
])
def test_fields_wrong_prediction_gets_the_reason(name, wrong, words):
    table = dict(RIGHT, **{name: wrong})
    result = ch01.check_fields(lambda: table)
    assert _failed(result) == [f"{name}: (requires_grad, is_leaf, grad_fn)"]
    assert words in _hints(result)


def test_fields_missing_name_and_bad_shape_are_reported_as_errors():
    result = ch01.check_fields(lambda: {k: v for k, v in RIGHT.items() if k != "b"})
    assert result.failures[0].kind == "error" and "'b'" in result.failures[0].reason
    result = ch01.check_fields(lambda: dict(RIGHT, a=[False, True, None]))
    assert "튜플" in result.failures[0].reason


def test_fields_stub_is_not_implemented():
    def stub():
        raise NotImplementedError()
    assert ch01.check_fields(stub).status == "not_implemented"


def test_the_program_the_check_runs_is_the_one_it_shows():
    tensors = ch01.run_fields_program()
    assert {n: (t.requires_grad, t.is_leaf, t.grad_fn and t.grad_fn.name()) for n, t in tensors.items()} == RIGHT


# ------------------------------------------------------------------ task 2
def test_gradient_edge_passes_on_the_solution():
    assert ch01.check_gradient_edge(gradient_edge).passed


def always_grad_fn(t):                      # forgets leaves: (None, 0) for x too
    return (t.grad_fn, t.output_nr)


def new_node_each_time(t):                  # makes a fresh AccumulateGrad instead of the leaf's one
    if t.grad_fn is not None:
        return (t.grad_fn, t.output_nr)
    return (AccumulateGrad(t), 0) if t.requires_grad else (None, 0)


def number_always_zero(t):                  # ignores output_nr
    if t.grad_fn is not None:
        return (t.grad_fn, 0)
    return (leaf_node(t), 0) if t.requires_grad else (None, 0)


def every_leaf_accumulates(t):              # forgets to look at requires_grad
    if t.grad_fn is not None:
        return (t.grad_fn, t.output_nr)
    return (leaf_node(t), 0)


def node_only(t):                           # returns the node, not the pair
    return gradient_edge(t)[0]


@pytest.mark.parametrize("wrong, failed, words", [
    (always_grad_fn, "requires_grad=True 인 잎 x", "leaf_node(t)"),
    (new_node_each_time, "같은 잎에 두 번 물으면 같은 노드", "새로 만들지 말고"),
    (number_always_zero, "두 번째 출력", "t.output_nr"),
    (every_leaf_accumulates, "requires_grad=False 인 텐서", "(None, 0)"),
])
def test_gradient_edge_wrong_answer_gets_its_hint(wrong, failed, words):
    result = ch01.check_gradient_edge(wrong)
    assert not result.passed
    first = result.failures[0]
    assert failed in first.description, _failed(result)
    assert words in first.hint


def test_gradient_edge_not_a_pair_says_so():
    result = ch01.check_gradient_edge(node_only)
    assert "튜플" in result.failures[0].reason


def test_gradient_edge_wrong_piece_also_breaks_the_engine_case():
    result = ch01.check_gradient_edge(always_grad_fn)
    assert any("중심 예제" in d for d in _failed(result))
    assert torch.is_grad_enabled()          # the check put minigrad's own piece back
    x = torch.ones(2, requires_grad=True)
    (x * 2).sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]
