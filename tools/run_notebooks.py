#!/usr/bin/env python3
"""Re-execute the course notebooks in place, so their stored outputs come from one command.

    python tools/run_notebooks.py                 # every notebook in notebooks/ and solutions/
    python tools/run_notebooks.py notebooks/03_backward_chain_rule.ipynb solutions/
    python tools/run_notebooks.py --check         # run, but only report which notebooks would change

Each notebook runs top to bottom with nbclient, in a fresh kernel of *this* interpreter (the `python3`
kernelspec is built from ipykernel in the running environment, whatever is registered elsewhere), with
the notebook's folder as working directory, 300 s per cell, MINIGRAD_GRAPHVIZ=wasm and a fixed
PYTHONHASHSEED, the same as `make test` (nbval) uses. A cell that raises stops the run with an error
unless it carries the `raises-exception` tag.

What gets written is normalized so that it does not depend on the machine or the moment:
  * no execution timestamps (record_timing=False; stray `execution`/`ExecuteTime` metadata removed),
  * kernelspec {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
    and language_info without the interpreter's patch version,
  * paths of this machine in outputs replaced as in tests/nbval_sanitize.cfg (`<repo>/...`, `<cell>`),
  * a notebook is rewritten only when its content changed modulo all of nbval's sanitizers, so a new
    memory address alone does not churn the file.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = ("notebooks", "solutions")
SANITIZE_CFG = REPO / "tests" / "nbval_sanitize.cfg"
CELL_TIMEOUT = 300
HASH_SEED = "0"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# language_info keys that are the same on every machine (`version` is the interpreter's, e.g. 3.11.7).
STABLE_LANGUAGE_INFO = ("name", "codemirror_mode", "file_extension", "mimetype", "nbconvert_exporter",
                        "pygments_lexer")
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime")
NBFORMAT_VERSION = 4


# ----------------------------------------------------------------------------------------------------
# Sanitizing (shared with nbval through tests/nbval_sanitize.cfg)

def load_sanitizers(path: Path = SANITIZE_CFG) -> list[tuple[re.Pattern[str], str]]:
    """The regex/replace pairs of an nbval sanitize file (same parsing as nbval 0.11)."""
    if not path.exists():
        return []
    pairs = re.findall(r"^regex: (.*)$\n^replace: (.*)$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return [(re.compile(regex), replace) for regex, replace in pairs]


def _apply(rules, text: str) -> str:
    for regex, replace in rules:
        text = regex.sub(replace, text)
    return text


def _map_output_text(output: dict, fn) -> None:
    """Apply fn to every text field of one output, in place."""
    if output.get("output_type") == "stream":
        output["text"] = fn(output.get("text", ""))
    elif output.get("output_type") == "error":
        output["evalue"] = fn(output.get("evalue", ""))
        output["traceback"] = [fn(line) for line in output.get("traceback", [])]
    for mime, value in (output.get("data") or {}).items():
        if isinstance(value, str) and (mime.startswith("text/") or mime == "image/svg+xml"):
            output["data"][mime] = fn(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            output["data"][mime] = [fn(v) for v in value]


# ----------------------------------------------------------------------------------------------------
# Normalizing

def normalize(nb, path_rules) -> None:
    """Make a notebook's stored form independent of the machine and the moment, in place."""
    meta = nb.setdefault("metadata", {})
    meta["kernelspec"] = dict(KERNELSPEC)
    info = meta.get("language_info")
    if isinstance(info, dict):
        meta["language_info"] = {k: info[k] for k in STABLE_LANGUAGE_INFO if k in info}
    meta.pop("widgets", None)
    for index, cell in enumerate(nb.get("cells", [])):
        cell_meta = cell.setdefault("metadata", {})
        for key in VOLATILE_CELL_METADATA:
            cell_meta.pop(key, None)
        # nbformat >= 4.5 wants cell ids; add missing ones deterministically (nbformat would pick random ones).
        if nb.get("nbformat_minor", 0) >= 5 and not cell.get("id"):
            cell["id"] = f"cell-{index:03d}"
        if cell.get("outputs"):
            cell["outputs"] = coalesce_streams(cell["outputs"])
        for output in cell.get("outputs", []) or []:
            _map_output_text(output, lambda text: _apply(path_rules, text))


def coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs into one, as nbval does before comparing.

    How the kernel splits a cell's printing into messages depends on timing (a slow backward between
    two prints flushes the first); stored notebooks should not change with it."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            merged.append(output)
    return merged


def _text(text) -> str:
    return "".join(text) if isinstance(text, list) else text


def comparable(nb, all_rules) -> str:
    """The notebook as text with every sanitizer applied (what 'changed' is measured on)."""
    import copy

    import nbformat

    twin = copy.deepcopy(nb)
    for cell in twin.get("cells", []):
        for output in cell.get("outputs", []) or []:
            _map_output_text(output, lambda text: _apply(all_rules, text))
    return nbformat.writes(twin)


# ----------------------------------------------------------------------------------------------------
# Executing

