"""The learner's commands on a learner's clone: `make progress`, `make test` with filled-in exercises, and
what `make test` says (and the commands it names) when an exercise is genuinely out of date.

Each test copies the course (tests/learner_clone.py) and runs the commands exactly as README.md and the
messages state them. In a clone, these tests skip themselves ($MINIGRAD_IN_LEARNER_CLONE), so the
`make test` run inside a clone does not start clones of its own.
"""
from __future__ import annotations

import os
import re
import shlex

import nbformat
import pytest

from learner_clone import (IN_CLONE_ENV, LEARNER_PLAN as PLAN, fill, fill_as_planned, make_clone,
                           progress_rows, run, snapshot)
from minigrad.exercises.tasks import find_tasks

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get(IN_CLONE_ENV) == "1", reason="이미 학습자 복사본 안에서 실행 중입니다"),
]


def expected_result(stem, number):
    how = PLAN.get(stem, {}).get(number)
    if PLAN.get(stem, {}).get("setup") == "syntax":
        return "❌ 틀림 — 위쪽 셀 오류 (먼저 고치세요): SyntaxError"
    return {"solve": "✅ 통과", "wrong": "❌ 틀림 — [", "syntax": "❌ 틀림 — 과제 셀 오류: SyntaxError",
            None: "⏳ 아직"}[how]


def tasks_of(clone, stem):
    return find_tasks(nbformat.read(clone / "solutions" / f"{stem}.ipynb", as_version=4).cells)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    clone = make_clone(tmp_path_factory.mktemp("learner") / "minigrad")
    fill_as_planned(clone)
    return clone


def test_make_progress_on_untouched_exercises(tmp_path):
    clone = make_clone(tmp_path / "minigrad")
    before = snapshot(clone / "exercises")
    result = run(["make", "progress"], clone)
    assert result.returncode == 0, result.stdout
    rows = progress_rows(result.stdout)
    stems = sorted(p.stem for p in (clone / "exercises").glob("*.ipynb"))
    expected = {(stem[:2], t.name) for stem in stems for t in tasks_of(clone, stem)}
    assert set(rows) == expected and len(expected) >= len(stems), result.stdout
    assert set(rows.values()) == {"⏳ 아직"}, result.stdout
    assert f"과제 {len(expected)}개 중 ✅ 통과 0개 · ❌ 틀림 0개 · ⏳ 아직 {len(expected)}개" in result.stdout
    assert "임시 복사본" in result.stdout and "Traceback" not in result.stdout
    assert snapshot(clone / "exercises") == before


def test_make_progress_on_partly_solved_wrong_and_broken_exercises(filled):
    before = snapshot(filled / "exercises")
    result = run(["make", "progress"], filled)
    assert result.returncode == 0, result.stdout
    rows = progress_rows(result.stdout)
    for stem in PLAN:
        for task in tasks_of(filled, stem):
            got = rows.get((stem[:2], task.name))
            assert got is not None and got.startswith(expected_result(stem, task.number)), \
                (stem, task.name, got, result.stdout)
    # a wrong answer names the first failing case as the check cell numbers it: "[k/N] ..."
    assert re.match(r"❌ 틀림 — \[1/\d+\] \S", rows[("03", tasks_of(filled, "03_backward_chain_rule")[1].name)])
    assert "번째 줄" in rows[("02", tasks_of(filled, "02_recording_operations")[1].name)]
    assert "Traceback" not in result.stdout and "ipykernel_" not in result.stdout
    # the learner's files were only read
    assert snapshot(filled / "exercises") == before


def test_make_test_passes_on_filled_exercises(filled):
    """A learner who filled in exercises (right, wrong, broken: PLAN) still gets a passing `make test`."""
    before = snapshot(filled / "exercises")
    result = run(["make", "test"], filled, timeout=900)
    tail = result.stdout[-4000:]
    assert result.returncode == 0, tail
    assert ">> exercises/ 가 solutions/ 과 맞는지 확인합니다" in result.stdout
    # (pytest's summary line; not the word "failed" anywhere: a warning may quote a check's source)
    assert re.search(r"=+ \d+ passed", tail) and not re.search(r"\b\d+ failed\b", tail), tail
    assert snapshot(filled / "exercises") == before


