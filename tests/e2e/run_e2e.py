#!/usr/bin/env python3
"""End-to-end test: open the course in a real JupyterLab in a real headless Chromium.

Usage (from the repo root):  .venv/bin/python tests/e2e/run_e2e.py [--notebook P] [--exercise P] [--keep]

What it does (see tests/e2e/README.md):
  1. installs what is missing (Debian `chromium` + `fonts-nanum`, PyPI `playwright` into this venv);
  2. copies the repo (minus .venv/.git/artifacts) into a temporary root, so running cells can
     never change tracked files or a learner's files;
  3. starts `<venv>/bin/jupyter lab` on 127.0.0.1:<free port> with a random token and temporary
     Jupyter config/data/runtime/settings/workspaces dirs;
  4. drives Chromium (Playwright, executable_path=/usr/bin/chromium, never a downloaded browser):
     chapter 03 -> Run All -> no error output, an SVG graph with `MeanBackward0`, an output with
     `4.5000`; exercise 03 -> Run All -> no error output, every check cell says
     "아직 구현하지 않았습니다";
  5. saves screenshots into --artifacts (default <repo>/.e2e-artifacts/) and always stops the
     server (whole process group) and the browser.

Exit code 0 when every assertion holds, 1 otherwise (2 for bad usage).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_NOTEBOOK = "notebooks/03_backward_chain_rule.ipynb"
DEFAULT_EXERCISE = "exercises/03_backward_chain_rule.ipynb"
CHROMIUM = "/usr/bin/chromium"
# fonts-noto-color-emoji: the checks print ✅/❌/⏳, which are empty boxes in screenshots without it.
APT_PACKAGES = ("chromium", "fonts-nanum", "fonts-noto-color-emoji")
PLAYWRIGHT_REQ = "playwright>=1.40,<2"
NOT_IMPLEMENTED_TEXT = "아직 구현하지 않았습니다"
CHAPTER_GRAPH_NODE = "MeanBackward0"
CHAPTER_VALUE_TEXT = "4.5000"
# A code cell is a "check cell" when it is tagged `check`, is an nbgrader test cell
# (grade: true, solution: false), or has a line calling `[module.]check...(` (the rule of
# tools/make_exercises.py).
CHECK_CALL = re.compile(r"^\s*(?:[A-Za-z_]\w*\.)*check\w*\(", re.M)
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "venv", ".git", ".e2e-artifacts", "__pycache__", ".pytest_cache", ".hypothesis",
    ".ipynb_checkpoints", "node_modules", "*.egg-info", "build", "dist", ".mypy_cache", ".ruff_cache",
)
BROWSER_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-dev-shm-usage",
    "--no-default-browser-check", "--disable-extensions", "--lang=ko-KR",
]
VIEWPORT = {"width": 1440, "height": 1000}

# Per-step time limits (seconds); the whole run (installs excluded) is also capped by --timeout.
T_SERVER = 45
T_PAGE = 45
T_KERNEL = 40
T_RUN = 75


# ----------------------------------------------------------------------------- messages
class E2EFailure(Exception):
    """An assertion or step failed; str() is the bilingual message shown to the user."""


def log(msg: str) -> None:
    print(f"[e2e {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fail(ko: str, en: str, detail: str = "") -> E2EFailure:
    text = f"{ko}\n       {en}"
    if detail:
        text += "\n" + "\n".join("       | " + line for line in detail.rstrip().splitlines())
    return E2EFailure(text)


class Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.total = seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def step(self, seconds: float, what: str) -> float:
        """Seconds allowed for a step: its own limit, cut by the whole-run limit."""
        left = self.left()
        if left <= 1:
            raise fail(f"전체 시간 제한({self.total:.0f}초)을 넘었습니다: {what} 전에 중단",
                       f"whole-run time limit ({self.total:.0f} s) exceeded before: {what}")
        return min(seconds, left)


# ----------------------------------------------------------------------------- installs
def _run_quiet(cmd: list[str], what: str, env: dict | None = None) -> None:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if proc.returncode != 0:
        raise fail(f"설치 실패: {what}", f"install failed: {what} (exit {proc.returncode})",
                   proc.stdout[-3000:])


def _dpkg_installed(pkg: str) -> bool:
    proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return proc.returncode == 0 and "install ok installed" in proc.stdout


def ensure_apt_packages() -> None:
    missing = [p for p in APT_PACKAGES if not _dpkg_installed(p)]
    if "chromium" not in missing and not os.access(CHROMIUM, os.X_OK):
        missing.append("chromium")
    if not missing:
        return
    if shutil.which("apt-get") is None:
        raise fail(f"Debian 패키지가 없습니다: {' '.join(missing)} (apt-get 없음)",
                   f"missing Debian packages {missing} and no apt-get to install them")
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None:
        raise fail(f"root 가 아니라 설치할 수 없습니다: sudo apt-get install {' '.join(missing)}",
                   f"not root: please run `sudo apt-get install {' '.join(missing)}`")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log(f"installing Debian packages: {' '.join(missing)} (apt-get update + install, ~1 min)")
    _run_quiet(prefix + ["apt-get", "update", "-qq"], "apt-get update", env)
    _run_quiet(prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
               f"apt-get install {' '.join(missing)}", env)


def ensure_playwright() -> None:
    try:
        import playwright.sync_api  # noqa: F401
        return
    except ImportError:
        pass
    log(f"installing PyPI package into {sys.prefix}: {PLAYWRIGHT_REQ} (no browser download)")
    _run_quiet([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                PLAYWRIGHT_REQ], f"pip install {PLAYWRIGHT_REQ}")
    import importlib
    importlib.invalidate_caches()
    import playwright.sync_api  # noqa: F401,F811


def find_jupyter() -> Path:
    for cand in (Path(sys.executable).parent / "jupyter", REPO / ".venv" / "bin" / "jupyter"):
        if cand.exists():
            return cand
    raise fail("jupyter 실행 파일을 찾지 못했습니다 (make venv 를 먼저 실행하세요)",
               "no `jupyter` next to this Python nor in <repo>/.venv/bin (run `make venv`)")


# ----------------------------------------------------------------------------- temp root
def resolve_input(arg: str, default_dir: str, label_ko: str, label_en: str) -> tuple[Path, str]:
    """Return (source file, path relative to the temporary root)."""
    given = Path(arg).expanduser()
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, REPO / given]
    src = next((c.resolve() for c in candidates if c.is_file()), None)
    if src is None:
        raise fail(f"{label_ko} 노트북을 찾을 수 없습니다: {arg}",
                   f"{label_en} notebook not found: {arg}")
    try:
        rel = src.relative_to(REPO).as_posix()
    except ValueError:  # outside the repo: put it where the real one would live
        rel = f"{default_dir}/{src.name}"
    return src, rel


def make_temp_root(tmp: Path, inputs: list[tuple[Path, str]]) -> Path:
    root = tmp / "root"
    shutil.copytree(REPO, root, ignore=COPY_IGNORE, symlinks=True)
    for src, rel in inputs:
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    return root


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_lab_config(tmp: Path) -> dict[str, Path]:
    dirs = {name: tmp / name for name in ("config", "data", "runtime", "settings", "workspaces", "ipython")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    # No news/update toasts, no announcement plugin at all.
    (dirs["config"] / "labconfig").mkdir()
    (dirs["config"] / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        # Every cell stays in the DOM, so scrolling/screenshots/DOM checks see all of them.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        # The temp copy is never saved back (belt and braces: it is a copy anyway).
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for rel, value in settings.items():
        f = dirs["settings"] / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    return dirs


def start_server(jupyter: Path, root: Path, tmp: Path, port: int, token: str,
                 log_path: Path) -> subprocess.Popen:
    dirs = write_lab_config(tmp)
    env = dict(os.environ)
    env.update({
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "IPYTHONDIR": str(dirs["ipython"]),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MINIGRAD_GRAPHVIZ": "wasm",
        "PYTHONDONTWRITEBYTECODE": "1",
        # The kernel imports the temp copy of minigrad, never the repo's (even if pip -e installed).
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")])),
        "PATH": os.pathsep.join([str(jupyter.parent), env.get("PATH", "")]),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    env.pop("JUPYTER_PATH", None)
    cmd = [
        str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--port-retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.user_settings_dir={dirs['settings']}",
        f"--LabApp.workspaces_dir={dirs['workspaces']}",
        "--ServerApp.open_browser=False", "--LanguageServerManager.autodetect=False",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    logf = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=logf, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    logf.close()
    return proc


def wait_for_server(proc: subprocess.Popen, port: int, token: str, timeout: float,
                    log_path: Path) -> None:
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise fail("JupyterLab 서버가 시작하자마자 종료했습니다",
                       f"JupyterLab server exited early (code {proc.returncode})",
                       tail(log_path))
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise fail(f"JupyterLab 서버가 {timeout:.0f}초 안에 응답하지 않았습니다",
               f"JupyterLab server did not answer within {timeout:.0f} s", tail(log_path))


def stop_process_group(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        return
    for sig, wait in ((signal.SIGTERM, 8), (signal.SIGKILL, 5)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            # kernels live in the same group; make sure none is left behind
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            return
        except subprocess.TimeoutExpired:
            continue


def kill_leftovers(marker: str) -> list[int]:
    """SIGKILL processes whose command line names our unique temp dir (kernels are started in their
    own session by jupyter_client, so they are not in the server's process group)."""
    killed = []
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc_dir / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        pid = int(proc_dir.name)
        if marker in cmdline and pid != os.getpid():
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except OSError:
                pass
    return killed


def tail(path: Path, n: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return ""


# ----------------------------------------------------------------------------- browser side
# JavaScript run in the page. `window.jupyterapp` exists because of expose_app_in_browser.
JS_FIND_PANEL = """
(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.widgets) return w;
  }
  return null;
}
"""

JS_PANEL_STATE = "(path) => { const p = (%s)(path); if (!p) return {found: false};" % JS_FIND_PANEL.strip() + """
  const sc = p.sessionContext;
  const kernel = sc && sc.session && sc.session.kernel;
  const dialog = document.querySelector('.jp-Dialog');
  return {
    found: true, ready: !!(p.context.isReady && sc && sc.isReady),
    kernel: kernel ? kernel.status : null, kernelName: kernel ? kernel.name : null,
    noKernel: !!(sc && sc.hasNoKernel), cells: p.content.widgets.length,
    dialog: dialog ? dialog.innerText.slice(0, 300) : null,
  };
}
"""

JS_RUN_ALL = "async (path) => { const p = (%s)(path); if (!p) return 'no panel';" % JS_FIND_PANEL.strip() + """
  const app = window.jupyterapp;
  app.shell.activateById(p.id);
  await app.commands.execute('notebook:clear-all-cell-outputs');
  // Not awaited: we poll the cells ourselves so a hung cell hits our timeout, not a JS hang.
  app.commands.execute('notebook:run-all-cells').then(
    () => { window.__e2eRunDone = true; }, (e) => { window.__e2eRunError = String(e); });
  return 'started';
}
"""

JS_RUN_STATE = "(path) => { const p = (%s)(path); if (!p) return null;" % JS_FIND_PANEL.strip() + """
  const sc = p.sessionContext;
  const kernel = sc && sc.session && sc.session.kernel;
  let code = 0, counted = 0, pending = 0, errors = 0;
  for (const cell of p.content.widgets) {
    if (cell.model.type !== 'code') continue;
    code++;
    if (cell.model.executionCount !== null && cell.model.executionCount !== undefined) counted++;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if ((prompt && prompt.textContent.includes('*')) || cell.model.executionState === 'running') pending++;
    for (let i = 0; i < cell.model.outputs.length; i++) {
      if (cell.model.outputs.get(i).type === 'error') errors++;
    }
  }
  return {kernel: kernel ? kernel.status : null, code, counted, pending, errors,
          done: !!window.__e2eRunDone, runError: window.__e2eRunError || null};
}
"""

JS_COLLECT = "(path) => { const p = (%s)(path); if (!p) return null;" % JS_FIND_PANEL.strip() + """
  const src = (c) => c.model.sharedModel ? c.model.sharedModel.getSource() : c.model.value.text;
  return p.content.widgets.map((cell, index) => {
    const out = {index, type: cell.model.type, source: src(cell),
                 tags: (cell.model.getMetadata ? cell.model.getMetadata('tags') : null) || [],
                 nbgrader: (cell.model.getMetadata ? cell.model.getMetadata('nbgrader') : null) || null,
                 executionCount: null, outputs: [], rendered: []};
    if (cell.model.type !== 'code') return out;
    out.executionCount = cell.model.executionCount;
    out.outputs = cell.model.outputs.toJSON();
    for (const el of cell.node.querySelectorAll('.jp-OutputArea-output')) {
      const mime = el.getAttribute('data-mime-type');
      const img = el.querySelector('img');
      const svg = el.querySelector('svg');
      let svgText = null;
      if (img && img.src && img.src.startsWith('data:image/svg+xml')) {
        try { svgText = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1)); } catch (e) { svgText = img.src; }
      } else if (svg) { svgText = svg.outerHTML; }
      out.rendered.push({mime, text: el.innerText.slice(0, 5000), svgText,
        imgOk: img ? (img.complete && img.naturalWidth > 0) : null,
        width: el.getBoundingClientRect().width, height: el.getBoundingClientRect().height});
    }
    return out;
  });
}
"""

JS_KERNEL_EVAL = "async (args) => { const p = (%s)(args[0]); if (!p) return null;" % JS_FIND_PANEL.strip() + """
  const kernel = p.sessionContext.session.kernel;
  const future = kernel.requestExecute({code: args[1], silent: false, store_history: false});
  let text = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
    if (msg.header.msg_type === 'error') text += msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}
"""

JS_SCROLL_TO_CELL = "(args) => { const p = (%s)(args[0]); if (!p) return false;" % JS_FIND_PANEL.strip() + """
  const cell = p.content.widgets[args[1]];
  if (!cell) return false;
  p.content.activeCellIndex = args[1];
  cell.node.scrollIntoView({block: args[2] || 'start'});
  return true;
}
"""

JS_SCROLL_TOP = "(path) => { const p = (%s)(path); if (!p) return false;" % JS_FIND_PANEL.strip() + """
  p.content.activeCellIndex = 0;
  const first = p.content.widgets[0];
  if (first) first.node.scrollIntoView({block: 'start'});
  p.content.node.scrollTop = 0;
  return true;
}
"""


def output_texts(cell: dict, rendered: bool = True) -> list[str]:
    """Every text a code cell shows: streams, text/plain, error lines, and the rendered DOM text."""
    texts = []
    for o in cell["outputs"]:
        if o.get("output_type") == "stream":
            t = o.get("text", "")
            texts.append("".join(t) if isinstance(t, list) else t)
        elif o.get("output_type") == "error":
            texts.append(f"{o.get('ename')}: {o.get('evalue')}")
        for mime in ("text/plain", "text/html", "text/markdown"):
            t = (o.get("data") or {}).get(mime)
            if t:
                texts.append("".join(t) if isinstance(t, list) else t)
    if rendered or not texts:
        texts.extend(r["text"] for r in cell["rendered"] if r.get("text"))
    return texts


def strip_ansi(s: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s)


def error_report(cells: list[dict]) -> list[str]:
    found = []
    for c in cells:
        for o in c["outputs"]:
            if o.get("output_type") == "error":
                tb = strip_ansi("\n".join(o.get("traceback") or []))
                found.append(f"cell #{c['index']} [{c['executionCount']}]: {o.get('ename')}: "
                             f"{o.get('evalue')}\n{tb[-1500:]}")
            elif o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = o.get("text", "")
                text = "".join(text) if isinstance(text, list) else text
                if "Traceback (most recent call last)" in text:
                    found.append(f"cell #{c['index']} [{c['executionCount']}]: traceback on stderr\n"
                                 f"{text[-1500:]}")
    return found


def stderr_warnings(cells: list[dict]) -> list[str]:
    warns = []
    for c in cells:
        for o in c["outputs"]:
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = o.get("text", "")
                text = "".join(text) if isinstance(text, list) else text
                warns.append(f"cell #{c['index']}: {text.strip()[:300]}")
    return warns


def first_error_index(cells: list[dict]) -> int | None:
    for c in cells:
        if any(o.get("output_type") == "error" for o in c["outputs"]):
            return c["index"]
    return None


def is_check_cell(cell: dict) -> bool:
    if cell["type"] != "code":
        return False
    if any(t in ("check", "checks", "e2e-check") for t in cell["tags"]):
        return True
    nb = cell.get("nbgrader") or {}
    if nb.get("solution"):
        return False
    if nb.get("grade"):
        return True
    return bool(CHECK_CALL.search(cell["source"]))


class Lab:
    """One browser page on the JupyterLab server."""

    def __init__(self, page, base_url: str, token: str, artifacts: Path, deadline: Deadline,
                 root: Path):
        self.page = page
        self.root = root
        self.base = base_url
        self.token = token
        self.artifacts = artifacts
        self.deadline = deadline
        self.shots: list[Path] = []

    def screenshot(self, name: str) -> Path:
        path = self.artifacts / name
        self.page.wait_for_timeout(300)  # let the scroll and fonts settle
        self.page.screenshot(path=str(path), full_page=True, timeout=15000)
        self.shots.append(path)
        log(f"screenshot: {path}")
        return path

    def open_notebook(self, rel: str, label: str) -> None:
        """The first notebook is opened by URL (/lab/tree/...), later ones inside the same
        JupyterLab with `docmanager:open` (as the file browser does): saves a page reload."""
        t = self.deadline.step(T_PAGE, f"open {label}")
        loaded = self.page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell)")
        try:
            if loaded:
                log(f"opening {label}: docmanager:open {rel}")
                self.page.evaluate("(p) => { window.jupyterapp.commands.execute('docmanager:open', "
                                   "{path: p, factory: 'Notebook'}); }", rel)
            else:
                log(f"opening {label}: /lab/tree/{rel}")
                self.page.goto(f"{self.base}/lab/tree/{rel}?token={self.token}",
                               wait_until="domcontentloaded", timeout=t * 1000)
                self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell",
                                            timeout=t * 1000)
        except Exception as e:  # playwright TimeoutError and friends
            raise fail(f"{label}: JupyterLab 페이지가 {t:.0f}초 안에 열리지 않았습니다",
                       f"{label}: JupyterLab page did not load within {t:.0f} s "
                       "(is window.jupyterapp exposed?)", str(e)[:800])
        t = self.deadline.step(T_KERNEL, f"{label} kernel")
        end = time.monotonic() + t
        state = None
        while time.monotonic() < end:
            state = self.page.evaluate(JS_PANEL_STATE, rel)
            if state.get("dialog"):
                # e.g. "Select Kernel" when the notebook names a kernel this server lacks:
                # accept the default (the venv's Python).
                log(f"{label}: dialog shown, accepting default: {state['dialog'][:120]!r}")
                self.page.locator(".jp-Dialog .jp-mod-accept").first.click(timeout=5000)
            elif state.get("found") and state.get("ready") and state.get("kernel") == "idle":
                log(f"{label}: {state['cells']} cells, kernel {state['kernelName']} idle")
                return
            self.page.wait_for_timeout(200)
        raise fail(f"{label}: 노트북이 열리지 않았거나 커널이 {t:.0f}초 안에 준비되지 않았습니다",
                   f"{label}: notebook panel/kernel not ready within {t:.0f} s",
                   f"last state: {state}")

    def run_all(self, rel: str, label: str) -> list[dict]:
        t = self.deadline.step(T_RUN, f"run {label}")
        log(f"{label}: Run All Cells")
        self.page.evaluate("() => { window.__e2eRunDone = false; window.__e2eRunError = null; }")
        started = self.page.evaluate(JS_RUN_ALL, rel)
        if started != "started":
            raise fail(f"{label}: 모든 셀 실행 명령을 보낼 수 없었습니다",
                       f"{label}: could not start run-all-cells: {started}")
        end = time.monotonic() + t
        state, settled_since = None, None
        self.page.wait_for_timeout(300)
        while time.monotonic() < end:
            state = self.page.evaluate(JS_RUN_STATE, rel)
            idle = state and state["kernel"] == "idle" and state["pending"] == 0
            # all cells ran, or run-all stopped at an error (no point in waiting then)
            settled = idle and (state["counted"] == state["code"] or state["errors"])
            if settled and state["done"] and not state["errors"]:
                break
            if settled:  # without the command's own "done", accept a state stable for 1.5 s
                settled_since = settled_since or time.monotonic()
                if time.monotonic() - settled_since > 1.5:
                    break
            else:
                settled_since = None
            self.page.wait_for_timeout(200)
        else:
            cells = self.page.evaluate(JS_COLLECT, rel)
            stuck = [f"cell #{c['index']}: {c['source'][:100]!r}" for c in cells
                     if c["type"] == "code" and c["executionCount"] is None]
            raise fail(f"{label}: {t:.0f}초 안에 모든 셀 실행이 끝나지 않았습니다",
                       f"{label}: Run All did not finish within {t:.0f} s", 
                       f"last state: {state}\ncells without execution count "
                       "(the first is probably the one still running):\n" + "\n".join(stuck[:10]))
        cells = self.page.evaluate(JS_COLLECT, rel)
        log(f"{label}: ran {state['counted']}/{state['code']} code cells, kernel {state['kernel']}")
        return cells

    def failure_shot(self, rel: str, label: str, index: int | None) -> None:
        try:
            if index is not None:
                self.scroll_to_cell(rel, index, "center")
            self.screenshot(f"failure-{label}.png")
        except Exception as e:
            log(f"(no failure screenshot: {e})")

    def kernel_eval(self, rel: str, code: str) -> str:
        return self.page.evaluate(JS_KERNEL_EVAL, [rel, code]) or ""

    def scroll_to_cell(self, rel: str, index: int, block: str = "start") -> None:
        self.page.evaluate(JS_SCROLL_TO_CELL, [rel, index, block])

    def scroll_top(self, rel: str) -> None:
        self.page.evaluate(JS_SCROLL_TOP, rel)


