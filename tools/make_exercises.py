#!/usr/bin/env python3
"""Generate exercises/NN_name.ipynb from solutions/NN_name.ipynb (the single source), nbgrader-style.

    python tools/make_exercises.py            # (re)generate every out-of-date exercise notebook
    python tools/make_exercises.py --check    # exit 1 if exercises/ is out of date (used by `make test`)
    python tools/make_exercises.py --check --strict   # ...or if a file is not exactly as generated (CI)
    python tools/make_exercises.py --force    # also regenerate out-of-date learner-edited files, after a backup
    python tools/make_exercises.py 02_recording_operations   # only some chapters (stems or paths)
    python tools/make_exercises.py --force 02_recording_operations   # start chapter 02 over (backup first)

(`make exercises`, `make exercises FORCE=1`, `make exercises FORCE=1 NAMES=02_recording_operations`.)

Rules (same cell sources as nbgrader's generate_assignment):
- code cells: the lines from one containing `BEGIN SOLUTION` to one containing `END SOLUTION` become
  `# YOUR CODE HERE` / `raise NotImplementedError()` at the indent of the BEGIN line;
- markdown cells with `nbgrader.solution: true` become `YOUR ANSWER HERE` (a marked region in a markdown
  cell is replaced by that text only);
- `BEGIN HIDDEN TESTS` ... `END HIDDEN TESTS` regions are removed from every cell;
- nbgrader metadata (schema_version 3) is kept and completed: a cell with a solution region is a
  solution cell; a code cell already marked `grade: true`, holding hidden tests, or calling a
  `check...(` function is a locked, graded check cell (1 point unless `points` is set);
- outputs and execution counts are dropped; notebook metadata gets
  `minigrad: {generated_from, source_hash}` (sha256 of the generated cells' types and sources).
Out of date ("stale") means: what the generator owns differs from what it would write now. In an
unedited file (cells still match its own source_hash) that is everything `signature` covers. In a file
the learner edited, the cells are the learner's: only the provenance counts (`minigrad.generated_from`
and `source_hash`, which the learner does not touch), so a filled-in exercise is up to date until its
solution changes upstream. `--strict` (what CI uses: `make test` passes it when $CI is set) also fails
on edited files, since the committed exercises must be exactly as generated.
A learner's edits are never lost: a stale edited file is left alone (exit 1) unless --force, which first
copies it to exercises/NN_name.bak-YYYYmmdd-HHMMSS.ipynb. --force rewrites an edited file that is not
stale only when its chapter is named on the command line (starting that exercise over).
"""
import argparse, copy, datetime, hashlib, json, re, shutil, sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
CODE_STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]
TEXT_STUB = "YOUR ANSWER HERE"
CHECK_CALL = re.compile(r"^\s*(?:[A-Za-z_]\w*\.)*check\w*\(", re.M)


def _replace_regions(source, begin, end, stub):
    """Replace each begin..end line region (inclusive) by `stub` lines at the BEGIN line's indent."""
    out, inside, found = [], False, False
    for line in source.splitlines():
        if begin in line:
            if inside:
                raise ValueError(f"'{begin}' 가 닫히지 않은 채 다시 나왔습니다")
            inside = found = True
            indent = re.match(r"\s*", line).group(0)
            out.extend(indent + s for s in stub)
        elif end in line:
            if not inside:
                raise ValueError(f"'{begin}' 없이 '{end}' 가 나왔습니다")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"'{begin}' 에 맞는 '{end}' 가 없습니다")
    return ("\n".join(out), True) if found else (source, False)


