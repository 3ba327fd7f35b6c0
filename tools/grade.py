#!/usr/bin/env python3
"""Grade learners' exercise notebooks with the course's own check cells, run headless.

    make grade SUBMISSIONS=submissions/            # -> grades/grades.csv and grades/report.md
    python tools/grade.py submissions/ --out grades --timeout 120 --jobs 2

SUBMISSIONS holds one folder per learner (its name is the learner's name in the results). In it, the
learner's exercise notebooks, at any depth: `submissions/kim/03_backward_chain_rule.ipynb`, or nbgrader's
layout `submitted/kim/minigrad/03_backward_chain_rule.ipynb`. A notebook is matched to its chapter by
the name of exercises/NN_name.ipynb, else by the `minigrad.generated_from` metadata the generator
wrote into it, else by a file name starting with NN_name (`03_backward_chain_rule (1).ipynb`).

How a notebook is graded
- The released notebook (exercises/NN_name.ipynb) says what is graded: each code cell with nbgrader
  metadata `grade: true` is a task's check cell, worth its `points`; the task's title is the heading
  above it.
- The learner's notebook runs top to bottom in a fresh kernel of this interpreter, in a scratch copy of
  the learner's folder (so nothing the learner's code writes lands in the submission; the submission
  is only read). Each cell has `--timeout` seconds; a cell that runs longer is interrupted (an infinite
  loop) and the run goes on; a kernel that does not come back, or dies, ends that notebook's run.
- The check cells run as released: a check cell the learner edited is put back as released (and the
  row says so), one the learner deleted cannot run (status missing_cell, 0 points). Cells are found by
  their nbgrader `grade_id`, else by their released source.
- A task scores its points when the chapter's check function reports every case passed (the
  CheckResult of minigrad/exercises/feedback.py, recorded as the check cell runs), else 0. The first
  failing case is the check's own (description and reason), or the error that stopped the check cell.

Statuses (CSV `status`): passed, failed, not_implemented, error, timeout, missing_cell,
missing_notebook, unreadable, kernel_died, not_run, and grading_failed when the grader itself could not
run the notebook (no kernel would start: grade again). The CSV has one row per learner per task; the
Markdown report says the same in Korean, per learner (a notebook whose tasks all passed, or that is
missing or unreadable, takes one row there). Both are written to --out (never inside
SUBMISSIONS); nothing else is written.

Why not nbgrader's autograde: it scores a grade cell by whether it raised, and the course's check cells
never raise (they print their Korean report, so an untouched notebook runs top to bottom), so autograde
gives an untouched exercise full marks.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import csv
import importlib.util
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TIMEOUT = 120
PROBE_TIMEOUT = 5
KERNEL_START_TRIES = 3
CSV_FIELDS = ["learner", "notebook", "task", "title", "points", "max_points", "status", "first_failure", "note"]
STATUS_KO = {
    "passed": "통과", "failed": "틀림", "not_implemented": "미구현", "error": "오류", "timeout": "시간 초과",
    "missing_cell": "확인 셀 없음", "missing_notebook": "제출 안 함", "unreadable": "읽을 수 없음",
    "kernel_died": "커널 종료", "not_run": "실행 안 됨", "grading_failed": "채점 실패",
}
# In the report (not the CSV), a notebook whose tasks all have one of these, alike, takes one row.
ONE_ROW_STATUSES = ("passed", "missing_notebook", "unreadable")
PREFIX = "_minigrad_grading"

# Runs first in the learner's kernel. Imports the real minigrad before the learner's folder can shadow it
# (the kernel's working directory is first on sys.path), and records the CheckResult of every check that
# finishes while a check cell runs (Check.done is where every check of minigrad/exercises ends; a second
# call of done() on the same check only returns its result and is not counted again).
SETUP = f'''\
import json as {PREFIX}_json, os as {PREFIX}_os, sys as {PREFIX}_sys
{PREFIX}_here = {PREFIX}_os.path.realpath({PREFIX}_os.getcwd())
{PREFIX}_path = list({PREFIX}_sys.path)
{PREFIX}_sys.path[:] = [p for p in {PREFIX}_path if {PREFIX}_os.path.realpath(p or ".") != {PREFIX}_here]
import minigrad, minigrad.exercises.feedback as {PREFIX}_feedback
{PREFIX}_sys.path[:] = {PREFIX}_path
{PREFIX}_results, {PREFIX}_current = {{}}, [None]
{PREFIX}_done = {PREFIX}_feedback.Check.done

def {PREFIX}_record(self, *args, **kwargs):
    first = self.result is None
    result = {PREFIX}_done(self, *args, **kwargs)
    if first and {PREFIX}_current[0] is not None:
        {PREFIX}_results.setdefault({PREFIX}_current[0], []).append((result, getattr(self, "_not_implemented", None)))
    return result

{PREFIX}_feedback.Check.done = {PREFIX}_record

def {PREFIX}_summary(key):
    """The check cell's result: passed when every check it ran passed, else the first that did not."""
    done = {PREFIX}_results.get(key)
    if not done:
        return None
    result, stopped_at = next((r for r in done if not r[0].passed), done[0])
    return {{"title": result.title, "status": result.status, "total": result.total, "stopped_at": stopped_at,
             "failures": [{{"number": f.number, "description": f.description, "kind": f.kind,
                           "reason": f.reason}} for f in result.failures]}}