def _current_env_kernel_manager_class():
    """An AsyncKernelManager whose every kernel is ipykernel in this very interpreter."""
    import ipykernel.kernelspec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class CurrentEnvKernelSpecManager(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):  # noqa: ARG002 - any name maps to this interpreter
            return self.kernel_spec_class(
                resource_dir=ipykernel.kernelspec.RESOURCES, **ipykernel.kernelspec.get_kernel_dict()
            )

    class CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return CurrentEnvKernelSpecManager(data_dir=self.data_dir)

    return CurrentEnvKernelManager


class NotebookFailed(Exception):
    pass


def execute(nb, workdir: Path, timeout: int = CELL_TIMEOUT):
    """Run all cells of nb in a fresh kernel with cwd=workdir; raise NotebookFailed on an untagged error."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    state = {"index": None}

    def on_cell_execute(cell, cell_index, **_):
        state["index"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name=KERNELSPEC["name"],
        kernel_manager_class=_current_env_kernel_manager_class(),
        timeout=timeout,
        record_timing=False,
        allow_errors=False,  # only cells tagged `raises-exception` may raise
        resources={"metadata": {"path": str(workdir)}},
        on_cell_execute=on_cell_execute,
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        raise NotebookFailed(
            f"셀 {state['index']} 에서 예외가 났습니다: {exc.ename}: {exc.evalue}\n"
            f"  (일부러 예외를 내는 셀이라면 셀에 'raises-exception' 태그를 다세요)"
        ) from exc
    except CellTimeoutError as exc:
        raise NotebookFailed(f"셀 {state['index']} 이(가) {timeout} 초 안에 끝나지 않았습니다") from exc
    except DeadKernelError as exc:
        raise NotebookFailed(f"셀 {state['index']} 실행 중 커널이 죽었습니다: {exc}") from exc
    return nb


def _set_environment() -> None:
    os.environ["MINIGRAD_GRAPHVIZ"] = "wasm"
    os.environ["PYTHONHASHSEED"] = HASH_SEED
    # Quiet, machine-independent kernel start-up (debugpy's frozen-modules note, jupyter's path notice).
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")


def find_notebooks(args: list[str]) -> list[Path]:
    targets = [Path(a) for a in args] or [REPO / d for d in DEFAULT_DIRS]
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found.extend(sorted(p for p in target.glob("*.ipynb")))
        elif target.suffix == ".ipynb" and target.is_file():
            found.append(target)
        elif args:  # a default folder may be missing; a named one may not
            raise SystemExit(f"오류: 노트북이 아닙니다: {target}")
    return [p.resolve() for p in found]


def to_text(nb) -> str:
    """The file content, as nbformat.write (and JupyterLab) would store it: ending with a newline."""
    import nbformat

    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def run_one(path: Path, check: bool, path_rules, all_rules, timeout: int) -> bool:
    """Execute one notebook; return True if its stored content changed (written unless check)."""
    import nbformat

    original_text = path.read_text(encoding="utf-8")
    nb = nbformat.reads(original_text, as_version=NBFORMAT_VERSION)
    original = nbformat.reads(original_text, as_version=NBFORMAT_VERSION)
    normalize(original, path_rules)
    execute(nb, path.parent, timeout)
    normalize(nb, path_rules)
    same_outputs = comparable(nb, all_rules) == comparable(original, all_rules)
    if same_outputs:
        nb = original  # keep the stored outputs (and their memory addresses) as they were
    text = to_text(nb)
    if text == original_text:
        return False
    if not check:
        nbformat.validate(nb)
        path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="노트북을 다시 실행해 저장된 출력을 새로 만듭니다.")
    parser.add_argument("paths", nargs="*", help="노트북 파일이나 폴더 (기본: notebooks/ 와 solutions/)")
    parser.add_argument("--check", action="store_true", help="파일은 고치지 않고 바뀔 노트북만 알려 줍니다")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="셀 하나의 제한 시간(초)")
    args = parser.parse_args(argv)

    _set_environment()
    notebooks = find_notebooks(args.paths)
    if not notebooks:
        print("실행할 노트북이 없습니다 (notebooks/, solutions/ 가 비어 있습니다).")
        return 0
    all_rules = load_sanitizers()
    path_rules = [(regex, replace) for regex, replace in all_rules if replace.startswith("<")]

    failed, changed = [], []
    for path in notebooks:
        shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        print(f"- {shown} ... ", end="", flush=True)
        try:
            did_change = run_one(path, args.check, path_rules, all_rules, args.timeout)
        except NotebookFailed as exc:
            print("실패")
            print(f"  {shown}: {exc}", file=sys.stderr)
            failed.append(shown)
            continue
        if did_change:
            changed.append(shown)
        print(("바뀜" if args.check else "다시 저장함") if did_change else "그대로")

    if failed:
        print(f"\n오류: {len(failed)}개 노트북 실행이 실패했습니다 (파일은 고치지 않았습니다): "
              + ", ".join(map(str, failed)), file=sys.stderr)
        return 1
    if args.check and changed:
        print(f"\n{len(changed)}개 노트북의 저장된 출력이 최신이 아닙니다: make notebooks", file=sys.stderr)
        return 1
    print(f"\n노트북 {len(notebooks)}개 실행, {len(changed)}개 {'바뀜' if args.check else '다시 저장'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