# ----------------------------------------------------------------------------- the two checks
ISOLATION_CODE = (
    "import os as _o, sys as _s\n"
    "_m = _s.modules.get('minigrad')\n"
    "print(_o.getcwd()); print((getattr(_m, '__file__', None) or list(getattr(_m, '__path__', []) or ['-'])[0])"
    " if _m else '-')\n"
    "del _o, _s, _m"
)


def check_isolation(lab: Lab, rel: str, label: str, results: list[str], problems: list) -> None:
    """The kernel must work in the temporary copy: its cwd and the minigrad it imported."""
    out = lab.kernel_eval(rel, ISOLATION_CODE).strip().splitlines()
    if len(out) < 2:
        results.append(f"WARN [{label}] could not ask the kernel where it runs: {out!r}")
        return
    cwd, mod = out[0], out[1]
    root = str(lab.root.resolve())
    bad = [x for x in (cwd, mod) if x != "-" and not str(Path(x).resolve()).startswith(root)]
    if bad:
        problems.append(fail(f"[{label}] 커널이 임시 복사본이 아닌 파일을 씁니다: {bad}",
                             f"[{label}] the kernel is not isolated in the temporary copy: {bad}",
                             f"temp root: {root}\ncwd: {cwd}\nminigrad: {mod}"))
    else:
        results.append(f"OK   [{label}] kernel runs in the temporary copy"
                       + (" (minigrad imported from it)" if mod != "-" else " (minigrad not imported)"))


