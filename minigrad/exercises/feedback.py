"""Korean feedback for exercise check cells (see ``minigrad/exercises/__init__.py`` for the how-to).

A :class:`Check` collects cases, runs the learner's code inside each case (always pass a zero-argument
callable, usually a ``lambda``), and prints one deterministic Korean report when :meth:`Check.done` is
called (or when its ``with`` block ends). It never raises and never prints a traceback, so an untouched
exercise notebook runs top to bottom; a stub's ``raise NotImplementedError()`` is reported as
"아직 구현하지 않았습니다".
"""
from __future__ import annotations

import json
import linecache
import os
import sysconfig
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

__all__ = ["Check", "CheckResult", "Failure", "run_checks", "NOT_IMPLEMENTED", "PASSED_MARK", "FAILED_MARK"]

NOT_IMPLEMENTED = "아직 구현하지 않았습니다"
# `make progress` (minigrad.exercises.progress) runs the exercise notebooks with this variable set to a
# file; every finished check appends its result there as one JSON line. Unset: nothing is written.
PROGRESS_LOG_ENV = "MINIGRAD_PROGRESS_LOG"
NOT_IMPLEMENTED_LINE = f"⏳ {NOT_IMPLEMENTED} — 위 셀의 `# YOUR CODE HERE` 부분을 채운 뒤 다시 실행하세요."
PASSED_MARK, FAILED_MARK = "✅", "❌"
RTOL, ATOL = 1e-4, 1e-6


@dataclass
class Failure:
    """One case that did not pass. ``kind`` is "wrong", "error" or "not_implemented"."""
    number: int
    description: str
    kind: str
    expected: str = ""
    got: str = ""
    reason: str = ""
    hint: str = ""


@dataclass
class CheckResult:
    """What a check returns. ``passed`` is True only when every case ran and matched."""
    title: str
    passed: bool
    status: str  # "passed" | "failed" | "not_implemented"
    total: int
    failures: list = field(default_factory=list)
    text: str = ""  # exactly what was printed

    def __bool__(self):
        return self.passed

    def _ipython_display_(self):
        """Show nothing when a check cell ends with ``chNN.check_...(...)``: the report is already printed."""


# ---------------------------------------------------------------- values: convert, compare, show
def _as_array(value):
    """numpy array for tensors (minigrad/torch), arrays, numbers and nested lists of numbers; else None."""
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return np.asarray(value)
    for attempt in (lambda v: v.detach().numpy(), lambda v: v.numpy(), lambda v: np.asarray(v.tolist())):
        try:
            return np.asarray(attempt(value))
        except Exception:
            continue
    if isinstance(value, (list, tuple)):
        try:
            arr = np.asarray(value)
        except Exception:
            return None
        return arr if arr.dtype != object else None
    return None


def _is_tensor_like(value):
    return not isinstance(value, np.ndarray) and hasattr(value, "numpy") and hasattr(value, "shape")


def _compare(got, expected, rtol, atol):
    """None when ``got`` matches ``expected``, else a short Korean reason."""
    if expected is None or got is None:
        if got is expected:
            return None
        return "None 이 나와야 합니다." if expected is None else "None 이 나왔습니다."
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        if len(got) != len(expected):
            return f"개수가 다릅니다: 기대 {len(expected)}개, 실제 {len(got)}개."
        for i, (g, e) in enumerate(zip(got, expected), 1):
            reason = _compare(g, e, rtol, atol)
            if reason:
                return f"{i}번째 값 — {reason}"
        return None
    exp_arr, got_arr = _as_array(expected), _as_array(got)
    if isinstance(expected, str) or exp_arr is None or got_arr is None:
        try:
            same = bool(got == expected)
        except Exception:
            same = False
        return None if same else "값이 다릅니다."
    if exp_arr.shape != got_arr.shape:
        return f"모양(shape)이 다릅니다: 기대 {tuple(exp_arr.shape)}, 실제 {tuple(got_arr.shape)}."
    numeric = all(a.dtype.kind in "iufcb" for a in (exp_arr, got_arr))
    if not numeric or "b" in (exp_arr.dtype.kind, got_arr.dtype.kind):
        return None if np.array_equal(exp_arr, got_arr) else "값이 다릅니다."
    if np.allclose(got_arr, exp_arr, rtol=rtol, atol=atol, equal_nan=True):
        return None
    with np.errstate(invalid="ignore"):
        diff = np.nanmax(np.abs(got_arr.astype(np.complex128) - exp_arr.astype(np.complex128)))
    return f"값이 다릅니다 (가장 큰 차이 {float(diff):.4g})."