def test_progress_stops_an_endless_loop(tmp_path):
    clone = make_clone(tmp_path / "minigrad")
    stem = "04_vector_jacobian_product"
    path = clone / "exercises" / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    first = find_tasks(nb.cells)[0]
    nb.cells[first.cells[0]].source = nb.cells[first.cells[0]].source.replace(
        "raise NotImplementedError()", "while True:\n        pass", 1)
    nbformat.write(nb, path)
    result = run([".venv/bin/python", "-m", "minigrad.exercises.progress", "--timeout", "3", "04"], clone)
    assert result.returncode == 0, result.stdout
    rows = progress_rows(result.stdout)
    assert rows[("04", first.name)].startswith("❌ 틀림 — 확인 셀이 3초 안에 끝나지 않아 멈췄습니다"), result.stdout
    assert len(rows) == len(find_tasks(nb.cells)) and list(rows.values())[1:] == ["⏳ 아직"] * (len(rows) - 1)


def _suggested(output, prefix):
    """Commands the message puts in backticks that start with `prefix`, as written."""
    return [c for c in re.findall(r"`([^`]+)`", output) if c.startswith(prefix)]


def test_stale_exercises_are_caught_and_the_suggested_commands_update_them(tmp_path):
    clone = make_clone(tmp_path / "minigrad")
    fill(clone, "03_backward_chain_rule", {1: "solve"})
    learner_file = clone / "exercises" / "03_backward_chain_rule.ipynb"
    learner_bytes = learner_file.read_bytes()
    # Upstream, two solutions change: one exercise the learner worked on, one they did not touch.
    for stem in ("01_tensors", "03_backward_chain_rule"):
        sol = nbformat.read(clone / "solutions" / f"{stem}.ipynb", as_version=4)
        sol.cells[0].source += "\n\n(강좌 갱신: 설명을 고쳤습니다)"
        nbformat.write(sol, clone / "solutions" / f"{stem}.ipynb")

    result = run(["make", "test"], clone)
    assert result.returncode != 0
    assert "exercises/01_tensors.ipynb (오래됨)\n" in result.stdout
    assert "exercises/03_backward_chain_rule.ipynb (오래됨, 학습자가 고친 파일)" in result.stdout
    assert "-m pytest" not in result.stdout  # stopped at the check, before the long test run
    assert learner_file.read_bytes() == learner_bytes

    # `make exercises` as suggested: regenerates the untouched one, refuses the learner's
    plain = _suggested(result.stdout, "make exercises")
    assert plain[:2] == ["make exercises", "make exercises FORCE=1"], result.stdout
    again = run(shlex.split(plain[0]), clone)
    assert again.returncode != 0 and "덮어쓰지 않았습니다" in again.stdout
    assert "(강좌 갱신" in nbformat.read(clone / "exercises" / "01_tensors.ipynb", 4).cells[0].source
    assert learner_file.read_bytes() == learner_bytes
    assert _suggested(again.stdout, "make exercises") == ["make exercises FORCE=1"]

    # the same without make, as the message also says (the .venv python)
    script = [c for c in _suggested(again.stdout, ".venv/bin/python") if c.endswith("--force")]
    assert script == [".venv/bin/python tools/make_exercises.py --force"], again.stdout
    forced = run(shlex.split(script[0]), clone)
    assert forced.returncode == 0, forced.stdout
    backups = list((clone / "exercises").glob("03_backward_chain_rule.bak-*.ipynb"))
    assert len(backups) == 1 and backups[0].read_bytes() == learner_bytes
    assert f"exercises/{backups[0].name}" in forced.stdout
    assert "(강좌 갱신" in nbformat.read(learner_file, 4).cells[0].source

    check = run([".venv/bin/python", "tools/make_exercises.py", "--check"], clone)
    assert check.returncode == 0 and check.stdout == "", check.stdout


def test_ci_requires_exactly_generated_exercises_and_names_the_fix(tmp_path):
    clone = make_clone(tmp_path / "minigrad")
    fill(clone, "05_gradient_accumulation", {2: "wrong"})
    edited = (clone / "exercises" / "05_gradient_accumulation.ipynb").read_bytes()
    result = run(["make", "test", "CI=true"], clone)
    assert result.returncode != 0 and "--strict" in result.stdout
    fix = _suggested(result.stdout, "make exercises")
    assert fix == ["make exercises FORCE=1 NAMES=05_gradient_accumulation"], result.stdout
    assert run(shlex.split(fix[0]), clone).returncode == 0
    assert [b.read_bytes() for b in (clone / "exercises").glob("05_*.bak-*.ipynb")] == [edited]
    check = run([".venv/bin/python", "tools/make_exercises.py", "--check", "--strict"], clone)
    assert check.returncode == 0, check.stdout
