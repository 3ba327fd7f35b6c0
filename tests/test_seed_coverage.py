"""Every seed example (tests/seed_examples.py) must be run by some chapter notebook cell.

Convention for chapter authors (see tests/SEED_EXAMPLES.md): give the code cell that runs an example
the cell tag ``example:<id>`` (JupyterLab: right sidebar -> property inspector -> Cell Tags -> add
``example:003-06``).  A cell may carry several ids; an example split over several cells carries the
same tag on each of them.  This test fails when

* a notebook in notebooks/ exists and some example id is tagged in none of them,
* a tag names an unknown id or is malformed (``example:3-6``), or sits on a markdown cell,
* the tagged cells of one notebook do not contain the example's ``must_contain`` key lines
  (compared with all whitespace removed), so a tag cannot claim an example the cell does not run,
* tests/seed_map.json (id -> notebook and cell id, generated from the tags) is out of date.

Refresh the map after tagging:  ``python tests/test_seed_coverage.py --write-map``
(after a merge conflict in tests/seed_map.json, just run it again).
While notebooks/ holds no .ipynb the coverage checks are skipped, with that reason.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
MAP_FILE = Path(__file__).resolve().parent / "seed_map.json"
TAG_PREFIX = "example:"
TAG_RE = re.compile(r"example:(\d{3}-\d{2})")


def _load_seed_examples():
    name = "_minigrad_seed_examples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("seed_examples.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while the file runs
    spec.loader.exec_module(module)
    return module


seeds = _load_seed_examples()


def _squash(text: str) -> str:
    return "".join(text.split())


def notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def collect(directory: Path = NOTEBOOK_DIR):
    """(occurrences, errors).  occurrences: id -> [(notebook relpath, cell id, cell source), ...]."""
    occurrences: dict[str, list[tuple[str, str, str]]] = {}
    errors: list[str] = []
    for path in notebooks(directory):
        rel = path.relative_to(directory.parent).as_posix()
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            errors.append(f"{rel}: 노트북을 읽을 수 없음 ({exc})")
            continue
        for index, cell in enumerate(nb.get("cells", [])):
            tags = (cell.get("metadata") or {}).get("tags") or []
            seed_tags = [t for t in tags if isinstance(t, str) and t.startswith(TAG_PREFIX)]
            if not seed_tags:
                continue
            cell_id = cell.get("id") or f"#{index}"
            where = f"{rel} 셀 {cell_id} (#{index})"
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for tag in seed_tags:
                match = TAG_RE.fullmatch(tag)
                if not match:
                    errors.append(f"{where}: 태그 {tag!r} 의 형식이 틀림 (예: 'example:003-06')")
                    continue
                example_id = match.group(1)
                if example_id not in seeds.BY_ID:
                    errors.append(f"{where}: 태그 {tag!r} 는 tests/seed_examples.py 에 없는 id")
                    continue
                if cell.get("cell_type") != "code":
                    errors.append(f"{where}: 태그 {tag!r} 가 코드 셀이 아닌 {cell.get('cell_type')} 셀에 붙음")
                    continue
                occurrences.setdefault(example_id, []).append((rel, cell_id, source))
    # tags cannot lie: per notebook, the tagged cells together contain the key lines
    for example_id, places in occurrences.items():
        example = seeds.BY_ID[example_id]
        by_notebook: dict[str, str] = {}
        for rel, _cell_id, source in places:
            by_notebook[rel] = by_notebook.get(rel, "") + "\n" + source
        for rel, text in by_notebook.items():
            missing = [line for line in example.must_contain if _squash(line) not in _squash(text)]
            if missing:
                errors.append(
                    f"{rel}: 'example:{example_id}' 태그가 붙은 셀에 핵심 줄이 없음: {missing} "
                    f"(예제 {example_id}: {example.title})"
                )
    return occurrences, errors


def build_map(occurrences) -> dict:
    """id -> {"notebook", "cell_id"[, "also": [...]]} or None (not tagged yet), for every id."""
    result = {}
    for example in seeds.EXAMPLES:
        places = occurrences.get(example.id)
        if not places:
            result[example.id] = None
            continue
        (rel, cell_id, _), *rest = places
        entry = {"notebook": rel, "cell_id": cell_id}
        if rest:
            entry["also"] = [{"notebook": r, "cell_id": c} for r, c, _ in rest]
        result[example.id] = entry
    return result


def render_map(mapping: dict) -> str:
    """One id per line (keeps merges of different chapters' tags mostly conflict-free)."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in mapping.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


# --------------------------------------------------------------------------- tests
def test_map_file_lists_every_id():
    assert MAP_FILE.exists(), "tests/seed_map.json 이 없음: python tests/test_seed_coverage.py --write-map"
    mapping = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    assert list(mapping) == [ex.id for ex in seeds.EXAMPLES], \
        "tests/seed_map.json 의 id 목록이 tests/seed_examples.py 와 다름: python tests/test_seed_coverage.py --write-map"


def test_tags_are_valid_and_honest():
    if not notebooks():
        pytest.skip("notebooks/ 에 아직 .ipynb 가 없음: 장 노트북이 생기면 seed 태그를 검사합니다")
    _, errors = collect()
    assert not errors, "seed 태그 오류:\n" + "\n".join(errors)


def test_every_seed_example_is_tagged():
    if not notebooks():
        pytest.skip("notebooks/ 에 아직 .ipynb 가 없음: 장 노트북이 생기면 모든 seed 예제가 태그되어야 합니다")
    occurrences, _ = collect()
    missing = [ex for ex in seeds.EXAMPLES if ex.id not in occurrences]
    assert not missing, (
        f"{len(missing)} 개 seed 예제가 어느 노트북 셀에도 태그되지 않음 (tests/SEED_EXAMPLES.md 참고):\n"
        + "\n".join(f"  example:{ex.id} -> notebooks/{ex.chapter}.ipynb  ({ex.title})" for ex in missing)
    )


def test_seed_map_is_up_to_date():
    occurrences, _ = collect()
    expected = render_map(build_map(occurrences))
    actual = MAP_FILE.read_text(encoding="utf-8") if MAP_FILE.exists() else ""
    assert actual == expected, "tests/seed_map.json 이 노트북의 태그와 다름: python tests/test_seed_coverage.py --write-map"


def test_collect_on_a_synthetic_notebook(tmp_path):
    """The checker itself: good tags pass, lying/unknown/malformed/markdown tags are reported."""
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    ex = seeds.BY_ID["003-06"]

    def cell(cell_id, source, tags, cell_type="code"):
        c = {"cell_type": cell_type, "id": cell_id, "metadata": {"tags": tags}, "source": source}
        if cell_type == "code":
            c.update(outputs=[], execution_count=None)
        return c

    good = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        cell("a1", ex.code.splitlines(keepends=True), ["example:003-06", "raises-exception"]),
        cell("a2", "out.backward()\n", ["example:003-05"]),
        cell("a3", "print(x.grad)\n", ["example:003-05"]),
    ]}
    (nb_dir / "04_x.ipynb").write_text(json.dumps(good), encoding="utf-8")
    occurrences, errors = collect(nb_dir)
    assert errors == []
    assert [c for _, c, _ in occurrences["003-06"]] == ["a1"]
    mapping = build_map(occurrences)
    assert mapping["003-06"] == {"notebook": "notebooks/04_x.ipynb", "cell_id": "a1"}
    assert mapping["003-05"]["also"] == [{"notebook": "notebooks/04_x.ipynb", "cell_id": "a3"}]
    assert mapping["000-01"] is None
    json.loads(render_map(mapping))

    bad = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        cell("b1", "print('hello')\n", ["example:003-06"]),            # lies: no key lines
        cell("b2", "x = 1\n", ["example:999-01"]),                      # unknown id
        cell("b3", "x = 1\n", ["example:3-6"]),                         # malformed
        cell("b4", "설명", ["example:001-01"], cell_type="markdown"),   # not code
    ]}
    (nb_dir / "05_y.ipynb").write_text(json.dumps(bad), encoding="utf-8")
    _, errors = collect(nb_dir)
    joined = "\n".join(errors)
    assert len(errors) == 4, joined
    assert "핵심 줄" in joined and "999-01" in joined and "형식" in joined and "markdown" in joined


def main(argv: list[str]) -> int:
    occurrences, errors = collect()
    mapping = build_map(occurrences)
    if "--write-map" in argv:
        MAP_FILE.write_text(render_map(mapping), encoding="utf-8")
        print(f"썼습니다: {MAP_FILE.relative_to(ROOT)} ({sum(v is not None for v in mapping.values())}/{len(mapping)} 태그됨)")
    else:
        sys.stdout.write(render_map(mapping))
    for error in errors:
        print("오류:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
