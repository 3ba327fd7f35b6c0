"""`make lab` serves the repository, so every link between chapters, exercises and solutions opens.

The browser test (tests/e2e/run_e2e.py, `make e2e`) follows links in a real JupyterLab started by
`make lab`; these quick checks cover every link of every notebook without a browser.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|href=[\"']([^\"']+)[\"']")


def _generated_exercises():
    spec = importlib.util.spec_from_file_location("make_exercises", REPO / "tools" / "make_exercises.py")
    mx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mx)
    return {f"exercises/{p.name}": mx.generate(p, REPO) for p in sorted((REPO / "solutions").glob("*.ipynb"))}


def _notebooks():
    books = {p.relative_to(REPO).as_posix(): nbformat.read(p, as_version=4)
             for folder in ("notebooks", "solutions") for p in sorted((REPO / folder).glob("*.ipynb"))}
    books.update(_generated_exercises())  # what the generator writes, not a learner's copy
    return books


def _local_links(nb):
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for match in LINK.finditer(cell.source):
            target = match.group(1) or match.group(2)
            if not re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):  # not http:, mailto:, #anchor, /abs
                yield unquote(target.split("#")[0])


def test_every_link_between_notebooks_opens_inside_the_repository():
    """Relative links resolve from the notebook's folder to a file inside the repository (the root that
    `make lab` serves): a link out of it, or to a missing file, would be dead in JupyterLab."""
    books = _notebooks()
    dead, seen = [], set()
    for rel, nb in books.items():
        for target in _local_links(nb):
            resolved = (REPO / rel).parent.joinpath(target).resolve()
            seen.add(resolved.relative_to(REPO).as_posix() if resolved.is_relative_to(REPO) else str(resolved))
            if not resolved.is_relative_to(REPO) or not resolved.is_file():
                dead.append(f"{rel} -> {target}")
    assert not dead, "열리지 않는 링크:\n" + "\n".join(dead)
    # the links that make the learner's path: chapter -> its exercise, and chapter 00 -> exercises, solutions
    for stem in (p.stem for p in (REPO / "solutions").glob("*.ipynb")):
        assert f"exercises/{stem}.ipynb" in seen and f"solutions/{stem}.ipynb" in seen, stem
        assert f"notebooks/{stem}.ipynb" in seen, stem


@pytest.mark.skipif(shutil.which("make") is None, reason="make 이 없습니다")
def test_make_lab_serves_the_repository_and_starts_on_chapter_00():
    """`make lab`: the server's root is the repository; the first screen is the workspace it imports."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    out = subprocess.run(["make", "-n", "lab", "VENV=/nonexistent-venv", "LAB_ARGS=--no-browser --port=8899"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = [shlex.split(line) for line in out.stdout.splitlines() if "/jupyter lab" in line]
    imports = [a for a in lines if a[2:4] == ["workspaces", "import"]]
    servers = [a for a in lines if a[2:4] != ["workspaces", "import"]]
    assert len(imports) == 1 and len(servers) == 1, out.stdout
    workspaces = f"{REPO}/.lab-workspaces"
    assert f"--LabWorkspaceImportApp.workspaces_dir={workspaces}" in imports[0]
    assert imports[0][-2:] == ["tools/lab_workspace.json", ">/dev/null"]
    assert f"--ServerApp.root_dir={REPO}" in servers[0]
    assert f"--LabApp.workspaces_dir={workspaces}" in servers[0]
    assert servers[0][-2:] == ["--no-browser", "--port=8899"]  # LAB_ARGS last; no notebook argument


def test_lab_workspace_opens_chapter_00_with_the_file_browser_at_the_root():
    workspace = json.loads((REPO / "tools" / "lab_workspace.json").read_text(encoding="utf-8"))
    data = workspace["data"]
    assert workspace["metadata"]["id"] == "default"
    assert data["file-browser-filebrowser:cwd"] == {"path": ""}
    main = data["layout-restorer:data"]["main"]
    assert main["current"] == "notebook:notebooks/00_getting_started.ipynb"
    assert main["dock"]["widgets"] == [main["current"]]
    assert data[main["current"]]["data"]["path"] == "notebooks/00_getting_started.ipynb"
    assert (REPO / "notebooks" / "00_getting_started.ipynb").is_file()
    assert data["layout-restorer:data"]["left"]["current"] == "filebrowser"