def check_chapter(lab: Lab, rel: str, results: list[str]) -> list[E2EFailure]:
    label = "chapter"
    lab.open_notebook(rel, label)
    lab.scroll_top(rel)
    cells = lab.run_all(rel, label)
    lab.scroll_top(rel)
    lab.screenshot("01-chapter-top.png")

    problems = []
    check_isolation(lab, rel, label, results, problems)
    errors = error_report(cells)
    if errors:
        problems.append(fail("[chapter] 오류 출력(traceback)이 있습니다",
                             "[chapter] error output (traceback) found", "\n".join(errors)))
    missing = [c["index"] for c in cells if c["type"] == "code" and c["executionCount"] is None]
    if missing and not errors:
        problems.append(fail("[chapter] 실행되지 않은 셀이 있습니다",
                             f"[chapter] cells without execution count: {missing}"))

    # The graph: a rendered image/svg+xml output whose SVG names MeanBackward0.
    graph_cell, graph_how = None, None
    for c in cells:
        for r in c["rendered"]:
            if r["svgText"] and CHAPTER_GRAPH_NODE in r["svgText"]:
                if r["mime"] == "image/svg+xml" and r["imgOk"] is not False:
                    graph_cell, graph_how = c, "image/svg+xml"
                elif graph_cell is None:
                    graph_cell, graph_how = c, f"{r['mime']} (inline <svg>)"
        if graph_how == "image/svg+xml":
            break
    if graph_cell is not None:
        lab.scroll_to_cell(rel, graph_cell["index"], "start")
        lab.screenshot("02-chapter-graph.png")
        note = "" if graph_how == "image/svg+xml" else f"  NOTE: shown as {graph_how}, not image/svg+xml"
        results.append(f"OK   [chapter] graph SVG with {CHAPTER_GRAPH_NODE} in cell #{graph_cell['index']}{note}")
        if graph_how != "image/svg+xml":
            problems.append(fail(f"[chapter] {CHAPTER_GRAPH_NODE} 그래프가 image/svg+xml 출력으로 그려지지 않았습니다",
                                 f"[chapter] the {CHAPTER_GRAPH_NODE} graph is not a rendered image/svg+xml output "
                                 f"(found {graph_how})"))
    else:
        svg_count = sum(1 for c in cells for r in c["rendered"] if r["mime"] == "image/svg+xml")
        in_model = [c["index"] for c in cells for o in c["outputs"]
                    if CHAPTER_GRAPH_NODE in json.dumps(o.get("data", {}))]
        lab.screenshot("02-chapter-graph.png")
        problems.append(fail(f"[chapter] {CHAPTER_GRAPH_NODE} 을 담은 SVG 그래프 그림이 없습니다",
                             f"[chapter] no rendered SVG graph containing {CHAPTER_GRAPH_NODE}",
                             f"rendered image/svg+xml outputs: {svg_count}; "
                             f"cells whose output data mention it: {in_model}"
                             + ("\n(Run All stopped at the error above: later cells did not run)"
                                if errors else "")))

    value_cells = [c["index"] for c in cells if any(CHAPTER_VALUE_TEXT in t for t in output_texts(c))]
    if value_cells:
        results.append(f"OK   [chapter] output text {CHAPTER_VALUE_TEXT!r} in cell(s) {value_cells}")
    else:
        problems.append(fail(f"[chapter] 출력 어디에도 {CHAPTER_VALUE_TEXT} 가 없습니다",
                             f"[chapter] no output text contains {CHAPTER_VALUE_TEXT!r}"))
    if not errors:
        results.append(f"OK   [chapter] {sum(c['type'] == 'code' for c in cells)} code cells ran, no error output")
    for w in stderr_warnings(cells):
        results.append(f"WARN [chapter] stderr output: {w}")
    if problems:
        lab.failure_shot(rel, label, first_error_index(cells))
    return problems


