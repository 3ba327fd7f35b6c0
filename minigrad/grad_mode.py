"""Turning gradient tracking off and on (chapter 06).

One flag decides whether operations record the graph. ``no_grad`` switches it off inside a
``with`` block (or a decorated function) and restores the previous value on the way out, even when
an exception leaves the block. (PyTorch keeps the flag per thread; minigrad keeps one flag.)
"""
import functools


class _GradMode:
    enabled = True


_state = _GradMode()


def is_grad_enabled():
    """True when operations are being recorded for backward."""
    return _state.enabled


class _GradModeContext:
    """Base for no_grad / enable_grad / set_grad_enabled: a context manager and a decorator."""

    mode = None

    def __enter__(self):
        self.prev = _state.enabled
        _state.enabled = self.mode

    def __exit__(self, exc_type, exc, tb):
        _state.enabled = self.prev
        return False

    def __call__(self, func):
        mode = self.mode

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            prev = _state.enabled
            _state.enabled = mode
            try:
                return func(*args, **kwargs)
            finally:
                _state.enabled = prev
        return wrapper


class no_grad(_GradModeContext):
    """Inside ``with no_grad():`` results have requires_grad=False and no grad_fn."""

    mode = False


class enable_grad(_GradModeContext):
    """Switch recording back on inside a no_grad block."""

    mode = True


class set_grad_enabled(_GradModeContext):
    """``set_grad_enabled(False)`` switches recording off at once, like torch; used with ``with``
    it restores the previous state on exit."""

    def __init__(self, mode):
        self.mode = bool(mode)
        self.prev = _state.enabled
        _state.enabled = self.mode

    def __enter__(self):
        pass

    def __call__(self, func):
        _state.enabled = self.prev      # as a decorator it only applies inside the function
        return super().__call__(func)


class inference_mode(_GradModeContext):
    """minigrad has no separate inference mode; ``inference_mode()`` behaves like no_grad."""

    def __init__(self, mode=True):
        self.mode = not mode
