"""tools/make_exercises.py: nbgrader-style generation, --check, and never losing a learner's edits."""
import importlib.util
import os
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "make_exercises.py"
_spec = importlib.util.spec_from_file_location("make_exercises", SCRIPT)
mx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mx)

TASK = '''\
class MyMul(Function):
    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        ### BEGIN SOLUTION
        ga = grad_output * b
        return ga, grad_output * a
        ### END SOLUTION'''

TOPLEVEL = '''\
x = 1
### BEGIN SOLUTION
y = x + 1
### END SOLUTION
print("done")'''

CHECK = '''\
from minigrad.exercises import ch02
ch02.check_mul_backward(MyMul)
### BEGIN HIDDEN TESTS
assert secret()
### END HIDDEN TESTS
print("after")'''


def solution_notebook():
    task = new_code_cell(TASK, execution_count=3, outputs=[new_output("stream", name="stdout", text="hi\n")])
    task.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    answer = new_markdown_cell("Mul 의 기울기는 상대 입력입니다.",
                               metadata={"nbgrader": {"solution": True, "grade_id": "why-mul"}})
    custom_check = new_code_cell("assert True", metadata={"nbgrader": {"grade": True, "points": 3,
                                                                         "grade_id": "custom"}})
    nb = new_notebook(cells=[new_markdown_cell("# 과제"), task, new_code_cell(CHECK), answer,
                             new_code_cell(TOPLEVEL), custom_check, new_code_cell("plain = 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution_notebook(), tmp_path / "solutions" / "02_demo.ipynb")
    return tmp_path


def run(repo, *args):
    return mx.main(["--root", str(repo), *args])


def read_ex(repo, stem="02_demo"):
    return nbformat.read(repo / "exercises" / f"{stem}.ipynb", as_version=4)


def test_solution_regions_become_stubs_at_their_indent(repo):
    assert run(repo) == 0
    cells = read_ex(repo).cells
    assert cells[1].source == (
        "class MyMul(Function):\n    @staticmethod\n    def backward(ctx, grad_output):\n"
        "        a, b = ctx.saved_tensors\n        # YOUR CODE HERE\n        raise NotImplementedError()")
    assert cells[4].source == 'x = 1\n# YOUR CODE HERE\nraise NotImplementedError()\nprint("done")'
    assert "ga = grad_output" not in nbformat.writes(read_ex(repo))


def test_hidden_tests_removed_and_markdown_answer_replaced(repo):
    run(repo)
    cells = read_ex(repo).cells
    assert cells[2].source == 'from minigrad.exercises import ch02\nch02.check_mul_backward(MyMul)\nprint("after")'
    assert cells[3].source == "YOUR ANSWER HERE"
    assert cells[0].source == "# 과제" and cells[6].source == "plain = 1"


def test_nbgrader_metadata_kept_and_completed(repo):
    run(repo)
    cells = read_ex(repo).cells
    md = [c.metadata.get("nbgrader") for c in cells]
    assert md[1] == {"grade": False, "locked": False, "solution": True, "schema_version": 3,
                     "grade_id": "solution-1"}
    assert md[2] == {"grade": True, "locked": True, "solution": False, "points": 1, "schema_version": 3,
                     "grade_id": "check-1"}
    assert md[3]["solution"] is True and md[3]["grade_id"] == "why-mul" and md[3]["schema_version"] == 3
    assert md[5]["points"] == 3 and md[5]["grade_id"] == "custom" and md[5]["locked"] is True
    assert md[0] is None and md[6] is None


def test_outputs_dropped_and_provenance_recorded(repo):
    run(repo)
    nb = read_ex(repo)
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")
    assert all("execution" not in c.metadata for c in nb.cells)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["minigrad"]["generated_from"] == "solutions/02_demo.ipynb"
    assert nb.metadata["minigrad"]["source_hash"] == mx.cells_hash(nb)
    # the solution notebook itself is never touched
    assert "### BEGIN SOLUTION" in nbformat.read(repo / "solutions" / "02_demo.ipynb", 4).cells[1].source


def test_check_detects_stale_missing_and_extra(repo, capsys):
    assert run(repo, "--check") == 1
    assert "exercises/02_demo.ipynb (없음)" in capsys.readouterr().out
    run(repo)
    capsys.readouterr()
    assert run(repo, "--check") == 0
    # outputs from running the exercise don't make it stale
    nb = read_ex(repo)
    nb.cells[1].outputs = [new_output("stream", name="stdout", text="ran\n")]
    nbformat.write(nb, repo / "exercises" / "02_demo.ipynb")
    assert run(repo, "--check") == 0
    # a changed solution does
    sol = nbformat.read(repo / "solutions" / "02_demo.ipynb", 4)
    sol.cells[0].source = "# 과제 (고침)"
    nbformat.write(sol, repo / "solutions" / "02_demo.ipynb")
    nbformat.write(sol, repo / "exercises" / "99_orphan.ipynb")
    (repo / "exercises" / "02_demo.bak-20260101-000000.ipynb").write_text("{}")  # backups are ignored
    capsys.readouterr()
    assert run(repo, "--check") == 1
    out = capsys.readouterr().out
    assert "exercises/02_demo.ipynb (오래됨)" in out and "exercises/99_orphan.ipynb (solutions/ 에 원본 없음)" in out
    assert "02_demo.bak-" not in out and "`make exercises`" in out and "FORCE=1" not in out
    assert "`mv exercises/99_orphan.ipynb exercises/99_orphan.bak-old.ipynb`" in out
    # the suggested commands, as written, fix it
    subprocess.run(shlex.split("mv exercises/99_orphan.ipynb exercises/99_orphan.bak-old.ipynb"), cwd=repo, check=True)
    assert run(repo) == 0 and run(repo, "--check") == 0


def test_identical_file_is_not_rewritten(repo):
    run(repo)
    path = repo / "exercises" / "02_demo.ipynb"
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert run(repo) == 0
    assert path.stat().st_mtime == 1_000_000_000


def _change_solution(repo, text):
    sol = nbformat.read(repo / "solutions" / "02_demo.ipynb", 4)
    sol.cells[0].source = text
    nbformat.write(sol, repo / "solutions" / "02_demo.ipynb")


def test_learner_edits_are_refused_then_backed_up_with_force(repo, capsys):
    run(repo)
    path = repo / "exercises" / "02_demo.ipynb"
    nb = read_ex(repo)
    nb.cells[1].source = nb.cells[1].source.replace("raise NotImplementedError()", "return 1, 2  # 내 답")
    nbformat.write(nb, path)
    edited = path.read_text()
    _change_solution(repo, "# 과제 v2")
    capsys.readouterr()
    assert run(repo) == 1
    out = capsys.readouterr().out
    assert "exercises/02_demo.ipynb" in out and "--force" in out and "덮어쓰지 않았습니다" in out
    assert path.read_text() == edited

    assert run(repo, "--force") == 0
    out = capsys.readouterr().out
    backups = sorted((repo / "exercises").glob("02_demo.bak-*.ipynb"))
    assert len(backups) == 1 and backups[0].read_text() == edited
    assert f"exercises/{backups[0].name}" in out
    assert read_ex(repo).cells[0].source == "# 과제 v2"
    assert run(repo, "--check") == 0

    # a second forced regeneration in the same second never overwrites the first backup
    nb = read_ex(repo)
    nb.cells[6].source = "plain = 2  # 두 번째 수정"
    nbformat.write(nb, path)
    second = path.read_text()
    _change_solution(repo, "# 과제 v3")
    assert run(repo, "--force") == 0
    backups = sorted((repo / "exercises").glob("02_demo.bak-*.ipynb"))
    assert len(backups) == 2 and {b.read_text() for b in backups} == {edited, second}


def _learner_edit(repo):
    """What a learner does: fill in the task, run it (outputs), add a scratch cell, save."""
    path = repo / "exercises" / "02_demo.ipynb"
    nb = read_ex(repo)
    nb.cells[1].source = nb.cells[1].source.replace("raise NotImplementedError()", "return 1, 2  # 내 답")
    nb.cells[1].outputs = [new_output("stream", name="stdout", text="실행함\n")]
    nb.cells[1].execution_count = 4
    nb.cells.insert(2, new_code_cell("print('연습장')"))
    nbformat.write(nb, path)
    return path, path.read_text()


def test_learner_edits_are_not_stale(repo, capsys):
    run(repo)
    path, edited = _learner_edit(repo)
    capsys.readouterr()
    assert run(repo, "--check") == 0
    assert capsys.readouterr().out == ""
    # nothing to regenerate, so nothing is refused, even with --force: the file is left as it is
    assert run(repo) == 0 and run(repo, "--force") == 0
    assert path.read_text() == edited
    assert not list((repo / "exercises").glob("*.bak-*"))


def test_stale_learner_file_is_caught_and_the_fix_is_named(repo, capsys):
    run(repo)
    path, edited = _learner_edit(repo)
    _change_solution(repo, "# 과제 v2")
    capsys.readouterr()
    assert run(repo, "--check") == 1
    out = capsys.readouterr().out
    assert "exercises/02_demo.ipynb (오래됨, 학습자가 고친 파일)" in out
    assert "`make exercises FORCE=1`" in out and f"`{sys.executable} tools/make_exercises.py --force`" in out
    assert ".bak-" in out and "`make exercises`" not in out  # only the command that applies
    assert path.read_text() == edited


def test_strict_check_fails_on_edited_files_and_names_the_fix(repo, capsys):
    run(repo)
    path, edited = _learner_edit(repo)
    capsys.readouterr()
    assert run(repo, "--check", "--strict") == 1
    out = capsys.readouterr().out
    assert "exercises/02_demo.ipynb" in out and "--strict" in out
    assert "`make exercises FORCE=1 NAMES=02_demo`" in out
    assert f"`{sys.executable} tools/make_exercises.py --force 02_demo`" in out
    # the suggested command (script form) starts that exercise over, after a backup
    assert run(repo, "--force", "02_demo") == 0
    backups = list((repo / "exercises").glob("02_demo.bak-*.ipynb"))
    assert len(backups) == 1 and backups[0].read_text() == edited
    assert run(repo, "--check", "--strict") == 0


def test_run_but_unedited_notebook_is_regenerated(repo):
    run(repo)
    nb = read_ex(repo)
    nb.cells[6].outputs = [new_output("execute_result", data={"text/plain": "1"}, execution_count=1)]
    nb.cells[6].execution_count = 1
    nbformat.write(nb, repo / "exercises" / "02_demo.ipynb")
    _change_solution(repo, "# 과제 v2")
    assert run(repo) == 0
    assert read_ex(repo).cells[0].source == "# 과제 v2"


def test_unbalanced_markers_are_reported(repo, capsys):
    sol = nbformat.read(repo / "solutions" / "02_demo.ipynb", 4)
    sol.cells[6].source = "def f():\n    ### BEGIN SOLUTION\n    return 1"
    nbformat.write(sol, repo / "solutions" / "02_demo.ipynb")
    assert run(repo) == 2
    assert "END SOLUTION" in capsys.readouterr().out
    assert not (repo / "exercises" / "02_demo.ipynb").exists()


def test_command_line(repo, capsys):
    # each run of the script pays nbformat's import (several seconds here), so only two subprocesses
    cmd = [sys.executable, str(SCRIPT), "--root", str(repo)]
    assert subprocess.run(cmd, capture_output=True, text=True).returncode == 0
    check = subprocess.run(cmd + ["--check"], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "" and check.stderr == ""
    assert run(repo, "nope") == 2
    assert "solutions/ 에 없는 노트북: nope" in capsys.readouterr().out
