"""Exercise 06 checks: pass on the reference solution, fail with the right message on typical mistakes."""
import functools

import minigrad as torch
from minigrad.exercises import ch06
from minigrad.grad_mode import _state


# ----------------------------------------------------------------------------- reference solutions
class MyNoGrad:
    def __enter__(self):
        self.prev = _state.enabled
        _state.enabled = False
        return self

    def __exit__(self, exc_type, exc, tb):
        _state.enabled = self.prev
        return False

    def __call__(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with MyNoGrad():
                return func(*args, **kwargs)
        return wrapper


def freeze(params):
    for p in params:
        p.requires_grad_(False)
        p.grad = None


def sgd_step(params, lr):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p -= lr * p.grad


def failed(result, *fragments):
    assert result.status == "failed", result.text
    for fragment in fragments:
        assert fragment in result.text, (fragment, result.text)
    assert _state.enabled is True   # a broken learner context never leaks out of the check


# ----------------------------------------------------------------------------- task 1
def test_no_grad_reference_passes():
    assert ch06.check_no_grad(MyNoGrad).passed


def test_no_grad_exit_sets_true_fails_nesting():
    class AlwaysTrue(MyNoGrad):
        def __exit__(self, exc_type, exc, tb):
            _state.enabled = True
            return False
    result = ch06.check_no_grad(AlwaysTrue)
    failed(result, "중첩", "기대값: (False, True)", "실제값: (True, True)", "기억한 값으로 되돌리세요",
           "torch.no_grad() 안에서")


def test_no_grad_swallowing_exceptions_fails():
    class Swallow(MyNoGrad):
        def __exit__(self, exc_type, exc, tb):
            _state.enabled = self.prev
            return True
    failed(ch06.check_no_grad(Swallow), "예외를 삼키지 않음", "예외가 나와야 하는데 나오지 않았습니다",
           "False(또는 None)")


def test_no_grad_decorator_without_finally_fails():
    class NoFinally(MyNoGrad):
        def __call__(self, func):
            def wrapper(*args, **kwargs):
                prev = _state.enabled
                _state.enabled = False
                out = func(*args, **kwargs)
                _state.enabled = prev
                return out
            return wrapper
    failed(ch06.check_no_grad(NoFinally), "이름 유지", "'predict'", "데코레이터: 함수가 예외를 내도 되돌림",
           "try/finally")


def test_no_grad_that_does_nothing_fails_the_chapter_examples():
    class Nothing:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def __call__(self, func):
            return func
    failed(ch06.check_no_grad(Nothing), "06장의 예제: 블록 안의 y", "06장의 예제: 블록 안에서 만든 y", "_state.enabled 를 False")


def test_no_grad_untouched_stub():
    class Stub:
        def __enter__(self):
            raise NotImplementedError()

        def __exit__(self, *exc):
            raise NotImplementedError()

        def __call__(self, func):
            raise NotImplementedError()
    assert ch06.check_no_grad(Stub).status == "not_implemented"
    assert _state.enabled is True


# ----------------------------------------------------------------------------- task 2
def test_freeze_reference_passes():
    assert ch06.check_freeze(freeze).passed


def test_freeze_keeping_old_grad_fails():
    def keep(params):
        for p in params:
            p.requires_grad_(False)
    result = ch06.check_freeze(keep)
    failed(result, "쌓인 W1.grad 는 지움", "None 으로")
    assert "[1/3]" not in result.text


def test_freeze_first_only_fails():
    def first_only(params):
        params[0].requires_grad_(False)
        params[0].grad = None
    failed(ch06.check_freeze(first_only), "모두 얼리면", "모든 텐서")


def test_freeze_doing_nothing_fails():
    failed(ch06.check_freeze(lambda params: None), "W2.grad 만 채워짐", "requires_grad_(False)")


# ----------------------------------------------------------------------------- task 3
def test_sgd_reference_passes():
    assert ch06.check_sgd_step(sgd_step).passed


def test_sgd_rebinding_fails():
    def rebind(params, lr):
        with torch.no_grad():
            for p in params:
                if p.grad is not None:
                    p = p - lr * p.grad
    failed(ch06.check_sgd_step(rebind), "[0.8, 1.6]", "기대값: (tensor([0.8000, 1.6000])", "p = p - ...")


def test_sgd_without_no_grad_fails():
    def tracked(params, lr):
        for p in params:
            if p.grad is not None:
                p -= lr * p.grad
    failed(ch06.check_sgd_step(tracked), "실행 중 오류: RuntimeError: a leaf Variable that requires grad",
           "torch.no_grad()")


def test_sgd_wrong_sign_fails():
    def ascent(params, lr):
        with torch.no_grad():
            for p in params:
                if p.grad is not None:
                    p += lr * p.grad
    failed(ch06.check_sgd_step(ascent), "w → 2", "반대(-)")


def test_sgd_not_skipping_frozen_fails():
    def no_skip(params, lr):
        with torch.no_grad():
            for p in params:
                p -= lr * p.grad
    failed(ch06.check_sgd_step(no_skip), "얼린) W1 은 그대로", "건너뛰세요")
