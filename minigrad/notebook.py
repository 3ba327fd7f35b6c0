"""Helpers for the course notebooks.

``show_source(obj)``
    Shows the real source of a minigrad function, class, method or module, read from the file that
    runs (``inspect``), so a notebook never pastes a copy of minigrad's code.  In Jupyter it renders
    highlighted HTML (pygments, inline styles: no CSS needed in JupyterLab); its ``repr`` is plain
    text with line numbers.  The header names the file relative to the package's parent
    (``minigrad/engine.py``), never an absolute path, so stored notebook outputs are the same on
    every machine.  The HTML depends on the Pygments version (the course pins it; see
    ``PYGMENTS_VERSION_TESTED``); the plain text depends only on minigrad's source.

``use_korean_font()``
    Makes matplotlib draw Hangul: registers the NanumGothic TTF that the ``koreanize-matplotlib``
    package ships *without importing that package* (0.1.1 imports ``distutils`` and fails on
    Python 3.12+), falls back to Debian's ``fonts-nanum`` files, and otherwise prints one Korean
    line on how to install a font.  Never raises.

Only the standard library is imported at module import time (matplotlib and pygments are imported
when the helpers are called).
"""
from __future__ import annotations

import html
import inspect
import re
import sys
import types
from pathlib import Path

__all__ = ["show_source", "SourceView", "show_path", "PathView", "use_korean_font", "korean_font_path"]

PYGMENTS_VERSION_TESTED = "2.21.0"

_PACKAGE_DIR = Path(__file__).resolve().parent  # .../minigrad


# =========================================================================== show_source
class SourceView:
    """Source lines of one object, displayable in Jupyter.

    ``path`` is relative (``minigrad/engine.py``); ``start`` is the file line number of the first
    shown line; ``code`` is the shown text (lines end with ``\\n``).
    """

    def __init__(self, path: str, start: int, code: str, title: str = ""):
        self.path = path
        self.start = start
        self.code = code
        self.title = title

    @property
    def end(self) -> int:
        return self.start + max(len(self.code.splitlines()), 1) - 1

    @property
    def header(self) -> str:
        return f"{self.path}  (줄 {self.start}–{self.end})"

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        lines = self.code.splitlines()
        width = len(str(self.start + len(lines) - 1)) if lines else 1
        body = "\n".join(f"{self.start + i:>{width}} | {line}".rstrip() for i, line in enumerate(lines))
        return f"# {self.header}\n{body}"

    def _repr_html_(self) -> str:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        formatter = HtmlFormatter(
            noclasses=True,          # inline styles: renders without a stylesheet
            style="default",
            linenos="inline",
            linenostart=self.start,
            nowrap=False,
        )
        body = highlight(self.code, PythonLexer(stripnl=False, ensurenl=True), formatter)
        head = (
            '<div style="font-family:monospace;font-size:90%;color:#555;'
            'border-bottom:1px solid #ddd;margin-bottom:2px">'
            f"{html.escape(self.header)}</div>"
        )
        return f'<div class="minigrad-source">{head}{body}</div>'


def _unwrap(obj):
    """The object whose source to show."""
    if isinstance(obj, property):
        return obj.fget
    if isinstance(obj, (staticmethod, classmethod)):
        return obj.__func__
    if isinstance(obj, types.MethodType):
        return obj.__func__
    if isinstance(obj, (types.FunctionType, type, types.ModuleType)):
        return inspect.unwrap(obj) if callable(obj) and not isinstance(obj, type) else obj
    if hasattr(obj, "__wrapped__"):
        return inspect.unwrap(obj)
    # an instance (e.g. a grad_fn node): show its class
    return type(obj)


def _relative_path(filename: str, module_name: str | None) -> str:
    path = Path(filename).resolve()
    try:
        return path.relative_to(_PACKAGE_DIR.parent).as_posix()
    except ValueError:
        pass
    top = (module_name or "").split(".")[0]
    top_module = sys.modules.get(top)
    for location in getattr(top_module, "__path__", None) or []:
        try:
            return path.relative_to(Path(location).resolve().parent).as_posix()
        except ValueError:
            continue
    if module_name and module_name != "__main__":
        return path.name
    return "<노트북 셀>"


