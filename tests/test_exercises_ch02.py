"""Chapter 02 checks: pass on the reference solution, fail with the right message on typical wrong answers."""
import sys
from collections import deque
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import minigrad as torch  # noqa: E402
from minigrad import function  # noqa: E402
from minigrad.exercises import ch02  # noqa: E402


# ------------------------------------------------------------------ reference solutions
class MyMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return grad_output * b, grad_output * a


def graph_names(t):
    if t.grad_fn is None:
        return []
    order, seen, queue = [t.grad_fn], {t.grad_fn}, deque([t.grad_fn])
    while queue:
        for child, _ in queue.popleft().next_functions:
            if child is not None and child not in seen:
                seen.add(child)
                order.append(child)
                queue.append(child)
    return [type(n).__name__ for n in order]


def record(ctx, args, output):
    ctx.next_functions = tuple(function.gradient_edge(a) for a in args)
    output.grad_fn = ctx


# ------------------------------------------------------------------ typical wrong answers
class MulSwapped(MyMul):
    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return grad_output * a, grad_output * b


class MulNoGradOutput(MyMul):
    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return b, a


class MulNotSaved(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.a, ctx.b = a, b
        return a * b

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.b, grad_output * ctx.a


class MulOneGradient(MyMul):
    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return grad_output * b


def names_no_dedup(t):
    if t.grad_fn is None:
        return []
    order, queue = [t.grad_fn], deque([t.grad_fn])
    while queue:
        for child, _ in queue.popleft().next_functions:
            if child is not None:
                order.append(child)
                queue.append(child)
    return [type(n).__name__ for n in order]


def names_dfs(t):
    order = []

    def visit(node):
        if node is None or any(node is n for n in order):
            return
        order.append(node)
        for child, _ in node.next_functions:
            visit(child)
    visit(t.grad_fn)
    return [type(n).__name__ for n in order]


def names_stack(t):                       # iterative, but a stack (depth first)
    if t.grad_fn is None:
        return []
    order, seen, stack = [], set(), [t.grad_fn]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        stack.extend(child for child, _ in reversed(node.next_functions) if child is not None)
    return [type(n).__name__ for n in order]


def names_keep_none(t):
    if t.grad_fn is None:
        return []
    order, seen, queue = [t.grad_fn], {t.grad_fn}, deque([t.grad_fn])
    while queue:
        for child, _ in queue.popleft().next_functions:
            if child not in seen:
                seen.add(child)
                order.append(child)
                if child is not None:
                    queue.append(child)
    return [type(n).__name__ for n in order]


def record_tracked_only(ctx, args, output):          # skips arguments that need no gradient
    ctx.next_functions = tuple(function.gradient_edge(a) for a in args if a.requires_grad)
    output.grad_fn = ctx


def record_reversed(ctx, args, output):              # edges in the wrong order
    ctx.next_functions = tuple(function.gradient_edge(a) for a in reversed(args))
    output.grad_fn = ctx


def record_grad_fn_only(ctx, args, output):          # a.grad_fn instead of gradient_edge: leaves get None
    ctx.next_functions = tuple((a.grad_fn, 0) for a in args)
    output.grad_fn = ctx


def record_no_grad_fn(ctx, args, output):            # forgets output.grad_fn
    ctx.next_functions = tuple(function.gradient_edge(a) for a in args)


def record_list(ctx, args, output):                  # a list, not a tuple
    ctx.next_functions = [function.gradient_edge(a) for a in args]
    output.grad_fn = ctx


# ------------------------------------------------------------------ tests
def test_reference_solutions_pass():
    assert ch02.check_my_mul(MyMul).status == "passed"
    assert ch02.check_graph_names(graph_names).status == "passed"
    assert ch02.check_record(record).status == "passed"


def test_minigrad_is_restored_after_checking_a_wrong_record():
    ch02.check_record(record_no_grad_fn)
    x = torch.ones(2, requires_grad=True)
    assert (x * 2).grad_fn is not None and function.record.__module__ == "minigrad.function"


@pytest.mark.parametrize("wrong, fragment", [
    (MulSwapped, "역전파: a=[1, 2], b=[3, 4] 에서 (a.grad, b.grad)"),
    (MulNoGradOutput, "grad_output 이 1 이 아닐 때"),
    (MulNotSaved, "ctx.save_for_backward 로 저장한 텐서"),
    (MulOneGradient, "incorrect number of gradients"),
])
def test_my_mul_wrong_answers(wrong, fragment):
    result = ch02.check_my_mul(wrong)
    assert result.status == "failed"
    assert fragment in result.text
    assert "힌트:" in result.text


def test_my_mul_swapped_shows_values():
    result = ch02.check_my_mul(MulSwapped)
    assert "기대값: (tensor([3., 4.]), tensor([1., 2.]))" in result.text
    assert "실제값: (tensor([1., 2.]), tensor([3., 4.]))" in result.text


@pytest.mark.parametrize("wrong, fragment, hint", [
    (names_no_dedup, "y 를 두 번 사용", "같은 노드 객체를 두 번 넣지 마세요"),
    (names_dfs, "덧셈 3000번의 긴 사슬", "재귀 한도"),
    (names_stack, "너비 우선 순서", "큐(collections.deque)"),
    (names_keep_none, "2 / x", "(None, 0)"),
])
def test_graph_names_wrong_answers(wrong, fragment, hint):
    result = ch02.check_graph_names(wrong)
    assert result.status == "failed"
    assert fragment in result.text and hint in result.text


def test_graph_names_recursion_error_is_reported():
    result = ch02.check_graph_names(names_dfs)
    assert "실행 중 오류: RecursionError" in result.text and "Traceback" not in result.text
    assert [f.number for f in result.failures] == [6, 10]   # order, then depth


def test_graph_names_without_dedup_shows_lists():
    result = ch02.check_graph_names(names_no_dedup)
    assert ("기대값: ['MeanBackward0', 'MulBackward0', 'MulBackward0', 'AddBackward0', 'AccumulateGrad']"
            in result.text)


@pytest.mark.parametrize("wrong, failed, words", [
    (record_tracked_only, "x * w (x 만 추적)", "추적하지 않는 w 도 자기 칸"),
    (record_reversed, "x * w (x 만 추적)", "인자의 순서대로"),
    (record_grad_fn_only, "x * w (x 만 추적)", "gradient_edge(a)"),
    (record_no_grad_fn, "x * w (x 만 추적)", "output.grad_fn 에 ctx"),
    (record_list, "x * w (x 만 추적)", "튜플"),
])
def test_record_wrong_answers_get_their_hint(wrong, failed, words):
    result = ch02.check_record(wrong)
    assert result.status == "failed"
    first = result.failures[0]
    assert failed in first.description
    assert words in first.hint + first.reason


def test_stubs_report_not_implemented():
    class Stub(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            raise NotImplementedError()

        @staticmethod
        def backward(ctx, grad_output):
            raise NotImplementedError()

    def stub(*args):
        raise NotImplementedError()
    for result in (ch02.check_my_mul(Stub), ch02.check_graph_names(stub), ch02.check_record(stub)):
        assert result.status == "not_implemented"
        assert "아직 구현하지 않았습니다" in result.text