def check_exercise(lab: Lab, rel: str, results: list[str]) -> list[E2EFailure]:
    label = "exercise"
    lab.open_notebook(rel, label)
    cells = lab.run_all(rel, label)
    lab.scroll_top(rel)
    lab.screenshot("03-exercise-top.png")

    problems = []
    check_isolation(lab, rel, label, results, problems)
    errors = error_report(cells)
    if errors:
        problems.append(fail("[exercise] 손대지 않은 과제 노트북에 오류 출력(traceback)이 있습니다",
                             "[exercise] the untouched exercise notebook shows an error output (traceback)",
                             "\n".join(errors)))
    checks = [c for c in cells if is_check_cell(c)]
    if not checks:
        problems.append(fail("[exercise] 확인(check) 셀을 찾지 못했습니다",
                             "[exercise] no check cell found (tag `check`, nbgrader grade cell, "
                             "or a call to check...())"))
    else:
        lab.scroll_to_cell(rel, checks[0]["index"], "center")
        lab.screenshot("04-exercise-checks.png")
    bad, bad_index = [], None
    for c in checks:
        texts = "\n".join(output_texts(c))
        if NOT_IMPLEMENTED_TEXT not in texts:
            bad_index = c["index"] if bad_index is None else bad_index
            bad.append(f"cell #{c['index']} source: {c['source'].strip()[:120]!r}\n"
                       f"   output: {chr(10).join(output_texts(c, rendered=False)).strip()[:300]!r}")
    if bad:
        problems.append(fail(f"[exercise] 확인 셀 {len(bad)}/{len(checks)}개가 "
                             f"\"{NOT_IMPLEMENTED_TEXT}\" 를 보여주지 않습니다",
                             f"[exercise] {len(bad)} of {len(checks)} check cells do not show "
                             f"{NOT_IMPLEMENTED_TEXT!r}", "\n".join(bad)))
    elif checks:
        results.append(f"OK   [exercise] all {len(checks)} check cells show {NOT_IMPLEMENTED_TEXT!r} "
                       f"(cells {[c['index'] for c in checks]})")
    if not errors:
        results.append(f"OK   [exercise] {sum(c['type'] == 'code' for c in cells)} code cells ran, no error output")
    for w in stderr_warnings(cells):
        results.append(f"WARN [exercise] stderr output: {w}")
    if problems:
        lab.failure_shot(rel, label, first_error_index(cells) if errors else bad_index)
    return problems