def cells_hash(nb):
    data = [[c.cell_type, c.source] for c in nb.cells]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def generate(src_path, root=ROOT):
    """Return the exercise notebook (a NotebookNode) generated from one solution notebook."""
    nb = nbformat.read(src_path, as_version=4)
    counts = {"solution": 0, "check": 0}
    for cell in nb.cells:
        md = cell.metadata.get("nbgrader", {})
        cell.source, hidden = _replace_regions(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", [])
        stub = CODE_STUB if cell.cell_type == "code" else [TEXT_STUB]
        cell.source, replaced = _replace_regions(cell.source, "BEGIN SOLUTION", "END SOLUTION", stub)
        if md.get("solution") and not replaced and cell.cell_type != "raw":
            cell.source = "\n".join(stub)  # a whole solution cell, as nbgrader does
        if replaced or md.get("solution"):
            kind, extra = "solution", {"grade": False, "locked": False, "solution": True}
        elif cell.cell_type == "code" and (md.get("grade") or hidden or CHECK_CALL.search(cell.source)):
            kind, extra = "check", {"grade": True, "locked": True, "solution": False,
                                    "points": md.get("points", 1)}
        else:
            continue
        counts[kind] += 1
        cell.metadata["nbgrader"] = {**md, **extra, "schema_version": 3,
                                     "grade_id": md.get("grade_id", f"{kind}-{counts[kind]}")}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    rel = src_path.resolve().relative_to(root.resolve()).as_posix()
    nb.metadata["minigrad"] = {"generated_from": rel, "source_hash": cells_hash(nb)}
    return nb


def signature(nb):
    """What --check compares: cell types, sources, nbgrader metadata and tags, and our notebook metadata."""
    return (nb.metadata.get("minigrad"),
            [(c.cell_type, c.source, c.metadata.get("nbgrader"), c.metadata.get("tags")) for c in nb.cells])


def is_learner_edited(nb):
    stored = nb.metadata.get("minigrad", {}).get("source_hash")
    return stored != cells_hash(nb)


def up_to_date(old, new):
    """Does `old` hold what the generator writes now (`new`), in the parts the generator owns?"""
    if not is_learner_edited(old):
        return signature(old) == signature(new)
    return old.metadata.get("minigrad") == new.metadata.get("minigrad")


def _python(root):
    """This interpreter as a command that works from the repository folder (`.venv/bin/python`)."""
    exe = Path(sys.executable)
    for base in (root, root.resolve()):
        try:
            return exe.relative_to(base).as_posix()
        except ValueError:
            pass
    return str(exe)


def _command(root, force=False, names=()):
    """The command to suggest, with make and without it."""
    make = "make exercises" + (" FORCE=1" if force else "") + (f" NAMES={' '.join(names)}" if names else "")
    if len(names) > 1:
        make = make.replace(f"NAMES={' '.join(names)}", f'NAMES="{" ".join(names)}"')
    script = f"{_python(root)} tools/make_exercises.py" + (" --force" if force else "") + \
        "".join(f" {n}" for n in names)
    return f"`{make}` (make 가 없으면 `{script}`)"


def main(argv=None):
    ap = argparse.ArgumentParser(description="solutions/ 에서 exercises/ 과제 노트북을 만듭니다.")
    ap.add_argument("names", nargs="*", help="chapter stems or paths (default: all)")
    ap.add_argument("--check", action="store_true", help="only report out-of-date files (exit 1)")
    ap.add_argument("--strict", action="store_true",
                    help="with --check: also fail on files that are not exactly as generated (CI)")
    ap.add_argument("--force", action="store_true", help="back up learner-edited files, then regenerate")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sol_dir, ex_dir = args.root / "solutions", args.root / "exercises"
    sources = {p.stem: p for p in sorted(sol_dir.glob("*.ipynb"))}
    existing = {p.stem for p in ex_dir.glob("*.ipynb") if ".bak-" not in p.name}
    wanted = [Path(n).stem for n in args.names] or sorted(sources)
    unknown = [n for n in wanted if n not in sources]
    if unknown:
        print(f"solutions/ 에 없는 노트북: {', '.join(unknown)}")
        return 2
    stale, stale_edited, edited, refused = [], [], [], []
    for stem in wanted:
        try:
            new, path = generate(sources[stem], args.root), ex_dir / f"{stem}.ipynb"
        except ValueError as exc:
            print(f"solutions/{stem}.ipynb 의 표시가 잘못되었습니다: {exc}")
            return 2
        old = nbformat.read(path, as_version=4) if path.exists() else None
        learner = old is not None and is_learner_edited(old)
        restart = args.force and bool(args.names) and learner and signature(old) != signature(new)
        if old is not None and up_to_date(old, new) and not restart:
            if learner:
                edited.append(stem)
            continue  # nothing the generator owns changed: leave the file (and its mtime) alone
        if args.check:
            if old is None:
                stale.append(f"exercises/{stem}.ipynb (없음)")
            elif learner:
                stale_edited.append(stem)
            else:
                stale.append(f"exercises/{stem}.ipynb (오래됨)")
            continue
        if learner:
            if not args.force:
                refused.append(path)
                continue
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup, n = ex_dir / f"{stem}.bak-{stamp}.ipynb", 1
            while backup.exists():
                backup, n = ex_dir / f"{stem}.bak-{stamp}-{n}.ipynb", n + 1
            shutil.copy2(path, backup)
            print(f"exercises/{stem}.ipynb 에 학습자가 고친 내용이 있어 {backup.relative_to(args.root)} 에 "
                  f"백업한 뒤 새로 만들었습니다. 여러분의 답은 백업 파일에 그대로 있습니다: 두 파일을 JupyterLab 에서 "
                  f"나란히 열고 과제 셀의 답을 새 파일로 옮기세요.")
        ex_dir.mkdir(exist_ok=True)
        nbformat.write(new, path)
        print(f"생성: exercises/{stem}.ipynb  ←  solutions/{stem}.ipynb")
    extra = sorted(existing - set(sources)) if not args.names else []
    orphans = extra if args.check else []
    strict = args.check and args.strict and edited
    if stale or stale_edited or orphans:
        print("exercises/ 가 solutions/ 와 맞지 않습니다 (solutions/ 가 바뀌었는데 exercises/ 를 다시 만들지 않았습니다):")
        for line in stale + [f"exercises/{stem}.ipynb (오래됨, 학습자가 고친 파일)" for stem in stale_edited] \
                + [f"exercises/{stem}.ipynb (solutions/ 에 원본 없음)" for stem in orphans]:
            print(f"  - {line}")
        print("저장소 폴더에서 이렇게 고치세요:")
        if stale:
            print(f"  - 고친 내용이 없는 파일: {_command(args.root)} 로 다시 만듭니다 (잃는 것이 없습니다).")
        if stale_edited:
            print(f"  - 여러분이 푼 파일: {_command(args.root, force=True)} 로 새 판을 만듭니다. 지금 파일은 먼저 "
                  "exercises/<이름>.bak-<날짜>-<시각>.ipynb 로 백업되므로 답은 사라지지 않습니다. 새 파일을 열고 "
                  "백업 파일에서 여러분의 답(과제 셀)을 옮겨 오세요.")
        for stem in orphans:
            print(f"  - 원본이 없는 파일: 강좌에서 빠진 연습입니다. 필요 없으면 지우고, 남겨 두려면 검사에서 빠지는 "
                  f"백업 이름으로 바꾸세요: `mv exercises/{stem}.ipynb exercises/{stem}.bak-old.ipynb`")
    if strict:
        print("exercises/ 의 다음 파일은 생성된 그대로가 아닙니다 (누군가 직접 고쳤습니다). 저장소에는 "
              "solutions/ 에서 생성된 그대로 커밋해야 합니다 (--strict, CI 검사):")
        print("\n".join(f"  - exercises/{stem}.ipynb" for stem in edited))
        print(f"  생성된 그대로 되돌리려면: {_command(args.root, force=True, names=edited)} "
              "(지금 파일은 .bak- 파일로 백업됩니다). 고친 내용이 필요하면 solutions/ 에 옮긴 뒤 다시 만드세요.")
    for path in refused:
        print(f"건너뜀: exercises/{path.name} 은(는) 여러분이 고친 파일이라 덮어쓰지 않았습니다 (solutions/ 가 바뀌어 "
              f"새 판이 있습니다). 새 판으로 바꾸려면 {_command(args.root, force=True)} 를 실행하세요: 지금 파일을 "
              f"exercises/{path.stem}.bak-<날짜>-<시각>.ipynb 로 백업한 뒤 새로 만듭니다. 그 다음 백업 파일에서 "
              f"여러분의 답을 새 파일의 과제 셀로 옮기세요.")
    for stem in extra if not args.check else []:
        print(f"참고: exercises/{stem}.ipynb 는 solutions/ 에 원본이 없습니다. 필요 없으면 직접 지우세요.")
    return 1 if stale or stale_edited or orphans or refused or strict else 0


if __name__ == "__main__":
    sys.exit(main())
