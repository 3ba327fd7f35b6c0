"""Tests for minigrad/notebook.py: show_source() and use_korean_font()."""
from __future__ import annotations

import importlib
import inspect
import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from minigrad import notebook  # noqa: E402
from minigrad.notebook import SourceView, show_source, use_korean_font  # noqa: E402

NOTEBOOK_FILE = ROOT / "minigrad" / "notebook.py"


# =========================================================================== show_source
def _file_lines():
    return NOTEBOOK_FILE.read_text(encoding="utf-8").splitlines()


def test_function_source_is_the_file_text_with_its_line_numbers():
    view = show_source(notebook.korean_font_path)
    lines, first = inspect.getsourcelines(notebook.korean_font_path)
    assert view.path == "minigrad/notebook.py"
    assert view.start == first
    assert view.code == "".join(lines)
    file_lines = _file_lines()
    text = repr(view).splitlines()
    assert text[0] == f"# minigrad/notebook.py  (줄 {first}–{first + len(lines) - 1})"
    for row in text[1:]:
        number, _, code = row.partition(" |")
        assert file_lines[int(number) - 1].rstrip() == code[1:].rstrip()


def test_no_absolute_path_anywhere():
    view = show_source(notebook.show_source)
    for text in (repr(view), view._repr_html_()):
        assert str(ROOT) not in text
        assert "/work/" not in text and "site-packages" not in text
        assert "minigrad/notebook.py" in text


def test_class_method_property_module_and_instance():
    cls = show_source(SourceView)
    assert cls.code.startswith("class SourceView")
    meth = show_source(SourceView.__repr__)
    assert meth.code.lstrip().startswith("def __repr__")
    bound = show_source(SourceView("x", 1, "")._repr_html_)
    assert bound.code.lstrip().startswith("def _repr_html_")
    prop = show_source(SourceView.header)
    assert "@property" in prop.code and "def header" in prop.code
    inst = show_source(SourceView("x", 1, ""))  # an instance shows its class
    assert inst.code == cls.code and inst.start == cls.start
    mod = show_source(notebook)
    assert mod.start == 1 and mod.code == NOTEBOOK_FILE.read_text(encoding="utf-8")


def test_lines_are_counted_inside_the_object():
    full = show_source(notebook.use_korean_font)
    part = show_source(notebook.use_korean_font, lines=(2, 4))
    assert part.start == full.start + 1
    assert part.code.splitlines() == full.code.splitlines()[1:4]
    assert show_source(notebook.use_korean_font, lines=(3, None)).code.splitlines() == full.code.splitlines()[2:]
    with pytest.raises(ValueError):
        show_source(notebook.use_korean_font, lines=(0, 2))
    with pytest.raises(ValueError):
        show_source(notebook.use_korean_font, lines=(5, 10_000))


def test_pattern_selects_a_block():
    view = show_source(SourceView, pattern=r"def _repr_html_")
    lines = view.code.splitlines()
    assert lines[0].strip().startswith("def _repr_html_")
    assert lines[-1].strip().startswith("return f'<div class=\"minigrad-source\">")
    assert "def __repr__" not in view.code
    file_lines = _file_lines()
    assert file_lines[view.start - 1] == lines[0]
    with pytest.raises(ValueError, match="패턴"):
        show_source(SourceView, pattern=r"def no_such_method")


def test_html_is_inline_styled_and_stable():
    view = show_source(notebook._select_pattern)
    html_text = view._repr_html_()
    assert "<style" not in html_text  # noclasses: no stylesheet needed in JupyterLab
    assert 'style="color:' in html_text
    assert html_text == show_source(notebook._select_pattern)._repr_html_()
    assert repr(view) == repr(show_source(notebook._select_pattern))
    # line numbers start at the object's first line
    assert f">{view.start}</span>" in html_text


def test_html_golden_for_the_pinned_pygments():
    import pygments

    if pygments.__version__ != notebook.PYGMENTS_VERSION_TESTED:
        pytest.skip(f"Pygments {pygments.__version__}: golden HTML is for {notebook.PYGMENTS_VERSION_TESTED}")
    view = SourceView("minigrad/example.py", 7, "def f(x):\n    return x * 2  # 두 배\n")
    assert view._repr_html_() == GOLDEN_HTML
    assert repr(view) == "# minigrad/example.py  (줄 7–8)\n7 | def f(x):\n8 |     return x * 2  # 두 배"


GOLDEN_HTML = (
    '<div class="minigrad-source"><div style="font-family:monospace;font-size:90%;color:#555;border-bottom:1px solid #ddd;margin-bottom:2px">minigrad/example.py  (줄 7–8)</div><div class="highlight" style="background: #f8f8f8"><pre style="line-height: 125%;"><span></span>'
    '<span style="color: inherit; background-color: transparent; padding-left: 5px; padding-right: 5px;">7</span><span style="color: #008000; font-weight: bold">def</span><span style="color: #BBB"> </span><span style="color: #00F">f</span>(x):\n'
    '<span style="color: inherit; background-color: transparent; padding-left: 5px; padding-right: 5px;">8</span>    <span style="color: #008000; font-weight: bold">return</span> x <span style="color: #666">*</span> <span style="color: #666">2</span>  <span style="color: #3D7B7B; font-style: italic"># 두 배</span>\n</pre></div>\n</div>'
)


def _minigrad_ready():
    if not (ROOT / "minigrad" / "engine.py").exists():
        return None
    try:
        minigrad = importlib.import_module("minigrad")
    except Exception:  # noqa: BLE001
        return None
    return minigrad if hasattr(minigrad, "tensor") else None


