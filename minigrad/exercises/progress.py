"""Where a learner stands in every exercise: ``make progress``, or ``progress()`` in a notebook cell.

    make progress                                    # from the repository folder
    .venv/bin/python -m minigrad.exercises.progress  # the same without make
    .venv/bin/python -m minigrad.exercises.progress 03_backward_chain_rule   # some chapters only

    from minigrad.exercises.progress import progress  # in a notebook (chapter 00 does this)
    progress()

Every ``exercises/NN_name.ipynb`` (backups ``*.bak-*.ipynb`` excluded) is copied into a temporary folder
and run there top to bottom, cell by cell, in a fresh kernel, with errors allowed (a cell with a syntax
error does not stop the rest). The learner's files are only read, never written. Each check cell's
``Check`` appends its result to a log (``$MINIGRAD_PROGRESS_LOG``, see ``feedback.py``); tasks are found
by the rules of :mod:`minigrad.exercises.tasks`. One Korean table comes out: chapter, task, and
✅ 통과 / ❌ 틀림 (with the first failing case, or the error that stopped the task) / ⏳ 아직.
"""
from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .feedback import PROGRESS_LOG_ENV
from .tasks import find_tasks

__all__ = ["progress", "collect", "Report", "Row", "find_exercises_dir", "main"]

PASSED, FAILED, TODO = "passed", "failed", "todo"
LABELS = {PASSED: "✅ 통과", FAILED: "❌ 틀림", TODO: "⏳ 아직"}
CELL_TIMEOUT = 120  # seconds per cell; a learner's endless loop is interrupted after this
KERNEL_NAME = "python3"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Row:
    """One line of the table. ``chapter`` is "03", ``notebook`` the file name, ``detail`` may be ""."""
    chapter: str
    notebook: str
    task: str
    status: str
    detail: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.status]