# ----------------------------------------------------------------------------- main
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="minigrad end-to-end test in a real JupyterLab + headless Chromium")
    ap.add_argument("--notebook", default=DEFAULT_NOTEBOOK,
                    help=f"chapter notebook (default {DEFAULT_NOTEBOOK}; relative to cwd or repo)")
    ap.add_argument("--exercise", default=DEFAULT_EXERCISE,
                    help=f"exercise notebook (default {DEFAULT_EXERCISE}); --exercise '' skips it")
    ap.add_argument("--artifacts", default=str(REPO / ".e2e-artifacts"),
                    help="folder for screenshots and the server log (default <repo>/.e2e-artifacts)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the JupyterLab server (and temp copy) running after the checks, until Ctrl-C")
    ap.add_argument("--timeout", type=float,
                    default=float(os.environ.get("MINIGRAD_E2E_TIMEOUT", "110")),
                    help="limit in seconds for the whole run, installs excluded "
                         "(default 110, or $MINIGRAD_E2E_TIMEOUT)")
    ap.add_argument("--headed", action="store_true", help="show the browser (needs a display)")
    return ap.parse_args(argv)


INTERRUPTED = []


def _interrupt(signum, frame):  # Ctrl-C, SIGTERM, SIGHUP: one clean-up path
    # Playwright may swallow the KeyboardInterrupt (its driver dies of the same Ctrl-C and the call
    # fails with TargetClosedError instead), so remember it here.
    INTERRUPTED.append(signum)
    import logging
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # "Future exception was never retrieved"
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    t0 = time.monotonic()
    artifacts = Path(args.artifacts).resolve()
    server = tmp = None
    pw = context = None
    results: list[str] = []
    failures: list[str] = []
    lab = None
    keeping = False
    try:
        # 1. inputs first: a missing notebook should fail fast and clearly
        nb_src, nb_rel = resolve_input(args.notebook, "notebooks", "챕터 03 (chapter)", "chapter 03")
        inputs = [(nb_src, nb_rel)]
        ex_src = ex_rel = None
        if args.exercise:
            ex_src, ex_rel = resolve_input(args.exercise, "exercises", "과제 03 (exercise)", "exercise 03")
            inputs.append((ex_src, ex_rel))
        digests = {src: file_digest(src) for src, _ in inputs}

        # 2. installs (not counted in the run's time limit)
        ensure_apt_packages()
        ensure_playwright()
        jupyter = find_jupyter()
        t_installed = time.monotonic()
        deadline = Deadline(args.timeout)
        from playwright.sync_api import sync_playwright

        # 3. temporary root and server
        artifacts.mkdir(parents=True, exist_ok=True)
        for old in artifacts.glob("*.png"):
            old.unlink()
        tmp = Path(tempfile.mkdtemp(prefix="minigrad-e2e-"))
        root = make_temp_root(tmp, inputs)
        port, token = free_port(), secrets.token_hex(16)
        server_log = artifacts / "jupyter-server.log"
        log(f"temp root {root}; starting JupyterLab on 127.0.0.1:{port}")
        server = start_server(jupyter, root, tmp, port, token, server_log)

        # 4. browser (started while the server boots)
        pw = sync_playwright().start()
        try:
            context = pw.chromium.launch_persistent_context(
                str(tmp / "chromium-profile"), executable_path=CHROMIUM, headless=not args.headed,
                args=BROWSER_ARGS, viewport=VIEWPORT, locale="ko-KR", device_scale_factor=1,
                timeout=deadline.step(30, "browser start") * 1000)
        except Exception as e:
            if INTERRUPTED:
                raise KeyboardInterrupt from None
            raise fail(f"Chromium 을 시작하지 못했습니다 ({CHROMIUM})",
                       f"could not start Chromium ({CHROMIUM})", str(e)[:1500]) from None
        page = context.pages[0] if context.pages else context.new_page()
        wait_for_server(server, port, token, deadline.step(T_SERVER, "server start"), server_log)
        log(f"server and browser up after {time.monotonic() - t_installed:.1f} s")
        page.set_default_timeout(20000)
        lab = Lab(page, f"http://127.0.0.1:{port}", token, artifacts, deadline, root)

        for name, func, rel in (("chapter", check_chapter, nb_rel), ("exercise", check_exercise, ex_rel)):
            if rel is None or INTERRUPTED:
                continue
            try:
                failures.extend(str(p) for p in func(lab, rel, results))
            except E2EFailure as e:  # a step (open, run) failed: the checks could not even run
                failures.append(str(e))
                lab.failure_shot(rel, name, None)
            except Exception:
                if INTERRUPTED:
                    raise KeyboardInterrupt from None
                raise

        for src, rel in inputs:
            if src.exists() and file_digest(src) != digests[src]:
                failures.append(str(fail(
                    f"실행 중에 원본 파일이 바뀌었습니다: {src} — 이 테스트는 임시 복사본만 열므로 "
                    "다른 프로그램이 동시에 고친 것입니다. 다시 실행하세요.",
                    f"the source file changed during the run: {src}. This test only opens a temporary "
                    "copy, so something else edited it meanwhile (checked the old version): re-run.")))
        log(f"browser part took {time.monotonic() - t_installed:.1f} s")
        if args.keep:
            print(f"\n--keep: JupyterLab stays up at http://127.0.0.1:{port}/lab?token={token}\n"
                  f"        root (temporary copy): {root}\n        Ctrl-C to stop.", flush=True)
            context.close()
            context = None
            keeping = True
            while server.poll() is None:
                time.sleep(1)
    except KeyboardInterrupt:
        if not keeping:
            INTERRUPTED.append(signal.SIGINT)
    except E2EFailure as e:
        failures.append(str(e))
    except Exception as e:  # unexpected: still report clearly and clean up
        if INTERRUPTED:
            pass
        else:
            import traceback
            failures.append(f"예기치 못한 오류 / unexpected error: {type(e).__name__}: {e}\n"
                            + traceback.format_exc()[-2500:])
    finally:
        t_stop = time.monotonic()
        # a second Ctrl-C must not cut the clean-up short
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        for closer in ((lambda: context.close()) if context else None,
                       (lambda: pw.stop()) if pw else None):
            if closer:
                try:
                    closer()
                except Exception:
                    pass
        stop_process_group(server)
        if tmp is not None:
            left = kill_leftovers(str(tmp))
            if left:
                log(f"killed leftover processes of this run: {left}")
            shutil.rmtree(tmp, ignore_errors=True)
        if server is not None:
            log(f"server and browser stopped ({time.monotonic() - t_stop:.1f} s)")
    if INTERRUPTED and not keeping:
        failures.append("중단됨 (Ctrl-C / signal) / interrupted")

    print()
    for line in results:
        print("  " + line)
    if lab is not None and lab.shots:
        print(f"  screenshots: {artifacts}/")
        for p in lab.shots:
            print(f"    {p.name}")
    if artifacts.joinpath("jupyter-server.log").exists() and failures:
        print(f"  server log: {artifacts / 'jupyter-server.log'}")
    wall = time.monotonic() - t0
    if failures:
        for f in failures:
            print(f"  FAIL {f}")
        print(f"\nE2E: 실패 / FAILED ({len(failures)} problem(s), {wall:.1f} s)")
        return 1
    print(f"\nE2E: 통과 / PASSED ({wall:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
