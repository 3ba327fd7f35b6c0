"""Turning the recording of operations off and on (chapter 06).

One flag says whether operations are recorded for backward, and only this module's switches change
it: `no_grad`, `enable_grad`, `set_grad_enabled` (and `inference_mode`, here the same as no_grad).
The rest of minigrad uses the switches too: the engine runs backward inside ``no_grad()``, or inside
``enable_grad()`` when ``create_graph=True`` asks for backward's own operations to be recorded, and a
custom ``autograd.Function`` runs its forward inside ``no_grad()``. `Function.apply` only reads the
flag (`is_grad_enabled`). PyTorch keeps the flag per thread; minigrad keeps one.
"""
import functools


class _State:
    enabled = True


_state = _State()


def is_grad_enabled():
    """True while operations are recorded for backward."""
    return _state.enabled


class _Switch:
    """Sets the flag to ``mode`` inside a ``with`` block and puts the old value back after it."""

    mode = True

    def __enter__(self):
        self.previous = _state.enabled
        _state.enabled = self.mode

    def __exit__(self, exc_type, exc, traceback):
        _state.enabled = self.previous

    def __call__(self, func):
        """Used as a decorator: the mode holds while ``func`` runs."""
        mode = self.mode

        @functools.wraps(func)
        def with_mode(*args, **kwargs):
            with set_grad_enabled(mode):
                return func(*args, **kwargs)
        return with_mode


class no_grad(_Switch):
    """``with no_grad():`` nothing inside is recorded: results have no grad_fn."""

    mode = False


class enable_grad(_Switch):
    """``with enable_grad():`` recording is on again, e.g. inside a no_grad block."""

    mode = True


class set_grad_enabled(_Switch):
    """``set_grad_enabled(False)`` turns recording off at once; with ``with`` only until the block ends."""

    def __init__(self, mode):
        self.mode = bool(mode)
        self.previous = _state.enabled
        _state.enabled = self.mode

    def __enter__(self):
        pass

    def __call__(self, func):
        _state.enabled = self.previous           # as a decorator it changes nothing until func runs
        return super().__call__(func)


class inference_mode(_Switch):
    """minigrad has no separate inference mode: ``inference_mode()`` is no_grad."""

    def __init__(self, mode=True):
        self.mode = not mode
