"""minigrad.exercises.tasks (where the tasks are) and the parts of `make progress` that need no kernel.

`make progress` itself, on learners' clones, is tested in tests/test_learner_clone.py.
"""
from __future__ import annotations

import subprocess
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from minigrad.exercises.progress import Report, Row, _width, collect, find_exercises_dir
from minigrad.exercises.tasks import find_tasks, is_check_cell, is_task_cell


def test_tasks_are_found_by_tags_metadata_and_check_calls_not_by_position():
    cells = [
        new_markdown_cell("# 03장 연습 문제"),
        new_code_cell("import minigrad as torch"),
        new_markdown_cell("## 과제 1: 곱셈\n\n### 힌트\n설명"),
        new_code_cell("def f():\n    # YOUR CODE HERE\n    raise NotImplementedError()"),
        new_code_cell("ch03.check_f(f)"),
        new_markdown_cell("## 과제 2: 위상 정렬"),
        new_code_cell("def g():\n    return 1", metadata={"nbgrader": {"solution": True}}),
        new_code_cell("print('연습장')"),
        new_code_cell("assert g() == 1", metadata={"nbgrader": {"grade": True, "solution": False}}),
        new_code_cell("h = 1", metadata={"tags": ["task"]}),
        new_code_cell("verify(h)", metadata={"tags": ["check"]}),
        new_markdown_cell("## 정리"),
        new_code_cell("print(f())"),
    ]
    tasks = find_tasks(cells)
    assert [(t.number, t.name, t.check, t.cells) for t in tasks] == [
        (1, "과제 1: 곱셈", 4, [3]), (2, "과제 2: 위상 정렬", 8, [6]), (3, "과제 3", 10, [9])]
    assert is_check_cell(cells[4]) and not is_task_cell(cells[4])
    assert is_task_cell(cells[3]) and not is_check_cell(cells[3])
    assert not is_task_cell(cells[7]) and not is_check_cell(cells[7])  # the learner's scratch cell
    # an nbgrader solution cell that calls check...() is still the learner's cell
    solution_calling_check = new_code_cell("check_it()", metadata={"nbgrader": {"solution": True}})
    assert is_task_cell(solution_calling_check) and not is_check_cell(solution_calling_check)


def test_every_exercise_has_named_tasks():
    import importlib.util
    from pathlib import Path
    repo = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("make_exercises", repo / "tools" / "make_exercises.py")
    mx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mx)
    for solution in sorted((repo / "solutions").glob("*.ipynb")):
        tasks = find_tasks(mx.generate(solution, repo).cells)
        assert tasks and all(t.cells for t in tasks), solution.name
        assert all(t.name.startswith("과제") for t in tasks), [t.name for t in tasks]


def test_report_text_lines_up_hangul_and_the_html_escapes():
    report = Report([Row("01", "01_a.ipynb", "과제 1: 한글 이름", "passed"),
                     Row("03", "03_b.ipynb", "과제 2: `code` <b>", "failed", "[2/5] a & b"),
                     Row("03", "03_b.ipynb", "과제 3", "todo")], "exercises/")
    lines = str(report).splitlines()
    rows = [line for line in lines if line[:2] in ("01", "03")]
    # every result starts in the same display column (a Hangul syllable takes two)
    columns = {_width(line[:next(k for k, ch in enumerate(line) if ch in "✅❌⏳")]) for line in rows}
    assert len(rows) == 3 and len(columns) == 1, rows
    assert "과제 3개 중 ✅ 통과 1개 · ❌ 틀림 1개 · ⏳ 아직 1개" in lines
    assert "❌ 틀림 — [2/5] a & b" in str(report)
    html = report._repr_html_()
    assert "<code>code</code> &lt;b&gt;" in html and "a &amp; b" in html and "<b>" not in html


def test_a_notebook_that_is_not_json_is_reported_not_raised(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "03_broken.ipynb").write_text("{ 이건 JSON 이 아닙니다", encoding="utf-8")
    (folder / "03_broken.bak-20260101-000000.ipynb").write_text("{}", encoding="utf-8")  # backups: skipped
    report = collect(folder)
    assert [(r.chapter, r.status) for r in report.rows] == [("03", "failed")]
    assert "노트북 파일을 읽을 수 없습니다" in report.rows[0].detail


def test_notebook_without_check_cells_is_one_todo_row(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# 비어 있음")]), folder / "05_empty.ipynb")
    report = collect(folder)
    assert [(r.chapter, r.task, r.status) for r in report.rows] == [("05", "(노트북 전체)", "todo")]


def test_exercises_folder_is_found_from_a_chapter_folder(tmp_path):
    (tmp_path / "exercises").mkdir()
    nbformat.write(new_notebook(), tmp_path / "exercises" / "01_x.ipynb")
    (tmp_path / "notebooks").mkdir()
    assert find_exercises_dir(tmp_path / "notebooks") == (tmp_path / "exercises").resolve()
    assert find_exercises_dir(tmp_path / "exercises") == (tmp_path / "exercises").resolve()


def test_command_without_exercises_says_where_it_looked_and_what_to_run(tmp_path):
    out = subprocess.run([sys.executable, "-m", "minigrad.exercises.progress", "--exercises",
                          str(tmp_path / "nowhere")], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 2
    assert "exercises/" in out.stderr and "`make progress`" in out.stderr and "Traceback" not in out.stderr