def _select_pattern(lines: list[str], pattern: str) -> tuple[int, int]:
    """Index range [first, last] of the block starting at the first line matching ``pattern``.

    The block is that line plus every following line that is blank or indented deeper (its body,
    or the continuation of a multi-line statement); trailing blank lines are dropped.
    """
    regex = re.compile(pattern)
    for i, line in enumerate(lines):
        if regex.search(line):
            indent = len(line) - len(line.lstrip())
            j = i
            k = i + 1
            while k < len(lines):
                text = lines[k]
                if text.strip() == "":
                    k += 1
                    continue
                if len(text) - len(text.lstrip()) > indent or text.lstrip().startswith((")", "]", "}")):
                    j = k
                    k += 1
                    continue
                break
            return i, j
    raise ValueError(f"show_source: 패턴 {pattern!r} 와 맞는 줄이 없습니다")


def show_source(obj, *, lines=None, pattern: str | None = None) -> SourceView:
    """The real source of ``obj`` (function, class, method, property, module, or an instance --
    e.g. a ``grad_fn`` node -- whose class is shown; for a node class made for a ``Function``,
    such as ``MulBackward0``, the ``Function`` subclass itself is shown).

    ``lines=(first, last)``: only those lines, counted from 1 = the first line of ``obj``'s source
    (inclusive; ``last`` may be ``None`` for "to the end").  Counting inside the object keeps a
    notebook's selection stable when code elsewhere in the file moves.
    ``pattern="regex"``: only the first line matching the regex and the block under it (e.g.
    ``pattern=r"def backward"`` shows one method of a class).

    Returns a :class:`SourceView`; as the last expression of a cell Jupyter shows it highlighted.
    """
    target = _unwrap(obj)
    if isinstance(target, type):
        # A grad_fn node class made at run time for a Function (``MulBackward0`` for ``Mul``) has no
        # source of its own: show the Function it runs, forward and backward side by side.
        forward_cls = target.__dict__.get("function")
        if isinstance(forward_cls, type):
            target = forward_cls
    try:
        source_lines, first_line = inspect.getsourcelines(target)
        filename = inspect.getsourcefile(target) or inspect.getfile(target)
    except (OSError, TypeError) as exc:
        raise TypeError(f"show_source: {obj!r} 의 소스 코드를 찾을 수 없습니다 ({exc})") from None
    if isinstance(target, types.ModuleType):
        first_line = 1
    first_line = max(first_line, 1)
    source_lines = [line if line.endswith("\n") else line + "\n" for line in source_lines]
    lo, hi = 0, len(source_lines) - 1
    if pattern is not None:
        lo, hi = _select_pattern(source_lines, pattern)
    if lines is not None:
        if pattern is not None:
            raise TypeError("show_source: lines 와 pattern 은 함께 쓸 수 없습니다")
        start, stop = lines
        start = 1 if start is None else start
        stop = len(source_lines) if stop is None else stop
        if not (1 <= start <= stop <= len(source_lines)):
            raise ValueError(
                f"show_source: lines={lines!r} 는 1 부터 {len(source_lines)} 사이여야 합니다"
            )
        lo, hi = start - 1, stop - 1
    module = inspect.getmodule(target)
    path = _relative_path(filename, getattr(module, "__name__", None))
    title = getattr(target, "__qualname__", getattr(target, "__name__", ""))
    return SourceView(path, first_line + lo, "".join(source_lines[lo : hi + 1]), title)


# =========================================================================== show_path
class PathView:
    """The minigrad functions one piece of code ran through, in order: one line per step.

    A step is a call from outside minigrad (``x + 2``, ``out.backward()``) or a node the backward
    engine runs; its line lists the functions called inside it, in order, each once.
    """

    def __init__(self, steps):
        self.steps = steps          # [(label, [function names])]

    def __repr__(self) -> str:
        width = max((len(label) for label, _ in self.steps), default=0)
        return "\n".join(f"{label:<{width}}  " + " → ".join(names) for label, names in self.steps)

    def __len__(self):
        return len(self.steps)


