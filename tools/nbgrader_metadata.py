#!/usr/bin/env python3
"""Write nbgrader cell metadata (schema v3) onto the solution notebooks, so nbgrader itself can release them.

    python tools/nbgrader_metadata.py            # (re)write the metadata of every solutions/*.ipynb
    python tools/nbgrader_metadata.py --check    # exit 1 if a solution notebook's metadata is missing or stale
    python tools/nbgrader_metadata.py 03_backward_chain_rule   # only some chapters (stems or paths)

`make exercises` runs this first; `make test` fails while the metadata is stale (tests/test_nbgrader.py).

The rule is the exercise generator's (tools/make_exercises.py), applied to the cell sources:
- a cell with a `### BEGIN SOLUTION` region is a solution cell
  `{solution: true, grade: false, locked: false}`;
- a code cell that calls `...check...(` or holds a `### BEGIN HIDDEN TESTS` region is a locked, graded
  check cell `{grade: true, locked: true, solution: false, points}`;
- `grade_id` is `solution-N` / `check-N`, numbered in notebook order (renumbered when tasks move).
What authors set by hand is kept: `points`, a `grade_id` of their own (any other name), and
`solution: true` on a markdown cell (a written answer without markers: the exercise shows
`YOUR ANSWER HERE`). Everything else follows the sources, so a restructured notebook gets consistent
metadata by rerunning this: a code cell is a solution cell only while it holds a marked region, and a
check cell only while it calls a check (a flag the sources no longer back is dropped, and said so).

Only cell metadata changes: sources, outputs and notebook metadata are left as they are, and a file is
written only when its metadata changed. nbgrader needs this metadata: without it `nbgrader
generate_assignment` stops with "Solution region detected in a non-solution cell".
"""
import argparse
import copy
import importlib.util
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
GENERATED_ID = re.compile(r"^(?:solution|check)-\d+$")


def _generator():
    spec = importlib.util.spec_from_file_location("make_exercises", Path(__file__).with_name("make_exercises.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _author_part(cell, md):
    """What a person may have set on a cell and the rule keeps (see the module docstring)."""
    kept = {}
    if "points" in md:
        kept["points"] = md["points"]
    if md.get("grade_id") and not GENERATED_ID.match(str(md["grade_id"])):
        kept["grade_id"] = md["grade_id"]
    if md.get("solution") is True and cell.cell_type == "markdown":
        kept["solution"] = True
    return kept


def derive(nb, generator=None):
    """The nbgrader metadata each cell of solution notebook `nb` should carry: a list (None = no metadata)."""
    generator = generator or _generator()
    reduced = copy.deepcopy(nb)
    for cell in reduced.cells:
        md = cell.metadata.pop("nbgrader", None)
        if md:
            kept = _author_part(cell, md)
            if kept:
                cell.metadata["nbgrader"] = kept
    # The generator reads a file below a root; give it the reduced copy in a scratch tree.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "solutions" / "notebook.ipynb"
        path.parent.mkdir()
        nbformat.write(reduced, path)
        generated = generator.generate(path, Path(tmp))
    derived = []
    for cell in generated.cells:
        md = cell.metadata.get("nbgrader")
        if md is not None and not (md.get("solution") or md.get("grade")):
            md = None  # only author keys (e.g. `points` on a plain cell): nothing for nbgrader
        derived.append(md)
    ids = [md["grade_id"] for md in derived if md]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"grade_id 가 겹칩니다: {', '.join(duplicates)} (셀마다 다른 이름을 쓰세요)")
    return derived


def apply(nb, derived, name="notebook"):
    """Set each cell's nbgrader metadata to `derived` in place. Returns (changed, notes): whether any
    cell changed, and a Korean note for each solution/grade flag that was dropped."""
    changed, notes = False, []
    for index, (cell, md) in enumerate(zip(nb.cells, derived)):
        old = cell.metadata.get("nbgrader")
        if old == md:
            continue
        for flag, why in (("solution", "`### BEGIN SOLUTION` 표시가 없어"), ("grade", "확인 함수 호출이 없어")):
            if old and old.get(flag) and not (md and md.get(flag)):
                notes.append(f"{name} 셀 {index}: {why} nbgrader 의 {flag} 표시를 지웁니다.")
        changed = True
        if md is None:
            cell.metadata.pop("nbgrader")
        else:
            cell.metadata["nbgrader"] = md
    return changed, notes


def main(argv=None):
    ap = argparse.ArgumentParser(description="solutions/ 노트북의 셀에 nbgrader 메타데이터를 씁니다.")
    ap.add_argument("names", nargs="*", help="chapter stems or paths (default: all of solutions/)")
    ap.add_argument("--check", action="store_true", help="only report notebooks whose metadata is stale (exit 1)")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sol_dir = args.root / "solutions"
    sources = {p.stem: p for p in sorted(sol_dir.glob("*.ipynb"))}
    wanted = [Path(n).stem for n in args.names] or sorted(sources)
    unknown = [n for n in wanted if n not in sources]
    if unknown:
        print(f"solutions/ 에 없는 노트북: {', '.join(unknown)} (있는 것: {', '.join(sorted(sources)) or '없음'})")
        return 2
    generator, stale = _generator(), []
    for stem in wanted:
        path = sources[stem]
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
        try:
            derived = derive(nb, generator)
        except ValueError as exc:
            print(f"solutions/{stem}.ipynb 의 표시가 잘못되었습니다: {exc}")
            return 2
        changed, notes = apply(nb, derived, f"solutions/{stem}.ipynb")
        for note in notes:
            print(("참고 (다시 쓰면): " if args.check else "") + note)
        if not changed:
            continue
        if args.check:
            stale.append(f"solutions/{stem}.ipynb")
            continue
        new_text = nbformat.writes(nb)
        path.write_text(new_text if new_text.endswith("\n") else new_text + "\n", encoding="utf-8")
        print(f"nbgrader 메타데이터를 썼습니다: solutions/{stem}.ipynb")
    if stale:
        print("solutions/ 의 nbgrader 메타데이터가 셀 내용과 맞지 않습니다 (nbgrader 로 배포하려면 필요합니다):")
        print("\n".join(f"  - {s}" for s in stale))
        print("다시 쓰려면: make exercises  (또는 python tools/nbgrader_metadata.py; 셀 메타데이터만 바뀝니다)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