# ------------------------------------------------------------------------------------ finding files
def find_exercises_dir(start: Path | str | None = None) -> Path | None:
    """``exercises/`` of the course: in ``start`` (default: the working directory) or a folder above it
    (a notebook in ``notebooks/`` runs with that folder as working directory), else next to the
    ``minigrad`` package this is imported from."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if folder.name == "exercises" and any(folder.glob("*.ipynb")):
            return folder
        if (folder / "exercises").is_dir() and any((folder / "exercises").glob("*.ipynb")):
            return folder / "exercises"
    beside_package = Path(__file__).resolve().parents[2] / "exercises"
    return beside_package if beside_package.is_dir() else None


def _exercise_files(folder: Path, names) -> list[Path]:
    files = sorted(p for p in folder.glob("*.ipynb") if ".bak-" not in p.name)
    if names:
        wanted = {Path(n).stem for n in names}
        files = [p for p in files if p.stem in wanted or p.stem.split("_")[0] in wanted]
    return files


# ------------------------------------------------------------------------------------ running
def _error_text(output) -> str:
    """'SyntaxError: invalid syntax (3번째 줄)' from an error output."""
    name, value = output.get("ename", "Error"), output.get("evalue", "")
    value = re.sub(r"\s*\([^()]*, line \d+\)$", "", value)  # "(3402771049.py, line 4)": a temp file name
    text = f"{name}: {value}" if value else name
    if name in ("SyntaxError", "IndentationError", "TabError"):
        line = re.findall(r"line (\d+)", _ANSI.sub("", "\n".join(output.get("traceback") or [])))
        if line:
            text += f" ({line[-1]}번째 줄)"
    return text


def _first_error(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output
    return None


def _is_stub_error(output) -> bool:
    return output.get("ename") == "NotImplementedError" and not output.get("evalue")


def _judge(task, cells, records, timeout) -> tuple[str, str]:
    """(status, detail) of one task after its notebook ran."""
    # 1. What the check cell's Check reported (normally exactly one record).
    for record in records:
        if record.get("failures"):
            first = record["failures"][0]
            detail = f"[{first['number']}/{record['total']}] {first['description']}"
            if first.get("kind") == "error":
                detail += f" (실행 중 오류: {first.get('reason', '').split(':')[0]})"
            return FAILED, detail
    for record in records:
        if record.get("status") == "not_implemented":
            # cases ran before the stub was reached: the learner has filled in part of the task
            started = record.get("total", 1) > 1
            return TODO, f"일부만 채움 — 멈춘 곳: {record.get('stopped_at')}" if started else ""
    if records:
        return PASSED, ""
    # 2. The check did not report: say which error stopped it.
    def errors(indices):
        for index in indices:
            cell = cells[index]
            error = _first_error(cell) if cell.get("cell_type") == "code" else None
            if error is not None and not _is_stub_error(error):
                yield index, error

    def stopped(where, error, note=""):
        if error.get("ename") == "KeyboardInterrupt":
            return FAILED, f"{where}이 {timeout}초 안에 끝나지 않아 멈췄습니다{note} (끝나지 않는 반복문이 있나요?)"
        return FAILED, f"{where} 오류{note}: {_error_text(error)}"

    first_cell = min(task.cells, default=task.check)
    above = next(errors(i for i in range(first_cell) if i not in task.cells), None)
    own = next(errors(task.cells), None)
    check_error = _first_error(cells[task.check])
    if own is not None:
        if above is not None and own[1].get("ename") == "NameError":  # e.g. the imports cell failed
            return stopped("위쪽 셀", above[1], " (먼저 고치세요)")
        return stopped("과제 셀", own[1])
    if check_error is None:
        return TODO, "확인 셀이 결과를 알려 주지 않았습니다 (확인 셀을 지우거나 고쳤나요?)"
    if _is_stub_error(check_error):
        return TODO, ""
    if above is not None and check_error.get("ename") != "KeyboardInterrupt":
        return stopped("위쪽 셀", above[1], " (먼저 고치세요)")
    return stopped("확인 셀", check_error)


async def _run_notebook(path: Path, workdir: Path, root: Path, timeout: int, limit, number: int,
                        sockets: Path) -> list[Row]:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    chapter = path.stem.split("_")[0]
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - a broken file is reported, not raised
        return [Row(chapter, path.name, "(노트북 전체)", FAILED,
                    f"노트북 파일을 읽을 수 없습니다: {type(exc).__name__}: {str(exc)[:200]}")]
    tasks = find_tasks(nb.cells)
    if not tasks:
        return [Row(chapter, path.name, "(노트북 전체)", TODO, "확인 셀을 찾지 못했습니다")]
    log = workdir / f".progress-{path.stem}.jsonl"
    env = dict(os.environ)
    env[PROGRESS_LOG_ENV] = str(log)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    env.setdefault("MPLBACKEND", "Agg")
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=timeout, allow_errors=True,
                            interrupt_on_timeout=True, record_timing=False,
                            resources={"metadata": {"path": str(workdir)}})
    if os.name == "posix":
        # Unix sockets instead of TCP ports: no race for a free port with kernels that other programs
        # (JupyterLab, a test run) start at the same moment. A short absolute path (sockets have a limit).
        client.km = client.create_kernel_manager()
        client.km.transport, client.km.ip = "ipc", str(sockets / f"k{number}")
    records_by_check: dict[int, list] = {}
    died = None
    async with limit:
        try:
            # The kernels' own start-up warnings would clutter the table: their stderr is dropped.
            async with client.async_setup_kernel(env=env, stderr=subprocess.DEVNULL):
                seen = 0
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        await client.async_execute_cell(cell, index)
                    except DeadKernelError:
                        died = index
                        break
                    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
                    if any(t.check == index for t in tasks):
                        records_by_check[index] = [json.loads(line) for line in lines[seen:] if line.strip()]
                    seen = len(lines)
        except Exception as exc:  # noqa: BLE001 - e.g. no kernel could start: say so for every task
            return [Row(chapter, path.name, t.name, FAILED,
                        f"노트북을 실행하지 못했습니다: {type(exc).__name__}: {str(exc)[:200]}") for t in tasks]
    rows = []
    for task in tasks:
        if died is not None and task.check >= died:
            rows.append(Row(chapter, path.name, task.name, FAILED,
                            "커널이 멈췄습니다 (메모리를 너무 많이 쓰거나 프로그램을 끝내는 코드가 있나요?)"))
            continue
        status, detail = _judge(task, nb.cells, records_by_check.get(task.check, []), timeout)
        rows.append(Row(chapter, path.name, task.name, status, detail))
    return rows


async def _run_all(files, workdir, root, timeout, workers) -> list[Row]:
    limit = asyncio.Semaphore(workers)
    results = await asyncio.gather(*(_run_notebook(f, workdir, root, timeout, limit, n, workdir.parent)
                                     for n, f in enumerate(files)))
    return [row for rows in results for row in rows]


def _in_own_thread(func):
    """Run ``func()`` in a new thread with its own event loop (a notebook's kernel already runs one)."""
    box = {}

    def target():
        try:
            box["value"] = func()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="minigrad-progress")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def collect(exercises: Path | str | None = None, names=(), *, timeout: int = CELL_TIMEOUT,
            workers: int | None = None) -> "Report":
    """Run the exercise notebooks in a temporary copy and return the :class:`Report`."""
    folder = Path(exercises) if exercises else find_exercises_dir()
    if folder is None or not folder.is_dir():
        raise FileNotFoundError(folder)
    folder = folder.resolve()
    files = _exercise_files(folder, names)
    workers = workers or max(1, min(4, os.cpu_count() or 1, len(files) or 1))
    with tempfile.TemporaryDirectory(prefix="minigrad-progress-") as tmp:
        scratch = Path(tmp) / "exercises"
        shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.bak-*"))
        copies = [scratch / f.name for f in files]
        rows = _in_own_thread(lambda: asyncio.run(_run_all(copies, scratch, folder.parent, timeout, workers)))
    return Report(rows, _shown_path(folder))


