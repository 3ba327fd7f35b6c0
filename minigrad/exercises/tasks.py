"""Where the tasks are in an exercise notebook: stable rules, no cell numbers.

Shared by ``make progress`` (:mod:`minigrad.exercises.progress`) and the browser test
(``tests/e2e/run_e2e.py``), so that both keep working when the exercises are restructured.

- A **check cell** is a code cell tagged ``check``, or an nbgrader test cell (``grade: true`` and not
  ``solution``), or one with a line calling ``[module.]check...(`` (the rule of
  ``tools/make_exercises.py``, which also writes the nbgrader metadata).
- A **task cell** (where the learner writes) is a code cell tagged ``task``, or an nbgrader solution cell
  (``solution: true``), or one that still holds the stub ``# YOUR CODE HERE``.
- A **task** is one check cell with the task cells since the previous check cell. Its name is the last
  markdown heading in that stretch that starts with "과제" (``## 과제 1: ...`` → ``과제 1: ...``), else
  the last heading there, else ``과제 N``.

A cell is a dict in nbformat's shape (``cell_type``, ``source``, ``metadata``); an ``nbformat``
``NotebookNode`` is one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Task", "find_tasks", "is_check_cell", "is_task_cell", "CHECK_CALL", "STUB_MARK"]

CHECK_CALL = re.compile(r"^\s*(?:[A-Za-z_]\w*\.)*check\w*\(", re.M)
STUB_MARK = "# YOUR CODE HERE"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _meta(cell) -> tuple[dict, list]:
    metadata = cell.get("metadata") or {}
    return metadata.get("nbgrader") or {}, metadata.get("tags") or []


def is_check_cell(cell) -> bool:
    if cell.get("cell_type") != "code":
        return False
    nbgrader, tags = _meta(cell)
    if "check" in tags:
        return True
    if nbgrader.get("solution"):
        return False
    return bool(nbgrader.get("grade")) or bool(CHECK_CALL.search(_source(cell)))


def is_task_cell(cell) -> bool:
    if cell.get("cell_type") != "code" or is_check_cell(cell):
        return False
    nbgrader, tags = _meta(cell)
    return "task" in tags or bool(nbgrader.get("solution")) or STUB_MARK in _source(cell)


@dataclass
class Task:
    """One task: ``check`` is the index of its check cell, ``cells`` the indices of its task cells."""
    number: int
    name: str
    check: int
    cells: list = field(default_factory=list)


def find_tasks(cells) -> list[Task]:
    """The tasks of a notebook (a list of cells), in order."""
    tasks, headings, pending = [], [], []
    for index, cell in enumerate(cells):
        if cell.get("cell_type") == "markdown":
            for line in _source(cell).splitlines():
                match = _HEADING.match(line)
                if match:
                    headings.append(match.group(1))
        elif is_check_cell(cell):
            number = len(tasks) + 1
            named = [h for h in headings if h.startswith("과제")] or headings or [f"과제 {number}"]
            tasks.append(Task(number, named[-1], index, pending))
            headings, pending = [], []
        elif is_task_cell(cell):
            pending.append(index)
    return tasks
