"""`make grade SUBMISSIONS=dir/` as the README gives it, on synthetic classes built from solutions/ and
exercises/: the solutions score full marks, the untouched exercises zero, and deliberately broken
submissions (syntax error, wrong answer, infinite loops, edited or deleted check cells, a renamed, a
missing and an unreadable notebook, a kernel that dies) are graded as such without stopping the run.
Nothing in the submissions folder changes. Expectations come from the released notebooks (exercises/),
not from numbers written here: which task is broken is chosen by position (the last task of a chapter,
whose check does not depend on a later task).
"""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402  (tools/grade.py: only its release reader is used here)
import make_exercises  # noqa: E402  (the untouched exercise, made from the solution as `make exercises` does)

TIMEOUT = 10  # seconds per cell in these runs (an infinite loop costs this much)
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make 이 없습니다")


def make(*args, cwd=ROOT):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900)


# ---------------------------------------------------------------------------------------------------
# Building the class

def _cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _into_region(cell, lines):
    """Put `lines` at the start of the cell's first solution region, at its indent (they run when the
    learner's function is called)."""
    out, done = [], False
    for line in cell.source.splitlines():
        out.append(line)
        if not done and "BEGIN SOLUTION" in line:
            indent = re.match(r"\s*", line).group(0)
            out += [indent + text for text in lines]
            done = True
    assert done, cell.source
    cell.source = "\n".join(out)


def _replace_region(cell, lines):
    """Replace the first solution region's body by `lines` (a wrong answer that runs)."""
    out, inside, done = [], False, False
    for line in cell.source.splitlines():
        if "BEGIN SOLUTION" in line and not done:
            indent = re.match(r"\s*", line).group(0)
            out += [line] + [indent + text for text in lines]
            inside = True
        elif "END SOLUTION" in line and inside:
            out.append(line)
            inside, done = False, True
        elif not inside:
            out.append(line)
    assert done, cell.source
    cell.source = "\n".join(out)


@pytest.fixture(scope="module")
def release():
    rel = grade.load_release(ROOT / "exercises")
    assert len(rel) >= 8, "이 테스트는 연습 노트북 8개(01–08장)를 가정합니다"
    return rel