def _shown_path(folder: Path) -> str:
    try:
        return os.path.relpath(folder) + "/"
    except ValueError:  # another drive (Windows)
        return str(folder)


# ------------------------------------------------------------------------------------ the table
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Report:
    """The progress table; prints as text, shows as an HTML table in a notebook."""

    HEADER = ("장", "과제", "결과")

    def __init__(self, rows: list[Row], where: str = "exercises/"):
        self.rows, self.where = rows, where

    def counts(self) -> dict:
        return {s: sum(r.status == s for r in self.rows) for s in (PASSED, FAILED, TODO)}

    def summary(self) -> str:
        c = self.counts()
        return (f"과제 {len(self.rows)}개 중 {LABELS[PASSED]} {c[PASSED]}개 · {LABELS[FAILED]} {c[FAILED]}개 · "
                f"{LABELS[TODO]} {c[TODO]}개")

    def _cells(self, row: Row) -> tuple[str, str, str]:
        return row.chapter, row.task, row.label + (f" — {row.detail}" if row.detail else "")

    def to_text(self) -> str:
        lines = [f"연습 문제 진행 상황 ({self.where} 의 노트북을 임시 복사본에서 실행했습니다. 원본 파일은 바뀌지 않습니다)", ""]
        if not self.rows:
            return "\n".join(lines + ["연습 문제 노트북이 없습니다."])
        table = [self.HEADER] + [self._cells(r) for r in self.rows]
        widths = [max(_width(row[i]) for row in table) for i in range(2)]
        for n, (chapter, task, result) in enumerate(table):
            lines.append(f"{_pad(chapter, widths[0])}  {_pad(task, widths[1])}  {result}".rstrip())
            if n == 0:
                lines.append(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 10}")
        lines += ["", self.summary()]
        if any(r.status == FAILED for r in self.rows):
            lines.append("❌ 인 과제는 그 노트북에서 과제 셀과 확인 셀을 다시 실행하면 기대값·실제값·힌트를 볼 수 있습니다.")
        return "\n".join(lines)

    __str__ = to_text

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_pretty_(self, p, cycle):
        p.text(self.to_text())

    def _repr_html_(self) -> str:
        def esc(text):  # `name` (markdown code in the headings) shows as code
            return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))
        head = "".join(f"<th style='text-align:left'>{esc(h)}</th>" for h in self.HEADER)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{esc(c)}</td>" for c in self._cells(r))
                       + "</tr>" for r in self.rows)
        note = ("<p>❌ 인 과제는 그 노트북에서 과제 셀과 확인 셀을 다시 실행하면 기대값·실제값·힌트를 볼 수 있습니다.</p>"
                if any(r.status == FAILED for r in self.rows) else "")
        return (f"<p>연습 문제 진행 상황 (<code>{esc(self.where)}</code> 의 노트북을 임시 복사본에서 실행했습니다. "
                f"원본 파일은 바뀌지 않습니다)</p><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
                f"</table><p>{esc(self.summary())}</p>{note}")


def progress(exercises: Path | str | None = None, *names: str, timeout: int = CELL_TIMEOUT) -> Report:
    """Run the exercises (in a temporary copy) and return the table; a notebook cell shows it."""
    try:
        return collect(exercises, names, timeout=timeout)
    except FileNotFoundError:
        raise FileNotFoundError(_not_found_message(exercises)) from None


def _not_found_message(exercises) -> str:
    where = exercises or os.getcwd()
    return (f"연습 문제 폴더(exercises/)를 찾지 못했습니다 (찾아본 곳: {where} 와 그 위 폴더들). "
            "저장소 폴더에서 `make progress` 를 실행하거나, progress('경로/exercises') 처럼 폴더를 알려 주세요.")


# ------------------------------------------------------------------------------------ command line
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m minigrad.exercises.progress",
        description="연습 문제 노트북(exercises/)을 임시 복사본에서 실행해 과제마다 통과/틀림/아직을 표로 보여 줍니다.")
    ap.add_argument("names", nargs="*", help="일부 장만 (예: 03 또는 03_backward_chain_rule)")
    ap.add_argument("--exercises", type=Path, default=None, help="exercises 폴더 (기본: 지금 폴더나 그 위)")
    ap.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help=f"셀 하나의 시간 제한, 초 (기본 {CELL_TIMEOUT})")
    args = ap.parse_args(argv)
    try:
        report = collect(args.exercises, args.names, timeout=args.timeout)
    except FileNotFoundError:
        print(_not_found_message(args.exercises), file=sys.stderr)
        return 2
    if args.names and not report.rows:
        print(f"exercises/ 에 그런 노트북이 없습니다: {' '.join(args.names)}", file=sys.stderr)
        return 2
    print(report.to_text(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