def show(value):
    """Deterministic text for a value: tensors print as they print themselves, arrays with 4 digits."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, suppress=True):
            return repr(value)
    if isinstance(value, tuple) and value and not hasattr(value, "_fields"):
        return "(" + ", ".join(show(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, type) and issubclass(value, BaseException):
        return value.__name__
    text = repr(value)
    return text if " at 0x" not in text else f"<{type(value).__name__}>"


# ---------------------------------------------------------------- where the learner's code failed
_LIBRARY_DIRS = tuple(str(Path(p).resolve()) for p in {Path(__file__).resolve().parents[1]} |
                      {Path(sysconfig.get_paths()[k]) for k in ("stdlib", "purelib", "platlib")})


def _learner_line(exc):
    """(line number, line text) of the deepest frame outside minigrad and installed libraries, or None."""
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename
        if name.startswith("<frozen") or str(Path(name).resolve()).startswith(_LIBRARY_DIRS):
            continue
        found = frame
    if found is None:
        return None
    text = (found.line or linecache.getline(found.filename, found.lineno)).strip()
    return found.lineno, text


def _is_stub(exc):
    """The stub ``raise NotImplementedError()`` (a message means a library's "not supported" error)."""
    return isinstance(exc, NotImplementedError) and not str(exc)


def _indent(text, prefix):
    lines = str(text).splitlines() or [""]
    return lines[0] + "".join("\n" + prefix + line for line in lines[1:])


# ---------------------------------------------------------------- the collector
class Check:
    """Collect cases for one task and print one Korean report.

    >>> c = Check("과제 2: Mul 의 역전파")
    >>> c.equal("x 의 기울기", lambda: grad_of_x(), expected=3.0, hint="d(x·y)/dx = y")
    >>> result = c.done()           # or: with Check(...) as c: ...  (then c.result)
    """

    def __init__(self, title: str, *, rtol: float = RTOL, atol: float = ATOL):
        self.title, self.rtol, self.atol = title, rtol, atol
        self._cases: list = []  # (description, failure-or-None)
        self._not_implemented: str | None = None
        self.result: CheckResult | None = None

    # --- kinds of cases; each returns True when the case passed
    def equal(self, description: str, got: Callable[[], Any] | Any, expected: Any, hint: str = "", *,
              rtol: float | None = None, atol: float | None = None) -> bool:
        """``got()`` must equal ``expected`` (numpy allclose for numbers/arrays/tensors, elementwise for
        tuples/lists, identity for None, ``==`` otherwise). Shapes must match exactly."""
        rtol = self.rtol if rtol is None else rtol
        atol = self.atol if atol is None else atol

        def judge(value):
            return _compare(value, expected, rtol, atol), show(expected)
        return self._case(description, got, hint, judge)

    def true(self, description: str, got: Callable[[], Any] | Any, hint: str = "") -> bool:
        """``got()`` must be truthy (use for properties such as ``x.grad is None`` or ``t.is_leaf``)."""
        return self._case(description, got, hint, lambda v: (None if v else "조건이 성립하지 않습니다.", "True"))

    def raises(self, description: str, got: Callable[[], Any], exception: type = Exception,
               hint: str = "", match: str | None = None) -> bool:
        """``got()`` must raise ``exception`` (whose message contains ``match``, if given)."""
        expected = exception.__name__ + (f" ('{match}' 를 포함하는 메시지)" if match else "")

        def call():
            try:
                value = got()
            except exception as exc:
                if _is_stub(exc) and exception is not NotImplementedError:
                    raise
                return ("raised", exc)
            return ("returned", value)

        def judge(outcome):
            kind, value = outcome
            if kind == "returned":
                return "예외가 나와야 하는데 나오지 않았습니다.", expected
            if match is not None and match not in str(value):
                return "예외 메시지가 다릅니다.", expected
            return None, expected
        return self._case(description, call, hint, judge,
                          show_got=lambda o: show(o[1]) if o[0] == "returned" else f"{type(o[1]).__name__}: {o[1]}")

    def _case(self, description, got, hint, judge, show_got=show):
        number = len(self._cases) + 1
        if self._not_implemented is not None:
            return False  # the learner is not there yet: don't run (or count) the rest
        try:
            value = got() if callable(got) else got
            reason, expected_text = judge(value)
            failure = None if reason is None else Failure(number, description, "wrong", expected_text,
                                                          show_got(value), reason, hint)
        except Exception as exc:  # noqa: BLE001 - report anything the learner's code raises
            failure = self._failure_from_exception(number, description, hint, exc)
            if failure is None:
                return False
        self._cases.append((description, failure))
        return failure is None

    def _failure_from_exception(self, number, description, hint, exc):
        if _is_stub(exc):
            self._not_implemented = description
            return None
        where = _learner_line(exc)
        reason = f"{type(exc).__name__}: {_indent(exc, '        ')}" if str(exc) else type(exc).__name__
        if where:
            reason += f"\n  위치: 여러분의 코드 {where[0]}번째 줄" + (f" → {where[1]}" if where[1] else "")
        return Failure(number, description, "error", reason=reason, hint=hint)

    # --- the report
    def done(self) -> CheckResult:
        """Print the report once and return the :class:`CheckResult` (later calls just return it)."""
        if self.result is not None:
            return self.result
        failures = [f for _, f in self._cases if f is not None]
        total = len(self._cases) + (self._not_implemented is not None)
        lines = []
        if self._not_implemented is not None:
            status = "not_implemented"
            lines += [f"📝 {self.title}", NOT_IMPLEMENTED_LINE,
                      f"   (멈춘 곳: {self._not_implemented})"]
        elif failures:
            status = "failed"
            lines.append(f"{FAILED_MARK} {self.title} — 검사 {total}개 중 {len(failures)}개가 맞지 않습니다.")
        else:
            status = "passed"
            lines.append(f"{PASSED_MARK} {self.title} — 통과! (검사 {total}개 모두 맞았습니다)")
        for f in failures:
            lines.append(f"\n[{f.number}/{total}] {f.description}")
            if f.kind == "error":
                lines.append(f"  실행 중 오류: {f.reason}")
            else:
                lines.append(f"  기대값: {_indent(f.expected, '          ')}")
                lines.append(f"  실제값: {_indent(f.got, '          ')}")
                lines.append(f"  차이:   {f.reason}")
            if f.hint:
                lines.append(f"  힌트:   {_indent(f.hint, '          ')}")
        text = "\n".join(lines)
        print(text, flush=True)
        self.result = CheckResult(self.title, status == "passed", status, total, failures, text)
        _log_for_progress(self.result, self._not_implemented)
        return self.result

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is not None and isinstance(exc, Exception):
            failure = self._failure_from_exception(len(self._cases) + 1, "검사 준비", "", exc)
            if failure is not None:
                self._cases.append(("검사 준비", failure))
        self.done()
        return exc is None or isinstance(exc, Exception)  # swallow ordinary errors, never KeyboardInterrupt


def _log_for_progress(result: CheckResult, stopped_at: str | None) -> None:
    """Append one JSON line describing ``result`` to $MINIGRAD_PROGRESS_LOG, when it is set."""
    path = os.environ.get(PROGRESS_LOG_ENV)
    if not path:
        return
    record = {"title": result.title, "status": result.status, "total": result.total,
              "stopped_at": stopped_at,
              "failures": [{"number": f.number, "description": f.description, "kind": f.kind,
                            "reason": f.reason} for f in result.failures]}
    try:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError:  # the report above is what the learner reads; the log is only for `make progress`
        pass


def run_checks(title: str, cases: Iterable, *, rtol: float = RTOL, atol: float = ATOL) -> CheckResult:
    """Functional form: ``cases`` are ``(description, got, expected[, hint])`` tuples checked with
    :meth:`Check.equal`. Returns the :class:`CheckResult` after printing the report."""
    check = Check(title, rtol=rtol, atol=atol)
    for case in cases:
        description, got, expected, *rest = case
        check.equal(description, got, expected, rest[0] if rest else "")
    return check.done()
