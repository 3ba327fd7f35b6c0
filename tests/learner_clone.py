"""A learner's copy of the course, for tests that run the learner's commands (make test, make progress,
make exercises) on it exactly as the README states them.

`make_clone` copies the working tree (not .venv/.git/caches) into a new folder, as `git clone` would give
it plus uncommitted changes, with exercises/ regenerated from solutions/ (so the developer's own
exercise files do not matter) and `.venv` a symlink to the environment running the tests (so `make`
finds its virtualenv up to date and never installs anything). `fill` plays the learner: it writes
answers into the task cells (the reference solution, a wrong one, or one with a syntax error), as
JupyterLab would save them (with outputs and a scratch cell). `run` runs a command in the clone the way
a learner's terminal would: no make variables from the outer `make test`, no $CI, and the clone's own
minigrad first on PYTHONPATH (as its own editable install would be).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output

REPO = Path(__file__).resolve().parents[1]
IN_CLONE_ENV = "MINIGRAD_IN_LEARNER_CLONE"  # set for commands run in a clone (see `run`)
IGNORE = shutil.ignore_patterns(
    ".venv", ".venv-nbgrader", "venv", ".git", ".e2e-artifacts", "__pycache__", ".pytest_cache", ".hypothesis",
    ".ipynb_checkpoints", "*.egg-info", "build", "dist", "*.bak-*", "node_modules")

SOLVED = {1: "solve", 2: "solve", 3: "solve"}
# A learner halfway through the course (keys as in `fill`): solved, partly solved, wrong answers, a task
# cell with a syntax error, a broken imports cell, untouched tasks.
LEARNER_PLAN = {
    "01_tensors": SOLVED,
    "02_recording_operations": {1: "solve", 2: "syntax"},
    "03_backward_chain_rule": {1: "solve", 2: "wrong"},
    "04_vector_jacobian_product": SOLVED,
    "05_gradient_accumulation": {1: "wrong", 2: "wrong", 3: "wrong"},
    "06_stopping_gradients": {"setup": "syntax"},
    "07_retain_graph": SOLVED,
    "08_logistic_regression": SOLVED,
}

# What `fill` writes into a task cell instead of the stub.
WRONG = "pass  # 틀린 답: 아무것도 하지 않음"
SYNTAX_ERROR = "return [  # 닫는 괄호를 잊음"
STUB = "raise NotImplementedError()"


def _make_exercises():
    spec = importlib.util.spec_from_file_location("make_exercises", REPO / "tools" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_clone(dest: Path) -> Path:
    """A learner's clone at `dest` (see the module docstring); skips the test when that is impossible."""
    venv = Path(sys.prefix)
    stamp = venv / ".installed"
    if shutil.which("make") is None:
        pytest.skip("make 이 없습니다")
    if not stamp.exists():
        pytest.skip(f"{venv} 는 `make venv` 로 만든 환경이 아닙니다 ({stamp} 없음)")
    shutil.copytree(REPO, dest, ignore=IGNORE, symlinks=True)
    (dest / ".venv").symlink_to(venv, target_is_directory=True)
    stamps = [stamp]
    nbgrader_venv = Path(os.environ.get("MINIGRAD_NBGRADER_VENV") or REPO / ".venv-nbgrader")
    if (nbgrader_venv / ".installed").exists():     # the instructors' nbgrader, built once by make test
        (dest / ".venv-nbgrader").symlink_to(nbgrader_venv, target_is_directory=True)
        stamps.append(nbgrader_venv / ".installed")
    # `make` must find the environments up to date: the clone's pyproject.toml is older than the stamps.
    older = min(s.stat().st_mtime for s in stamps) - 60
    os.utime(dest / "pyproject.toml", (older, older))
    mx = _make_exercises()
    (dest / "exercises").mkdir(exist_ok=True)
    for old in (dest / "exercises").glob("*.ipynb"):
        old.unlink()
    for solution in sorted((dest / "solutions").glob("*.ipynb")):
        nbformat.write(mx.generate(solution, dest), dest / "exercises" / solution.name)
    return dest


def answer(solution_source: str) -> str:
    """A solution cell as the learner would write it: the nbgrader markers gone, the answer kept."""
    return "\n".join(line for line in solution_source.splitlines()
                     if "BEGIN SOLUTION" not in line and "END SOLUTION" not in line)


def fill(clone: Path, stem: str, plan: dict) -> None:
    """Write answers into exercises/<stem>.ipynb. `plan` maps a task number (1, 2, ... in the order of the
    task cells) to "solve", "wrong" or "syntax"; the key "setup" with "syntax" breaks the first code cell
    (the imports). Tasks not in the plan stay untouched."""
    from minigrad.exercises.tasks import find_tasks

    path = clone / "exercises" / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    solution = nbformat.read(clone / "solutions" / f"{stem}.ipynb", as_version=4)
    tasks = find_tasks(nb.cells)
    for task in tasks:
        how = plan.get(task.number)
        for index in task.cells if how else []:
            cell = nb.cells[index]
            assert solution.cells[index].cell_type == "code", "exercise and solution cells must line up"
            if how == "solve":
                cell.source = answer(solution.cells[index].source)
            else:
                assert STUB in cell.source, (stem, task.name)
                cell.source = cell.source.replace(STUB, WRONG if how == "wrong" else SYNTAX_ERROR, 1)
            cell.outputs = [new_output("stream", name="stdout", text="(학습자가 실행한 출력)\n")]
            cell.execution_count = 7
    if plan.get("setup") == "syntax":
        first = next(c for c in nb.cells if c.cell_type == "code")
        first.source = first.source + "\nimport (minigrad"
    # a scratch cell of the learner's own, right after the first check cell
    nb.cells.insert(tasks[0].check + 1, new_code_cell("print('연습장: 내가 넣은 셀')"))
    nbformat.write(nb, path)


def terminal_env(clone: Path) -> dict:
    """A learner's terminal in the clone: none of the outer run's make/pytest variables, no $CI."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MAKE", "MFLAGS", "PYTEST_")) and k not in ("CI", "GITHUB_ACTIONS")}
    env["PYTHONPATH"] = str(clone)
    env[IN_CLONE_ENV] = "1"
    return env


def run(cmd, clone: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `cmd` (a list, as typed in a terminal) in the clone; stdout and stderr together in .stdout."""
    return subprocess.run(cmd, cwd=clone, env=terminal_env(clone), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout)


def snapshot(folder: Path) -> dict:
    """Bytes and modification time of every file in `folder` (to prove nothing was written)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def progress_rows(output: str) -> dict:
    """{(chapter, task name): result} from the table `make progress` prints."""
    rows = {}
    for line in output.splitlines():
        parts = line.split("  ")
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) >= 3 and parts[0].isdigit() and parts[2][:1] in "✅❌⏳":
            rows[(parts[0], parts[1])] = "  ".join(parts[2:])
    return rows


def fill_as_planned(clone: Path) -> None:
    for stem, plan in LEARNER_PLAN.items():
        if (clone / "exercises" / f"{stem}.ipynb").exists():
            fill(clone, stem, plan)