@pytest.fixture(scope="module")
def graded(tmp_path_factory, release):
    """Build the class, snapshot it, run `make grade` once; yield what the tests look at."""
    base = tmp_path_factory.mktemp("grading")
    subs = base / "submissions"
    chapters = list(release)
    full, zero, broken, stuck = (subs / name for name in ("full", "zero", "broken", "stuck"))
    full.mkdir(parents=True)
    (zero / "minigrad").mkdir(parents=True)  # nbgrader's submitted/<learner>/<assignment>/ layout
    broken.mkdir()
    stuck.mkdir()
    for stem in chapters:
        shutil.copy(ROOT / "solutions" / f"{stem}.ipynb", full / f"{stem}.ipynb")
        # generated afresh: exercises/ may hold a learner's work (tests/test_learner_clone.py runs this
        # suite in a clone whose exercises are partly solved)
        nbformat.write(make_exercises.generate(ROOT / "solutions" / f"{stem}.ipynb"),
                       zero / "minigrad" / f"{stem}.ipynb")

    def solution(stem):
        return nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)

    def last(stem):
        task = release[stem][-1]
        return task, task.solution_ids[-1]

    expect = {}  # (learner, notebook, task) -> status; tasks not listed for `broken` pass

    # 0: a syntax error in the last task's cell
    stem = chapters[0]; nb = solution(stem); task, sid = last(stem)
    _cell(nb, sid).source += "\n    return (\n"
    nbformat.write(nb, broken / f"{stem}.ipynb")
    expect[("broken", stem, task.grade_id)] = "error"
    # 1: a wrong answer that also writes a file where it runs
    stem = chapters[1]; nb = solution(stem); task, sid = last(stem)
    _replace_region(_cell(nb, sid), ["pass"])
    _cell(nb, sid).source = "open('written_by_learner.txt', 'w').write('x')\n" + _cell(nb, sid).source
    nbformat.write(nb, broken / f"{stem}.ipynb")
    expect[("broken", stem, task.grade_id)] = "failed"
    # 2: an infinite loop (interruptible) in the last task
    stem = chapters[2]; nb = solution(stem); task, sid = last(stem)
    _into_region(_cell(nb, sid), ["while True:", "    pass"])
    nbformat.write(nb, broken / f"{stem}.ipynb")
    expect[("broken", stem, task.grade_id)] = "timeout"
    # 3: an edited check cell that prints a pass, over a wrong answer
    stem = chapters[3]; nb = solution(stem); task, sid = last(stem)
    _replace_region(_cell(nb, sid), ["pass"])
    _cell(nb, task.grade_id).source = 'print("✅ 통과!")'
    nbformat.write(nb, broken / f"{stem}.ipynb")
    expect[("broken", stem, task.grade_id)] = "failed"
    # 4: a deleted check cell, in a notebook saved under another name
    stem = chapters[4]; nb = solution(stem); task, _ = last(stem)
    nb.cells.remove(_cell(nb, task.grade_id))
    nbformat.write(nb, broken / f"{stem} (1).ipynb")
    expect[("broken", stem, task.grade_id)] = "missing_cell"
    # 5: not submitted; 6: not a notebook any more (cut short)
    for task in release[chapters[5]]:
        expect[("broken", chapters[5], task.grade_id)] = "missing_notebook"
    text = (ROOT / "solutions" / f"{chapters[6]}.ipynb").read_text(encoding="utf-8")
    (broken / f"{chapters[6]}.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")
    for task in release[chapters[6]]:
        expect[("broken", chapters[6], task.grade_id)] = "unreadable"
    # 7: the kernel dies in the last task's cell
    stem = chapters[7]; nb = solution(stem); task, sid = last(stem)
    _cell(nb, sid).source = "import os\nos._exit(1)\n" + _cell(nb, sid).source
    nbformat.write(nb, broken / f"{stem}.ipynb")
    expect[("broken", stem, task.grade_id)] = "kernel_died"
    # stuck: a loop that swallows the interrupt, in the first task: the rest of the notebook cannot run
    stem = chapters[2]; nb = solution(stem); first = release[stem][0]
    _into_region(_cell(nb, first.solution_ids[0]),
                 ["while True:", "    try:", "        while True:", "            pass",
                  "    except BaseException:", "        pass"])
    nbformat.write(nb, stuck / f"{stem}.ipynb")
    for stem_ in chapters:
        for task in release[stem_]:
            status = "missing_notebook" if stem_ != stem else ("timeout" if task is first else "not_run")
            expect[("stuck", stem_, task.grade_id)] = status

    before = _snapshot(subs)
    out = base / "grades"
    run = make("grade", f"SUBMISSIONS={subs}/", f"GRADES={out}", f"GRADE_ARGS=--timeout {TIMEOUT}")
    yield {"run": run, "subs": subs, "out": out, "before": before, "expect": expect}


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(graded):
    with open(graded["out"] / "grades.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------------------------------
# The results

def test_make_grade_runs_and_writes_csv_and_report(graded):
    run = graded["run"]
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert (graded["out"] / "grades.csv").is_file() and (graded["out"] / "report.md").is_file()
    assert "Traceback" not in run.stdout + run.stderr


def test_one_row_per_learner_per_task(graded, release):
    rows = _rows(graded)
    assert list(rows[0]) == grade.CSV_FIELDS
    keys = [(r["learner"], r["notebook"], r["task"]) for r in rows]
    tasks = [(stem, t.grade_id) for stem, ts in release.items() for t in ts]
    assert keys == [(learner, stem, task) for learner in ("broken", "full", "stuck", "zero") for stem, task in tasks]


def test_solutions_score_full_marks(graded, release):
    rows = [r for r in _rows(graded) if r["learner"] == "full"]
    points = {(stem, t.grade_id): t.points for stem, ts in release.items() for t in ts}
    for r in rows:
        assert r["status"] == "passed", r
        assert float(r["points"]) == float(r["max_points"]) == points[(r["notebook"], r["task"])]
        assert r["first_failure"] == "" and r["note"] == ""


def test_untouched_exercises_score_zero(graded):
    rows = [r for r in _rows(graded) if r["learner"] == "zero"]
    assert rows
    for r in rows:
        assert (r["status"], float(r["points"])) == ("not_implemented", 0), r
        assert r["first_failure"].startswith("아직 구현하지 않았습니다 (멈춘 곳: "), r


def test_broken_submissions_are_graded_as_such(graded):
    expect = graded["expect"]
    for r in _rows(graded):
        if r["learner"] not in ("broken", "stuck"):
            continue
        wanted = expect.get((r["learner"], r["notebook"], r["task"]), "passed")
        assert r["status"] == wanted, r
        assert float(r["points"]) == (float(r["max_points"]) if wanted == "passed" else 0), r
        assert (r["first_failure"] == "") == (wanted == "passed"), r


def test_broken_rows_say_what_happened(graded, release):
    rows = {(r["learner"], r["notebook"], r["task"]): r for r in _rows(graded)}
    chapters = list(release)

    def last(i, learner="broken"):
        return rows[(learner, chapters[i], release[chapters[i]][-1].grade_id)]

    assert "SyntaxError" in last(0)["note"] and "NameError" in last(0)["first_failure"]
    assert re.match(r"\[\d+/\d+\] ", last(1)["first_failure"]), last(1)  # the check's own first failing case
    assert f"{TIMEOUT}초 안에 끝나지 않았습니다" in last(2)["first_failure"]
    assert "되돌려 채점" in last(3)["note"] and re.match(r"\[\d+/\d+\] ", last(3)["first_failure"])
    assert "지워져" in last(4)["note"]
    assert all("파일 이름이 달라" in rows[("broken", chapters[4], t.grade_id)]["note"] for t in release[chapters[4]])
    assert "커널이 종료" in last(7)["first_failure"] and "커널이 종료" in last(7)["note"]
    assert "읽을 수 없습니다" in last(6)["first_failure"]
    not_run = [r for r in rows.values() if r["learner"] == "stuck" and r["status"] == "not_run"]
    assert not_run and all("응답하지 않아" in r["first_failure"] for r in not_run)


def test_submissions_are_never_modified(graded):
    assert _snapshot(graded["subs"]) == graded["before"]
    assert not list(graded["subs"].rglob("written_by_learner.txt"))


def test_report_is_korean_and_matches_the_csv(graded):
    rows = _rows(graded)
    report = (graded["out"] / "report.md").read_text(encoding="utf-8")
    full = sum(float(r["max_points"]) for r in rows if r["learner"] == "full")
    for learner in ("broken", "full", "stuck", "zero"):
        score = sum(float(r["points"]) for r in rows if r["learner"] == learner)
        heading = f"## {learner} — {grade._points(score)} / {grade._points(full)}점"
        assert heading in report, heading
    for r in rows:
        if r["status"] != "passed":
            assert f"| {grade.STATUS_KO[r['status']]} | {r['first_failure'].replace('|', chr(92) + '|')} |" in report, r
    assert "## 요약" in report
    full_section = report.split("## full — ")[1].split("\n## ")[0]
    for stem in {r["notebook"] for r in rows}:
        mine = [r for r in rows if r["learner"] == "full" and r["notebook"] == stem]
        points = grade._points(sum(float(r["max_points"]) for r in mine))
        assert f"| {stem} | 과제 {len(mine)}개 모두 | {points} / {points} | 통과 |" in full_section  # one row
    summary = graded["run"].stdout
    assert "채점 결과:" in summary and "full: " in summary and "grades.csv" in summary


# ---------------------------------------------------------------------------------------------------
# Mistakes in the command: a message that says what to do, and nothing written

def test_make_grade_without_submissions_explains(tmp_path):
    run = make("grade", f"GRADES={tmp_path / 'out'}")
    assert run.returncode != 0
    assert "make grade SUBMISSIONS=" in run.stderr
    assert not (tmp_path / "out").exists()


def test_missing_folder_and_loose_notebooks_are_explained(tmp_path):
    run = make("grade", f"SUBMISSIONS={tmp_path / 'nowhere'}", f"GRADES={tmp_path / 'out'}")
    assert run.returncode != 0 and "없습니다" in run.stderr and "make grade SUBMISSIONS=" in run.stderr
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(next(p for p in sorted((ROOT / "exercises").glob("*.ipynb")) if ".bak-" not in p.name), loose)
    run = make("grade", f"SUBMISSIONS={loose}", f"GRADES={tmp_path / 'out'}")
    assert run.returncode != 0 and "하위 폴더" in run.stderr
    assert not (tmp_path / "out").exists()


def test_results_are_never_written_into_the_submissions(tmp_path):
    subs = tmp_path / "subs"
    (subs / "kim").mkdir(parents=True)
    before = _snapshot(subs)
    run = make("grade", f"SUBMISSIONS={subs}", f"GRADES={subs / 'grades'}")
    assert run.returncode != 0 and "제출 폴더 안에" in run.stderr
    assert _snapshot(subs) == before and not (subs / "grades").exists()


def test_readme_gives_the_command_these_tests_run():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "\nmake grade SUBMISSIONS=submissions/\n" in readme


def test_a_kernel_that_fails_to_start_is_started_again(monkeypatch, tmp_path, release):
    """Another process can take a kernel's TCP port between the moment it is picked and bound; the
    grader then starts the kernel again (nothing of the learner's has run) and, when it never starts,
    reports the notebook's tasks as errors instead of stopping the run."""
    import contextlib

    real = grade._client_class
    failures = {"left": 1}

    def flaky():
        class Flaky(real()):
            @contextlib.contextmanager
            def setup_kernel(self, **kwargs):
                if failures["left"] > 0:
                    failures["left"] -= 1
                    raise RuntimeError("Kernel died before replying to kernel_info")
                with super().setup_kernel(**kwargs):
                    yield
        return Flaky

    monkeypatch.setattr(grade, "_client_class", flaky)
    stem = next(iter(release))
    learner = tmp_path / "kim"
    learner.mkdir()
    shutil.copy(ROOT / "solutions" / f"{stem}.ipynb", learner)
    rows = grade.grade_job(learner, "kim", stem, learner / f"{stem}.ipynb", "", release[stem], TIMEOUT)
    assert failures["left"] == 0 and [r["status"] for r in rows] == ["passed"] * len(release[stem])
    failures["left"] = grade.KERNEL_START_TRIES
    rows = grade.grade_job(learner, "kim", stem, learner / f"{stem}.ipynb", "", release[stem], TIMEOUT)
    assert failures["left"] == 0
    assert all(r["status"] == "grading_failed" and "채점 중 오류" in r["first_failure"] for r in rows), rows