'''


def _begin(grade_id):
    return f"{PREFIX}_current[0] = {grade_id!r}"


def _end(grade_id):
    return f"{PREFIX}_current[0] = None\nprint({PREFIX}_json.dumps({PREFIX}_summary({grade_id!r})))"


# ------------------------------------------------------------------------------------------ the release
@dataclass
class Task:
    notebook: str
    grade_id: str
    points: float
    title: str
    source: str
    solution_ids: list = field(default_factory=list)


def load_release(release_dir):
    """{notebook stem: [Task, ...]} from the released exercise notebooks, in chapter and cell order."""
    import nbformat

    release = {}
    for path in sorted(release_dir.glob("*.ipynb")):
        if ".bak-" in path.name:
            continue
        nb = nbformat.read(path, as_version=4)
        tasks, title, solutions = [], path.stem, []
        for cell in nb.cells:
            md = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
                title = cell.source.strip().splitlines()[0].lstrip("#").strip()
            elif md.get("solution"):
                solutions.append(md.get("grade_id"))
            elif cell.cell_type == "code" and md.get("grade"):
                tasks.append(Task(path.stem, md["grade_id"], md.get("points", 1), title, cell.source, solutions))
                solutions = []
        if tasks:
            release[path.stem] = tasks
    return release


# ------------------------------------------------------------------------------------------ submissions
def find_learners(submissions):
    return sorted((p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith(".")),
                  key=lambda p: p.name)


def _notebook_files(folder):
    for path in sorted(folder.rglob("*.ipynb")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or ".bak-" in path.name:
            continue  # .ipynb_checkpoints/, hidden folders, the generator's backups
        yield path


def _generated_from(path):
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        return Path(meta.get("minigrad", {}).get("generated_from", "")).stem or None
    except (OSError, ValueError, AttributeError):
        return None


def match_notebooks(learner_dir, stems):
    """{stem: (path, note)} for the chapters found in a learner's folder."""
    files = list(_notebook_files(learner_dir))
    found = {}
    for stem in stems:
        exact = [p for p in files if p.stem == stem]
        tagged = [p for p in files if p not in exact and _generated_from(p) == stem]
        named = [p for p in files if p not in exact + tagged and p.stem.startswith(stem)]
        candidates = exact + tagged + named
        if not candidates:
            continue
        chosen, note = candidates[0], ""
        if chosen not in exact:
            note = f"파일 이름이 달라 {chosen.name} 을(를) 이 장의 노트북으로 채점했습니다."
        if len(candidates) > 1:
            others = ", ".join(p.relative_to(learner_dir).as_posix() for p in candidates[1:])
            note = (note + " " if note else "") + (
                f"같은 장의 노트북이 여럿이라 {chosen.relative_to(learner_dir).as_posix()} 만 채점했습니다 "
                f"(나머지: {others}).")
        found[stem] = (chosen, note)
    return found


# ------------------------------------------------------------------------------------------ one notebook
def _row(task, status, points=0, first_failure="", notes=()):
    return {"task": task.grade_id, "title": task.title, "points": points, "max_points": task.points,
            "status": status, "first_failure": first_failure, "note": " ".join(n for n in notes if n)}


def _clean(text):
    """One line, without the kernel's per-run file names (`(3337432436.py, line 4)` -> `(4번째 줄)`)."""
    text = re.sub(r"\s*\((?:[^()\s]*[\\/])?\d+\.py, line (\d+)\)", r" (\1번째 줄)", str(text))
    text = re.sub(r"(?:[A-Za-z]:)?(?:[\\/][^\\/\s'\"<>:]+)*[\\/]ipykernel_\d+[\\/]\d+\.py", "<cell>", text)
    return " / ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _errors(cell):
    return [f"{o.get('ename', '')}: {o.get('evalue', '')}" for o in cell.get("outputs", [])
            if o.get("output_type") == "error"]


def _first_failure(summary):
    if summary["status"] == "not_implemented":
        return f"아직 구현하지 않았습니다 (멈춘 곳: {summary['stopped_at']})"
    failure = summary["failures"][0]
    reason = failure["reason"] if failure["kind"] == "wrong" else f"실행 중 오류: {failure['reason']}"
    return _clean(f"[{failure['number']}/{summary['total']}] {failure['description']} — {reason}")


def _locate(nb, tasks):
    """Map cell index -> task for the check cells, restoring edited ones; notes per task; missing ids."""
    from nbformat.v4 import new_code_cell

    plan, notes, missing = {}, {t.grade_id: [] for t in tasks}, []
    for task in tasks:
        by_id = [i for i, c in enumerate(nb.cells) if i not in plan
                 and c.metadata.get("nbgrader", {}).get("grade_id") == task.grade_id]
        by_source = [i for i, c in enumerate(nb.cells) if i not in plan
                     and c.cell_type == "code" and c.source.strip() == task.source.strip()]
        found = by_id or by_source
        if not found:
            missing.append(task.grade_id)
            notes[task.grade_id].append(f"확인 셀({task.grade_id})이 지워져 채점하지 못했습니다.")
            continue
        index, cell = found[0], nb.cells[found[0]]
        if cell.cell_type != "code" or cell.source != task.source:
            notes[task.grade_id].append("확인 셀이 고쳐져 있어 배포한 확인 셀로 되돌려 채점했습니다.")
        # As released: its source, and no tags (a `skip-execution` tag would keep it from running).
        nb.cells[index] = new_code_cell(task.source, metadata={"nbgrader": cell.metadata.get("nbgrader", {})})
        plan[index] = task
        ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
        for solution_id in task.solution_ids:
            if solution_id not in ids:
                notes[task.grade_id].append(f"과제 셀({solution_id})을 찾지 못했습니다 (지워졌거나 메타데이터가 없음).")
    return plan, notes, missing


def _client_class():
    from nbclient import NotebookClient

    class GradingClient(NotebookClient):
        """NotebookClient that remembers whether the last cell ran out of time."""
        timed_out = False

        async def _async_handle_timeout(self, timeout, cell=None):
            self.timed_out = True
            return await super()._async_handle_timeout(timeout, cell)

    return GradingClient


def _kernel_manager_class():
    spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "tools" / "run_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._current_env_kernel_manager_class()


def grade_notebook(path, workdir, tasks, timeout):
    """Rows (dicts without learner/notebook) for one learner's notebook at `path`, run in `workdir`."""
    import nbformat
    from nbclient.exceptions import DeadKernelError
    from nbformat.v4 import new_code_cell

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any broken file is graded as unreadable
        message = re.split(r": ['{]", str(exc))[0]  # not the file's content that some errors quote
        why = _clean(f"{type(exc).__name__}: {message}")[:200]
        return [_row(t, "unreadable", first_failure=f"노트북 파일을 읽을 수 없습니다: {why}") for t in tasks]
    plan, notes, missing = _locate(nb, tasks)
    solution_of = {sid: t.grade_id for t in tasks for sid in t.solution_ids}
    outcomes = {}  # grade_id -> (status, points, first_failure)

    client_class, kernel_manager_class = _client_class(), _kernel_manager_class()

    def new_client():
        return client_class(
            nb, kernel_name="python3", kernel_manager_class=kernel_manager_class, timeout=timeout,
            allow_errors=True, interrupt_on_timeout=True, record_timing=False, shutdown_kernel="immediate",
            error_on_timeout={"ename": "TimeoutError", "evalue": f"{timeout}초 안에 끝나지 않았습니다", "traceback": []},
            resources={"metadata": {"path": str(workdir)}})

    def run(cell, index, seconds=timeout):
        """'ok' or 'timeout'; raises DeadKernelError. The grader's own cells (index -1) stay out of the
        kernel's history, so the learner's `In`/`Out`/`_` are what they would be in JupyterLab."""
        client.timeout, client.timed_out = seconds, False
        client.execute_cell(cell, index, store_history=index >= 0)
        return "timeout" if client.timed_out else "ok"

    def run_learner_cells():
        """Run the learner's cells in order; fills `outcomes` and `notes`; returns "timeout" when a kernel
        that ran out of time no longer answers (the rest cannot run), else None."""
        nonlocal at
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            at = index
            task = plan.get(index)
            if task:
                run(new_code_cell(_begin(task.grade_id)), -1)
            result = run(cell, index)
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in solution_of and (result == "timeout" or _errors(cell)):
                why = f"{timeout}초 안에 끝나지 않았습니다" if result == "timeout" else _clean(_errors(cell)[0])
                notes[solution_of[grade_id]].append(f"과제 셀 실행 오류: {why}")
            if task:
                outcomes[task.grade_id] = check_outcome(task, cell, result)
            if result == "timeout" and run(new_code_cell("pass"), -1, PROBE_TIMEOUT) == "timeout":
                return "timeout"
        return None

    def check_outcome(task, cell, result):
        """(status, points, first failure) of a check cell that just ran."""
        if result == "timeout":
            return "timeout", 0, f"확인 셀이 {timeout}초 안에 끝나지 않았습니다 (무한 루프인지 보세요)."
        end = new_code_cell(_end(task.grade_id))
        run(end, -1)
        lines = "".join(o.get("text", "") for o in end.outputs if o.get("output_type") == "stream").strip().splitlines()
        try:
            summary = json.loads(lines[-1]) if lines else None
        except ValueError:  # the learner's code changed what printing does
            summary = None
        if summary is None:
            errors = _errors(cell)
            return "error", 0, "확인 셀 실행 오류: " + (_clean(errors[0]) if errors else "확인 함수가 결과를 내지 않았습니다.")
        if summary["status"] == "passed":
            return "passed", task.points, ""
        return summary["status"], 0, _first_failure(summary)

    stopped = None  # why the run ended early: "kernel_died" or "timeout"
    at = None  # the learner's cell running when it ended
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    for attempt in range(1, KERNEL_START_TRIES + 1):
        started, client = False, new_client()
        try:
            # The kernel's own stdout/stderr (start-up notices) stay out of the grader's output.
            with client.setup_kernel(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
                setup = new_code_cell(SETUP)
                if run(setup, -1) != "ok" or _errors(setup):
                    raise RuntimeError(f"채점 준비 셀이 실패했습니다: {_errors(setup)}")
                started = True
                stopped = run_learner_cells()
            break
        except Exception as exc:  # noqa: BLE001
            # A kernel that fails to start (e.g. it lost a race for a TCP port to another process) is
            # started again: nothing of the learner's has run yet.
            if not started and attempt < KERNEL_START_TRIES:
                continue
            if not isinstance(exc, DeadKernelError):
                raise
            stopped = "kernel_died"
            grade_id = nb.cells[at].metadata.get("nbgrader", {}).get("grade_id") if at is not None else None
            if grade_id in solution_of:
                notes[solution_of[grade_id]].append("이 과제 셀을 실행하다 커널이 종료되었습니다.")
            break
    rows = []
    for task in tasks:
        if task.grade_id in outcomes:
            status, points, first = outcomes[task.grade_id]
        elif task.grade_id in missing:
            status, points, first = "missing_cell", 0, "확인 셀이 없습니다."
        elif stopped == "kernel_died":
            status, points, first = "kernel_died", 0, (f"이 확인 셀에 닿기 전에 커널이 종료되었습니다 (노트북의 {at + 1}번째 셀 "
                                                       "실행 중: os._exit, 메모리 부족 등).")
        else:
            status, points, first = "not_run", 0, "시간 초과 뒤 커널이 응답하지 않아 이 확인 셀을 실행하지 못했습니다."
        rows.append(_row(task, status, points, first, notes[task.grade_id]))
    return rows


def grade_job(learner_dir, learner, stem, path, note, tasks, timeout):
    """One learner's notebook, run in a scratch copy of the learner's folder. Returns rows."""
    with tempfile.TemporaryDirectory(prefix="minigrad-grade-") as tmp:
        copy = Path(tmp) / "learner"
        shutil.copytree(learner_dir, copy, symlinks=True)
        copied = copy / path.relative_to(learner_dir)
        try:
            rows = grade_notebook(copied, copied.parent, tasks, timeout)
        except Exception as exc:  # noqa: BLE001 - one notebook never stops the run
            why = _clean(f"{type(exc).__name__}: {exc}")[:300]
            rows = [_row(t, "grading_failed", first_failure=f"채점 중 오류: {why} — make grade 를 다시 실행하세요")
                    for t in tasks]
    for row in rows:
        row.update(learner=learner, notebook=stem)
        row["note"] = " ".join(n for n in (note, row["note"]) if n)
    return rows


# ------------------------------------------------------------------------------------------ output
def _points(value):
    return int(value) if float(value).is_integer() else round(float(value), 2)


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "points": _points(row["points"]), "max_points": _points(row["max_points"])})


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_report(rows, release, learners, submissions_label, timeout, path):
    n_tasks = sum(len(t) for t in release.values())
    full = _points(sum(t.points for tasks in release.values() for t in tasks))
    lines = [
        "# 연습 문제 채점 결과", "",
        f"제출 폴더 `{submissions_label}`: 학습자 {len(learners)}명, 노트북 {len(release)}개, 과제 {n_tasks}개 "
        f"(만점 {full}점). 확인 셀 하나의 제한 시간 {timeout}초.", "",
        "과제마다 확인 셀의 검사가 모두 맞으면 배점 전부, 아니면 0점입니다. 확인 셀은 배포한 그대로 실행합니다 "
        "(학습자가 고친 확인 셀은 되돌려 실행하고 참고에 적습니다).", "",
        "## 요약", "", "| 학습자 | 점수 | 통과한 과제 | 참고 (상태별 과제 수) |", "|---|---:|---:|---|",
    ]
    by_learner = {name: [r for r in rows if r["learner"] == name] for name in learners}
    for name, mine in by_learner.items():
        score = _points(sum(r["points"] for r in mine))
        passed = sum(r["status"] == "passed" for r in mine)
        counts = {}
        for r in mine:
            if r["status"] not in ("passed", "failed", "not_implemented"):
                counts[r["status"]] = counts.get(r["status"], 0) + 1
        edited = sum("되돌려 채점" in r["note"] for r in mine)
        remarks = [f"{STATUS_KO[s]} {n}" for s, n in counts.items()] + ([f"확인 셀 수정 {edited}"] if edited else [])
        lines.append(f"| {_cell(name)} | {score} / {full} | {passed} / {len(mine)} | {_cell(', '.join(remarks))} |")
    for name, mine in by_learner.items():
        score = _points(sum(r["points"] for r in mine))
        lines += ["", f"## {name} — {score} / {full}점", "",
                  "| 노트북 | 과제 | 점수 | 결과 | 처음 틀린 경우 | 참고 |", "|---|---|---:|---|---|---|"]
        for notebook in dict.fromkeys(r["notebook"] for r in mine):
            group = [r for r in mine if r["notebook"] == notebook]
            same = {(r["status"], r["first_failure"], r["note"]) for r in group}
            if len(group) > 1 and len(same) == 1 and group[0]["status"] in ONE_ROW_STATUSES:
                # Every task of the notebook alike (all passed, not submitted, unreadable): one row.
                group = [{**group[0], "title": f"과제 {len(group)}개 모두",
                          "points": sum(r["points"] for r in group), "max_points": sum(r["max_points"] for r in group)}]
            for r in group:
                lines.append(f"| {r['notebook']} | {_cell(r['title'])} | {_points(r['points'])} / "
                             f"{_points(r['max_points'])} | {STATUS_KO[r['status']]} | {_cell(r['first_failure'])} "
                             f"| {_cell(r['note'])} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ------------------------------------------------------------------------------------------ main
def _fail(message):
    print(message, file=sys.stderr)
    return 2


def main(argv=None):
    ap = argparse.ArgumentParser(description="학습자들의 연습 노트북을 과정의 확인 셀로 채점합니다 (CSV 와 보고서).")
    ap.add_argument("submissions", type=Path, help="제출 폴더: 학습자마다 하위 폴더 하나")
    ap.add_argument("--out", type=Path, default=ROOT / "grades", help="결과를 쓸 폴더 (기본: grades/)")
    ap.add_argument("--release", type=Path, default=ROOT / "exercises", help="배포한 연습 노트북 폴더 (기본: exercises/)")
    ap.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT, help=f"셀 하나의 제한 시간, 초 (기본 {DEFAULT_TIMEOUT})")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="동시에 채점할 노트북 수")
    args = ap.parse_args(argv)

    submissions = args.submissions
    if not submissions.is_dir():
        return _fail(f"오류: 제출 폴더 '{submissions}' 가 없습니다. 학습자마다 하위 폴더 하나를 둔 폴더를 주세요: "
                     f"make grade SUBMISSIONS=submissions/")
    learners = find_learners(submissions)
    if not learners:
        loose = [p.name for p in submissions.glob("*.ipynb")]
        hint = (f" 노트북({', '.join(loose[:3])}{' …' if len(loose) > 3 else ''})이 바로 들어 있습니다: 학습자 이름의 "
                f"하위 폴더(예: {submissions}/kim/)로 옮기세요." if loose else "")
        return _fail(f"오류: '{submissions}' 에 학습자 폴더가 없습니다.{hint} "
                     f"구조: {submissions}/<학습자>/03_backward_chain_rule.ipynb ...")
    out = args.out.resolve()
    if out == submissions.resolve() or submissions.resolve() in out.parents:
        return _fail(f"오류: 결과 폴더 '{args.out}' 가 제출 폴더 안에 있습니다. 제출물은 건드리지 않으므로 "
                     f"다른 곳을 주세요: make grade SUBMISSIONS={submissions} GRADES=grades")
    release = load_release(args.release)
    if not release:
        return _fail(f"오류: '{args.release}' 에 확인 셀(nbgrader grade: true)이 있는 연습 노트북이 없습니다. "
                     f"make exercises 로 exercises/ 를 만드세요.")

    jobs, rows_of = [], {}
    for learner_dir in learners:
        found = match_notebooks(learner_dir, list(release))
        for stem, tasks in release.items():
            if stem not in found:
                rows_of[(learner_dir.name, stem)] = [
                    {**_row(t, "missing_notebook", first_failure=f"{stem}.ipynb 가 제출 폴더에 없습니다."),
                     "learner": learner_dir.name, "notebook": stem} for t in tasks]
            else:
                path, note = found[stem]
                jobs.append((learner_dir, learner_dir.name, stem, path, note, tasks, args.timeout))
    print(f">> 학습자 {len(learners)}명, 채점할 노트북 {len(jobs)}개 (동시에 {max(1, args.jobs)}개, "
          f"셀 제한 시간 {args.timeout}초)", flush=True)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs), mp_context=context) as pool:
        futures = {pool.submit(grade_job, *job): job for job in jobs}
        for future in concurrent.futures.as_completed(futures):
            _, learner, stem, *_ = futures[future]
            rows_of[(learner, stem)] = future.result()
            got = sum(r["points"] for r in rows_of[(learner, stem)])
            full = sum(r["max_points"] for r in rows_of[(learner, stem)])
            print(f"   {learner} / {stem}: {_points(got)} / {_points(full)}", flush=True)

    rows = [row for learner_dir in learners for stem in release for row in rows_of[(learner_dir.name, stem)]]
    out.mkdir(parents=True, exist_ok=True)
    write_csv(rows, out / "grades.csv")
    write_report(rows, release, [p.name for p in learners], submissions.as_posix(), args.timeout, out / "report.md")
    full = _points(sum(t.points for tasks in release.values() for t in tasks))
    print("\n채점 결과:")
    for learner_dir in learners:
        score = _points(sum(r["points"] for r in rows if r["learner"] == learner_dir.name))
        print(f"  {learner_dir.name}: {score} / {full}")
    print(f"\nCSV: {args.out / 'grades.csv'}\n보고서: {args.out / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