def show_path(fn, *, step_at=("run_node",)) -> PathView:
    """Run ``fn()`` and show every minigrad function it went through, step by step (see PathView).

    A new step starts at each call that comes from outside minigrad, and at each call of a function
    named in `step_at` (the engine's ``run_node``: one line per node of the backward pass)."""
    import sys

    package = str(_PACKAGE_DIR)
    steps = []

    def name_of(frame):
        code = frame.f_code
        owner = frame.f_locals.get("cls") or frame.f_locals.get("self")
        qualified = getattr(code, "co_qualname", code.co_name)
        if "." not in qualified and owner is not None and code.co_name in ("apply", "forward", "backward"):
            qualified = f"{owner if isinstance(owner, type) else type(owner).__name__}.{code.co_name}"
        if isinstance(owner, type):
            qualified = qualified.replace("Function.", f"{owner.__name__}.", 1)
        return qualified

    def tracer(frame, event, arg):
        if event != "call" or not frame.f_code.co_filename.startswith(package):
            return None
        if frame.f_code.co_name.startswith("<"):          # a comprehension inside a function
            return None
        caller = frame.f_back
        outside = caller is None or not caller.f_code.co_filename.startswith(package)
        name = name_of(frame)
        if outside or frame.f_code.co_name in step_at:
            label = name if not outside else _step_label(frame)
            if frame.f_code.co_name in step_at and "node" in frame.f_locals:
                label = type(frame.f_locals["node"]).__name__
            steps.append((label, []))
        if steps and name not in steps[-1][1]:
            steps[-1][1].append(name)
        return None

    sys.setprofile(None)
    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return PathView(steps)


def _step_label(frame):
    """The line of the caller's code that made the call (``y = x + 2``)."""
    caller = frame.f_back
    import linecache

    text = linecache.getline(caller.f_code.co_filename, caller.f_lineno).strip() if caller else ""
    return text or frame.f_code.co_name


# =========================================================================== Korean font
_DEBIAN_FONT_PATHS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothicRegular.ttf",
    "/usr/share/fonts/nanum/NanumGothic.ttf",
)
_INSTALL_HINT = (
    "한글 글꼴(NanumGothic)을 찾지 못해 그래프의 한글이 네모로 보일 수 있습니다: "
    "`pip install koreanize-matplotlib` 로 설치한 뒤 커널을 다시 시작하세요."
)
_state = {"family": None, "warned": False}


def korean_font_path() -> str | None:
    """Path of a NanumGothic TTF, or None.  Does not import koreanize_matplotlib."""
    import importlib.util

    candidates = []
    try:
        spec = importlib.util.find_spec("koreanize_matplotlib")  # locates, does not execute
    except (ImportError, ValueError):
        spec = None
    if spec is not None:
        for location in spec.submodule_search_locations or []:
            candidates.append(Path(location) / "fonts" / "NanumGothic.ttf")
        if spec.origin:
            candidates.append(Path(spec.origin).parent / "fonts" / "NanumGothic.ttf")
    try:
        from importlib import metadata

        for file in metadata.files("koreanize-matplotlib") or []:
            if file.name == "NanumGothic.ttf":
                candidates.append(Path(file.locate()))
    except Exception:  # noqa: BLE001 - metadata missing or unreadable
        pass
    candidates.extend(Path(p) for p in _DEBIAN_FONT_PATHS)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    return None


def use_korean_font() -> str | None:
    """Make matplotlib draw Hangul; return the font family name (None if no font was found).

    Safe to call any number of times.  Sets ``rcParams["font.family"]`` to NanumGothic followed by
    DejaVu Sans (matplotlib's per-glyph fallback draws symbols NanumGothic lacks) and
    ``axes.unicode_minus = False`` (NanumGothic has no U+2212 minus sign).
    """
    import matplotlib
    from matplotlib import font_manager

    path = korean_font_path()
    if path is None:
        if not _state["warned"]:
            print(_INSTALL_HINT)
            _state["warned"] = True
        return None
    resolved = str(Path(path).resolve())
    registered = {str(Path(f.fname).resolve()) for f in font_manager.fontManager.ttflist}
    if resolved not in registered:
        font_manager.fontManager.addfont(resolved)
    family = font_manager.FontProperties(fname=resolved).get_name()
    matplotlib.rcParams["font.family"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    _state["family"] = family
    return family