def test_show_source_on_minigrad_engine_and_graph_nodes():
    minigrad = _minigrad_ready()
    if minigrad is None:
        pytest.skip("minigrad 엔진이 아직 import 되지 않습니다")
    engine = importlib.import_module("minigrad.engine")
    functions = [f for _, f in inspect.getmembers(engine, inspect.isfunction) if f.__module__ == engine.__name__]
    assert functions, "minigrad.engine 에 함수가 없음"
    for function in functions:
        view = show_source(function)
        assert view.path == "minigrad/engine.py"
        assert view.code.lstrip().startswith(("def ", "@"))
    x = minigrad.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    node = y.grad_fn  # SumBackward0: a node class made for the Function `Sum` -> shows `Sum`
    view = show_source(node)
    assert view.path.startswith("minigrad/") and view.code.startswith("class ")
    assert "SumBackward0" in view.code and "def backward" in view.code
    assert show_source(type(node)).code == view.code
    mul = node.next_functions[0][0]  # MulBackward0
    part = show_source(mul, pattern=r"def backward")
    assert part.code.lstrip().startswith("def backward")
    accumulate = mul.next_functions[0][0]  # AccumulateGrad: a real class
    assert show_source(accumulate).code.startswith("class AccumulateGrad")


# =========================================================================== use_korean_font
def _draw_korean_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([-2, -1, 0, 1], [1, -3, 2, 0])
    ax.set_title("기울기 (gradient) 와 손실")
    ax.set_xlabel("잎 텐서 x")
    ax.set_ylabel("손실 값")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing" in str(w.message)]


def test_without_the_font_hangul_is_missing():
    """Sanity check of the detector: the default font really lacks Hangul."""
    import matplotlib

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"], "axes.unicode_minus": True}):
        assert any("missing from font" in m for m in _draw_korean_figure())


def test_use_korean_font_draws_hangul_without_glyph_warnings():
    import matplotlib
    from matplotlib import font_manager

    if notebook.korean_font_path() is None:
        pytest.skip("koreanize-matplotlib 도 fonts-nanum 도 없음")
    with matplotlib.rc_context():
        family = use_korean_font()
        assert family == "NanumGothic"
        assert matplotlib.rcParams["font.family"][0] == "NanumGothic"
        assert matplotlib.rcParams["axes.unicode_minus"] is False
        assert _draw_korean_figure() == []
        count = len(font_manager.fontManager.ttflist)
        assert use_korean_font() == family  # idempotent
        assert len(font_manager.fontManager.ttflist) == count
        assert _draw_korean_figure() == []
    # never imports koreanize_matplotlib (its import needs distutils on Python 3.12+)
    assert "koreanize_matplotlib" not in sys.modules
    assert "distutils" not in sys.modules or sys.version_info < (3, 12)


def test_missing_font_prints_one_korean_line(monkeypatch, capsys):
    import matplotlib

    monkeypatch.setattr(notebook, "korean_font_path", lambda: None)
    monkeypatch.setitem(notebook._state, "warned", False)
    with matplotlib.rc_context():
        before = matplotlib.rcParams["font.family"]
        assert use_korean_font() is None
        assert use_korean_font() is None
        assert matplotlib.rcParams["font.family"] == before
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "pip install koreanize-matplotlib" in out and "한글" in out


def test_font_is_located_without_executing_the_package(monkeypatch):
    path = notebook.korean_font_path()
    if path is None:
        pytest.skip("글꼴 없음")
    assert path.endswith("NanumGothic.ttf") and Path(path).is_file()
    assert "koreanize_matplotlib" not in sys.modules


@pytest.mark.slow
@pytest.mark.parametrize("version", ["3.10", "3.12", "3.13"])
def test_other_python_versions_when_available(version):
    """Runs the figure check under another interpreter that has matplotlib and koreanize-matplotlib.

    Looks for $MINIGRAD_PY<version> (e.g. MINIGRAD_PY312=/path/to/venv/bin/python); skipped when not
    set or when that interpreter lacks the packages.
    """
    python = os.environ.get("MINIGRAD_PY" + version.replace(".", ""))
    if not python or not shutil.which(python):
        pytest.skip(f"MINIGRAD_PY{version.replace('.', '')} 가 설정되지 않음")
    script = textwrap.dedent(f"""
        import sys, warnings
        import importlib.util
        if importlib.util.find_spec("matplotlib") is None or importlib.util.find_spec("koreanize_matplotlib") is None:
            print("SKIP"); sys.exit(0)
        import importlib.util as u
        spec = u.spec_from_file_location("mg_notebook", {str(NOTEBOOK_FILE)!r})  # no minigrad/__init__ needed
        nb = u.module_from_spec(spec); spec.loader.exec_module(nb)
        use_korean_font = nb.use_korean_font
        from matplotlib.figure import Figure
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        assert use_korean_font() == "NanumGothic"
        fig = Figure(); FigureCanvasAgg(fig); ax = fig.add_subplot()
        ax.plot([-2, -1, 0], [1, -3, 2]); ax.set_title("기울기와 손실")
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always"); fig.canvas.draw()
        bad = [str(m.message) for m in w if "missing" in str(m.message)]
        assert not bad, bad
        assert "koreanize_matplotlib" not in sys.modules
        print("OK", sys.version_info[:2])
    """)
    done = subprocess.run([python, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    if done.stdout.strip() == "SKIP":
        pytest.skip(f"{python}: matplotlib/koreanize-matplotlib 없음")
    assert done.stdout.startswith("OK")
