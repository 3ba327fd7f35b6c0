"""nbgrader itself releases this course: solutions/ carries nbgrader's cell metadata (written by
tools/nbgrader_metadata.py, the generator's rule), and `nbgrader generate_assignment`, run as the README
says (`make nbgrader-release NBGRADER_COURSE=...`), yields exercises/ cell for cell.

nbgrader lives in its own virtualenv (.venv-nbgrader, built by `make test`). Run alone, without it,
the release check is skipped; under `make test` (MINIGRAD_REQUIRE_NBGRADER=1) it must run.
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
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "nbgrader_metadata.py"
NBGRADER_VENV = Path(os.environ.get("MINIGRAD_NBGRADER_VENV") or ROOT / ".venv-nbgrader")
# Keys nbgrader adds to a released cell that the course's generator does not write: the checksum of the
# cell (and its type) that autograde uses to spot edited cells, and JupyterLab's deletable/editable
# flags from its LockCells step. Everything else must be equal.
NBGRADER_ONLY_KEYS = ("checksum", "cell_type")


def _tool():
    spec = importlib.util.spec_from_file_location("nbgrader_metadata", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------------
# The metadata on solutions/

def test_solutions_carry_up_to_date_nbgrader_metadata():
    run = subprocess.run([sys.executable, str(TOOL), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def _solution_notebook():
    return new_notebook(cells=[
        new_markdown_cell("# 연습\n\n## 과제 1"),
        new_code_cell("import minigrad as torch"),
        new_code_cell("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"),
        new_code_cell("check_double(double)"),
        new_markdown_cell("## 과제 2"),
        new_code_cell("def triple(x):\n    ### BEGIN SOLUTION\n    return 3 * x\n    ### END SOLUTION"),
        new_code_cell("from minigrad.exercises import ch01\nch01.check_triple(triple)"),
        new_code_cell("print(double(2))"),
    ])


def _write(root, nb, name="01_demo"):
    (root / "solutions").mkdir(exist_ok=True)
    nbformat.write(nb, root / "solutions" / f"{name}.ipynb")
    return root / "solutions" / f"{name}.ipynb"


def _meta(path):
    return [c.metadata.get("nbgrader") for c in nbformat.read(path, as_version=4).cells]


def test_metadata_follows_the_sources_and_only_metadata_changes(tmp_path, capsys):
    tool = _tool()
    path = _write(tmp_path, _solution_notebook())
    assert tool.main(["--root", str(tmp_path), "--check"]) == 1
    assert "make exercises" in capsys.readouterr().out  # the message names a command that fixes it
    before = nbformat.read(path, as_version=4)
    assert tool.main(["--root", str(tmp_path)]) == 0
    meta = _meta(path)
    assert meta[0] is None and meta[1] is None and meta[4] is None and meta[7] is None
    assert meta[2] == {"grade": False, "grade_id": "solution-1", "locked": False, "schema_version": 3,
                       "solution": True}
    assert meta[3] == {"grade": True, "grade_id": "check-1", "locked": True, "points": 1, "schema_version": 3,
                       "solution": False}
    assert (meta[5]["grade_id"], meta[6]["grade_id"]) == ("solution-2", "check-2")
    after = nbformat.read(path, as_version=4)
    for old, new in zip(before.cells, after.cells):
        assert (old.cell_type, old.source, old.get("outputs")) == (new.cell_type, new.source, new.get("outputs"))
    mtime = path.stat().st_mtime_ns
    assert tool.main(["--root", str(tmp_path)]) == 0 and path.stat().st_mtime_ns == mtime  # nothing to write
    assert tool.main(["--root", str(tmp_path), "--check"]) == 0


def test_rerunning_after_a_restructure_renumbers_and_drops_stale_flags(tmp_path, capsys):
    tool = _tool()
    path = _write(tmp_path, _solution_notebook())
    assert tool.main(["--root", str(tmp_path)]) == 0
    nb = nbformat.read(path, as_version=4)
    nb.cells[6].metadata["nbgrader"]["points"] = 3            # set by hand: kept
    nb.cells[3].metadata["nbgrader"]["grade_id"] = "double"   # a name of the author's own: kept
    # a new task inserted first; flags the sources no longer back: a former check cell (now a print)
    # and a code cell marked as a solution without markers
    nb.cells[1:1] = [new_code_cell("def half(x):\n    ### BEGIN SOLUTION\n    return x / 2\n    ### END SOLUTION"),
                     new_code_cell("check_half(half)")]
    nb.cells[9].metadata["nbgrader"] = {"grade": True, "grade_id": "check-9", "locked": True, "points": 1,
                                        "schema_version": 3, "solution": False}
    nb.cells[3].metadata["nbgrader"] = {"grade": False, "grade_id": "solution-7", "locked": False,
                                        "schema_version": 3, "solution": True}
    nbformat.write(nb, path)
    capsys.readouterr()
    assert tool.main(["--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "셀 9: 확인 함수 호출이 없어" in out and "셀 3: `### BEGIN SOLUTION` 표시가 없어" in out
    meta = _meta(path)
    ids = [m["grade_id"] for m in meta if m]
    assert ids == ["solution-1", "check-1", "solution-2", "double", "solution-3", "check-3"]
    assert meta[3] is None and meta[9] is None and meta[8]["points"] == 3
    assert tool.main(["--root", str(tmp_path), "--check"]) == 0


def test_duplicate_grade_ids_are_refused(tmp_path, capsys):
    tool = _tool()
    nb = _solution_notebook()
    nb.cells[3].metadata["nbgrader"] = {"grade_id": "same"}
    nb.cells[6].metadata["nbgrader"] = {"grade_id": "same"}
    path = _write(tmp_path, nb)
    text = path.read_text(encoding="utf-8")
    assert tool.main(["--root", str(tmp_path)]) == 2
    assert "same" in capsys.readouterr().out and path.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------------------------------------------
# nbgrader's own release

def _make_exercises():
    spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _require_nbgrader():
    if (NBGRADER_VENV / "bin" / "nbgrader").exists():
        return
    message = f"nbgrader 가상환경({NBGRADER_VENV})이 없습니다: make nbgrader-venv (make test 가 만듭니다)"
    if os.environ.get("MINIGRAD_REQUIRE_NBGRADER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _comparable(cell):
    nbgrader = {k: v for k, v in cell.metadata.get("nbgrader", {}).items() if k not in NBGRADER_ONLY_KEYS}
    return cell.cell_type, cell.source, nbgrader or None, cell.get("outputs", []), cell.get("execution_count")


@pytest.mark.skipif(shutil.which("make") is None, reason="make 이 없습니다")
def test_nbgrader_generate_assignment_yields_exercises(tmp_path):
    _require_nbgrader()
    course = tmp_path / "course"
    run = subprocess.run(["make", "--no-print-directory", "nbgrader-release", f"NBGRADER_COURSE={course}"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    released = sorted((course / "release" / "minigrad").glob("*.ipynb"))
    solutions = sorted((ROOT / "solutions").glob("*.ipynb"))
    assert [p.name for p in released] == [p.name for p in solutions] != []
    # compared with what the course's generator makes of each solution (what `make exercises` writes
    # into exercises/; a learner's filled-in exercises/ does not matter here: make_exercises --check
    # says whether those files are up to date)
    generator = _make_exercises()
    for solution, theirs in zip(solutions, released):
        a, b = generator.generate(solution, ROOT), nbformat.read(theirs, as_version=4)
        assert len(a.cells) == len(b.cells), solution.name
        for index, (x, y) in enumerate(zip(a.cells, b.cells)):
            assert _comparable(x) == _comparable(y), (
                f"exercises/{solution.name} 의 셀 {index} 이(가) nbgrader 의 배포본과 다릅니다: "
                "tools/make_exercises.py 와 nbgrader 가 solutions/ 를 다르게 읽습니다.")
        graded = [c for c in b.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert graded and all(c.metadata["nbgrader"].get("checksum") for c in graded)  # nbgrader really ran


def test_readme_gives_the_release_command_this_test_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\nmake nbgrader-release NBGRADER_COURSE=../minigrad-course\n" in readme
