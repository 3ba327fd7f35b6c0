#!/usr/bin/env python3
"""End-to-end test: the learner's path through the course, in a real JupyterLab in headless Chromium.

Usage (from the repo root):  make e2e   (= .venv/bin/python tests/e2e/run_e2e.py [--keep] [--timeout S])

What it does (see tests/e2e/README.md):
  1. installs what is missing (Debian `chromium`, `fonts-nanum`, `fonts-noto-color-emoji`; PyPI
     `playwright` into this venv; never a browser download);
  2. makes a learner's clone of the repository in a temporary folder (tests/learner_clone.py: the
     working tree without .venv/.git, exercises/ as generated, `.venv` linking to this environment);
  3. starts JupyterLab there with exactly `make lab LAB_ARGS="--no-browser --port=P
     --IdentityProvider.token=T"`; only the environment is private (Jupyter config/runtime/settings
     folders: no news, no autosave, every cell in the DOM, `window.jupyterapp` for watching);
  4. drives Chromium as a learner: opens the page `make lab` hands to the browser (chapter 00), checks
     that the server's root is the repository (file browser: notebooks/, exercises/, solutions/; every
     notebook link is served), clicks chapter 00's link to chapter 03, runs it (graph with
     MeanBackward0, 4.5000), clicks chapter 03's link to its exercise, runs it (every check "아직"),
     types a wrong backward into task 1 with the keyboard, runs the task and check cells (❌ naming the
     failing case), types the right answer (✅), saves with Ctrl+S, runs `make progress` in the clone
     (task passed, other tasks still ⏳) and chapter 00's progress cell (the same);
  5. saves a screenshot of each step into --artifacts (default <repo>/.e2e-artifacts/) and always stops
     the server (its whole process group) and the browser.

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
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(REPO / "tests"), str(REPO)]
import answers_ch03 as ANSWERS  # noqa: E402  the texts typed into the exercise
from minigrad.exercises.tasks import find_tasks, is_check_cell  # noqa: E402  shared with make progress

CHAPTER_00 = "notebooks/00_getting_started.ipynb"
CHAPTER_03 = "notebooks/03_backward_chain_rule.ipynb"
EXERCISE_03 = "exercises/03_backward_chain_rule.ipynb"
ROOT_FOLDERS = ("notebooks", "exercises", "solutions")
CHROMIUM = "/usr/bin/chromium"
# fonts-noto-color-emoji: the checks print ✅/❌/⏳, which are empty boxes in screenshots without it.
APT_PACKAGES = ("chromium", "fonts-nanum", "fonts-noto-color-emoji")
PLAYWRIGHT_REQ = "playwright>=1.40,<2"
NOT_IMPLEMENTED_TEXT = "아직 구현하지 않았습니다"
CHAPTER_GRAPH_NODE = "MeanBackward0"
CHAPTER_VALUE_TEXT = "4.5000"
PROGRESS_CALL = re.compile(r"^\s*progress\(", re.M)  # chapter 00's progress cell
STUB_LINES = ("# YOUR CODE HERE", "raise NotImplementedError()")
BROWSER_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-dev-shm-usage",
    "--no-default-browser-check", "--disable-extensions", "--lang=ko-KR",
]
VIEWPORT = {"width": 1440, "height": 1000}

# Per-step time limits (seconds); the whole run (installs excluded) is also capped by --timeout.
T_SERVER = 60
T_PAGE = 45
T_KERNEL = 40
T_RUN = 75
T_PROGRESS = 120


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


# ----------------------------------------------------------------------------- the learner's clone
def make_learner_clone(tmp: Path) -> Path:
    """The repository as a learner has it (tests/learner_clone.py), in the run's temporary folder."""
    import pytest
    from learner_clone import make_clone
    try:
        return make_clone(tmp / "minigrad")
    except pytest.skip.Exception as e:
        raise fail(f"학습자 복사본을 만들 수 없습니다: {e} (`make venv` 를 먼저 실행하세요)",
                   f"cannot make the learner's clone: {e} (run `make venv` first)") from None


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def learner_env(clone: Path) -> dict:
    """A terminal in the clone: no make variables of the `make e2e` that started us, no $CI, and the
    clone's own minigrad first (as its own editable install would be)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MAKE", "MFLAGS")) and k not in ("CI", "JUPYTER_PATH")}
    env["PYTHONPATH"] = str(clone)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


# ----------------------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_lab_config(tmp: Path) -> dict[str, Path]:
    """Private Jupyter folders for this run. The config only quiets and exposes the app; it never sets
    what `make lab` decides (root_dir, workspaces, what opens first, default_url)."""
    dirs = {name: tmp / name for name in ("config", "data", "runtime", "settings", "ipython")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    config = {
        # window.jupyterapp: the test watches kernels, cells and outputs through it (actions are clicks
        # and keys); no news or update checks (the network is closed); no language-server probing.
        "LabApp": {"expose_app_in_browser": True, "news_url": None,
                   "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"},
        "ServerApp": {"port_retries": 0},
        "LanguageServerManager": {"autodetect": False},
    }
    for name in ("jupyter_server_config.json", "jupyter_lab_config.json"):
        (dirs["config"] / name).write_text(json.dumps(config))
    (dirs["config"] / "labconfig").mkdir()
    (dirs["config"] / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        # Every cell stays in the DOM, so scrolling/screenshots/DOM checks see all of them.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        # Only the learner's Ctrl+S saves (so the test knows the save was theirs).
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for rel, value in settings.items():
        f = dirs["settings"] / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    return dirs


def start_make_lab(clone: Path, tmp: Path, port: int, token: str, log_path: Path):
    """`make lab` in the clone, exactly as README says, with LAB_ARGS only for no-browser/port/token."""
    dirs = write_lab_config(tmp)
    env = learner_env(clone)
    env.update({
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "IPYTHONDIR": str(dirs["ipython"]),
        "JUPYTER_PLATFORM_DIRS": "1",
        "MINIGRAD_GRAPHVIZ": "wasm",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    cmd = ["make", "lab", f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"]
    logf = open(log_path, "w", encoding="utf-8")
    logf.write(f"$ (cd <clone> && {' '.join(cmd[:2])} '{cmd[2]}')\n")
    logf.flush()
    proc = subprocess.Popen(cmd, cwd=clone, env=env, stdout=logf, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    logf.close()
    return proc, dirs


def browser_open_url(runtime_dir: Path, timeout: float) -> str:
    """The file JupyterLab writes for the browser it opens (`jpserver-<pid>-open.html`, a redirect to
    the server's address with its token): exactly the page a learner's browser gets from `make lab`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = [p for p in sorted(runtime_dir.glob("jpserver-*-open.html")) if "file-to-run" not in p.name]
        if found:
            return found[0].resolve().as_uri()
        time.sleep(0.2)
    raise fail("`make lab` 의 JupyterLab 이 브라우저에 줄 주소 파일(jpserver-*-open.html)을 만들지 않았습니다",
               "`make lab`'s JupyterLab wrote no browser-open file",
               "runtime dir: " + ", ".join(p.name for p in runtime_dir.iterdir()))


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


JS_CURRENT_PATH = """
() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
        return w && w.context ? w.context.path : null; }
"""

JS_FILE_BROWSER = """
() => {
  const app = window.jupyterapp;
  let browser = null;
  for (const w of app.shell.widgets('left')) { if (w.id === 'filebrowser') browser = w; }
  if (!browser) return null;
  const names = [...browser.node.querySelectorAll('.jp-DirListing-item')].map(
    (el) => (el.getAttribute('title') || el.innerText || '').split('\\n')[0].trim());
  const text = [...browser.node.querySelectorAll('.jp-DirListing-itemText')].map((el) => el.innerText.trim());
  return {visible: browser.isVisible, path: browser.model ? browser.model.path : null,
          items: text.length ? text : names};
}
"""

JS_ANCHORS = "(path) => { const p = (%s)(path); if (!p) return null;" % JS_FIND_PANEL.strip() + """
  return [...p.content.node.querySelectorAll('.jp-RenderedMarkdown a')].map((a, i) => {
    let args = null;
    try { args = JSON.parse(a.getAttribute('data-commandlinker-args') || 'null'); } catch (e) {}
    return {i, text: a.innerText.trim(), href: a.getAttribute('href'), target: args && args.path};
  });
}
"""

JS_MARK_ANCHOR = "(args) => { const p = (%s)(args[0]); if (!p) return false;" % JS_FIND_PANEL.strip() + """
  const a = p.content.node.querySelectorAll('.jp-RenderedMarkdown a')[args[1]];
  if (!a) return false;
  document.querySelectorAll('[data-e2e-link]').forEach((el) => el.removeAttribute('data-e2e-link'));
  a.setAttribute('data-e2e-link', '1');
  a.scrollIntoView({block: 'center'});
  return true;
}
"""

JS_MARK_CELL = "(args) => { const p = (%s)(args[0]); if (!p) return false;" % JS_FIND_PANEL.strip() + """
  const cell = p.content.widgets[args[1]];
  if (!cell) return false;
  document.querySelectorAll('[data-e2e-cell="' + args[2] + '"]').forEach(
    (el) => el.removeAttribute('data-e2e-cell'));
  cell.node.setAttribute('data-e2e-cell', args[2]);
  cell.node.scrollIntoView({block: 'center'});
  return true;
}
"""

JS_CELL = "(args) => { const p = (%s)(args[0]); if (!p) return null;" % JS_FIND_PANEL.strip() + """
  const cell = p.content.widgets[args[1]];
  if (!cell) return null;
  const sc = p.sessionContext;
  const kernel = sc && sc.session && sc.session.kernel;
  const prompt = cell.node.querySelector('.jp-InputPrompt');
  const out = {source: cell.model.sharedModel.getSource(), kernel: kernel ? kernel.status : null,
               executionCount: cell.model.executionCount === undefined ? null : cell.model.executionCount,
               running: !!(prompt && prompt.textContent.includes('*')), outputs: [], rendered: [], rows: []};
  if (cell.model.type !== 'code') return out;
  out.outputs = cell.model.outputs.toJSON();
  for (const el of cell.node.querySelectorAll('.jp-OutputArea-output')) {
    out.rendered.push({mime: el.getAttribute('data-mime-type'), text: el.innerText.slice(0, 20000)});
  }
  for (const tr of cell.node.querySelectorAll('.jp-OutputArea-output table tr')) {
    out.rows.push([...tr.querySelectorAll('td,th')].map((td) => td.innerText.trim()));
  }
  return out;
}
"""

JS_DIRTY = "(path) => { const p = (%s)(path); return p ? p.context.model.dirty : null; }" % JS_FIND_PANEL.strip()

JS_TAB = """
(name) => {
  for (const tab of document.querySelectorAll('.lm-DockPanel-tabBar .lm-TabBar-tab')) {
    if (tab.innerText.trim() === name) {
      document.querySelectorAll('[data-e2e-tab]').forEach((el) => el.removeAttribute('data-e2e-tab'));
      tab.setAttribute('data-e2e-tab', '1');
      return true;
    }
  }
  return false;
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


def cell_dicts(cells: list[dict]) -> list[dict]:
    """Cells as the page reports them, in nbformat's shape (for minigrad.exercises.tasks)."""
    return [{"cell_type": c["type"], "source": c["source"],
             "metadata": {"tags": c["tags"], "nbgrader": c["nbgrader"] or {}}} for c in cells]


def output_text(state: dict) -> str:
    return "\n".join(output_texts(state, rendered=False))


class Lab:
    """One browser page on the JupyterLab server. Actions are clicks and key presses, as a learner's;
    `window.jupyterapp` is only used to watch (kernel state, cells, outputs) and to scroll."""

    def __init__(self, page, artifacts: Path, deadline: Deadline, root: Path):
        self.page = page
        self.root = root
        self.artifacts = artifacts
        self.deadline = deadline
        self.shots: list[Path] = []

    # --- looking
    def screenshot(self, name: str) -> Path:
        path = self.artifacts / name
        self.page.wait_for_timeout(400)  # let the scroll and fonts settle
        self.page.screenshot(path=str(path), full_page=True, timeout=15000)
        self.shots.append(path)
        log(f"screenshot: {path}")
        return path

    def collect(self, rel: str) -> list[dict]:
        return self.page.evaluate(JS_COLLECT, rel)

    def cell(self, rel: str, index: int) -> dict:
        return self.page.evaluate(JS_CELL, [rel, index])

    def kernel_eval(self, rel: str, code: str) -> str:
        return self.page.evaluate(JS_KERNEL_EVAL, [rel, code]) or ""

    def scroll_to_cell(self, rel: str, index: int, block: str = "start") -> None:
        self.page.evaluate(JS_SCROLL_TO_CELL, [rel, index, block])

    def scroll_top(self, rel: str) -> None:
        self.page.evaluate(JS_SCROLL_TOP, rel)

    def failure_shot(self, rel: str | None, label: str, index: int | None) -> None:
        try:
            if rel is not None and index is not None:
                self.scroll_to_cell(rel, index, "center")
            self.screenshot(f"failure-{label}.png")
        except Exception as e:
            log(f"(no failure screenshot: {e})")

    # --- waiting
    def open_url(self, url: str, label: str) -> None:
        t = self.deadline.step(T_PAGE, f"open {label}")
        log(f"{label}: opening {url}")
        try:
            self.page.goto(url, wait_until="domcontentloaded", timeout=t * 1000)
            self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell",
                                        timeout=t * 1000)
        except Exception as e:  # playwright TimeoutError and friends
            raise fail(f"{label}: JupyterLab 페이지가 {t:.0f}초 안에 열리지 않았습니다",
                       f"{label}: JupyterLab did not load within {t:.0f} s (page {self.page.url})",
                       str(e)[:800])

    def wait_panel(self, rel: str, label: str) -> None:
        """Until the notebook `rel` is open, is the current tab, and its kernel is idle."""
        t = self.deadline.step(T_KERNEL, f"{label} kernel")
        end = time.monotonic() + t
        state = current = None
        while time.monotonic() < end:
            state = self.page.evaluate(JS_PANEL_STATE, rel)
            current = self.page.evaluate(JS_CURRENT_PATH)
            if state.get("dialog"):
                # e.g. "Select Kernel" when the notebook names a kernel this server lacks:
                # accept the default (the venv's Python).
                log(f"{label}: dialog shown, accepting default: {state['dialog'][:120]!r}")
                self.page.locator(".jp-Dialog .jp-mod-accept").first.click(timeout=5000)
            elif (state.get("found") and state.get("ready") and state.get("kernel") == "idle"
                  and current == rel):
                log(f"{label}: {rel} open, {state['cells']} cells, kernel {state['kernelName']} idle")
                return
            self.page.wait_for_timeout(200)
        raise fail(f"{label}: {rel} 이(가) {t:.0f}초 안에 열리지 않았거나 커널이 준비되지 않았습니다",
                   f"{label}: {rel} not open/current or kernel not idle within {t:.0f} s",
                   f"last state: {state}; current tab: {current}")

    def run_all(self, rel: str, label: str) -> list[dict]:
        """Run → Run All Cells (the menu's command), then wait until every code cell ran."""
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
            cells = self.collect(rel)
            stuck = [f"cell #{c['index']}: {c['source'][:100]!r}" for c in cells
                     if c["type"] == "code" and c["executionCount"] is None]
            raise fail(f"{label}: {t:.0f}초 안에 모든 셀 실행이 끝나지 않았습니다",
                       f"{label}: Run All did not finish within {t:.0f} s",
                       f"last state: {state}\ncells without execution count "
                       "(the first is probably the one still running):\n" + "\n".join(stuck[:10]))
        cells = self.collect(rel)
        log(f"{label}: ran {state['counted']}/{state['code']} code cells, kernel {state['kernel']}")
        return cells

    # --- acting
    def click_link(self, rel: str, target: str, label: str) -> None:
        """Click, in notebook `rel`, the rendered link that leads to `target` (a path from the root)."""
        anchors = self.page.evaluate(JS_ANCHORS, rel) or []

        def leads_to(a):
            if a.get("target"):
                return a["target"].lstrip("/") == target
            href = urllib.parse.unquote(urllib.parse.urlparse(a.get("href") or "").path)
            return href.endswith("/" + target) or href == target
        hits = [a for a in anchors if leads_to(a)]
        if not hits:
            raise fail(f"{label}: {rel} 에 {target} 로 가는 링크가 없습니다",
                       f"{label}: no link in {rel} leads to {target}",
                       "\n".join(f"{a['text']!r}: href={a['href']!r} target={a['target']!r}" for a in anchors[:40]))
        link = hits[0]
        log(f"{label}: clicking the link {link['text']!r} -> {target}")
        self.page.evaluate(JS_MARK_ANCHOR, [rel, link["i"]])
        self.page.locator("[data-e2e-link='1']").click(timeout=10000)
        self.wait_panel(target, label)

    def click_tab(self, name: str, rel: str, label: str) -> None:
        if not self.page.evaluate(JS_TAB, name):
            raise fail(f"{label}: {name} 탭이 없습니다", f"{label}: no tab named {name}")
        self.page.locator("[data-e2e-tab='1']").click(timeout=10000)
        self.wait_panel(rel, label)

    def focus_editor(self, rel: str, index: int) -> None:
        """Click into the cell's editor (edit mode), as a learner does."""
        self.page.evaluate(JS_MARK_CELL, [rel, index, "edit"])
        self.page.locator("[data-e2e-cell='edit'] .jp-InputArea-editor .cm-content").click(timeout=10000)
        self.page.wait_for_timeout(150)

    def _select(self, rel: str, index: int, line: int, lines: int) -> None:
        """Keys only: Ctrl+Home, ↓ to `line`, End, Home (to the indentation), then Shift+↓/Shift+End
        to select `lines` lines."""
        kb = self.page.keyboard
        kb.press("Control+Home")
        for _ in range(line):
            kb.press("ArrowDown")
        kb.press("End")
        kb.press("Home")
        for _ in range(lines - 1):
            kb.press("Shift+ArrowDown")
        kb.press("Shift+End")
        self.page.wait_for_timeout(100)
        got = self.page.evaluate(
            "(args) => { const p = (%s)(args[0]); const s = p.content.widgets[args[1]].editor.getSelection();"
            " return [s.start.line, s.start.column, s.end.line, s.end.column]; }" % JS_FIND_PANEL.strip(),
            [rel, index])
        text = self.cell(rel, index)["source"].split("\n")
        first, last = text[line], text[line + lines - 1]
        wanted = [line, len(first) - len(first.lstrip()), line + lines - 1, len(last)]
        if got != wanted:
            raise fail("키보드로 고칠 줄을 고르지 못했습니다", "the keyboard selection is not where it should be",
                       f"selection (line, column, line, column) {got}, wanted {wanted}")

    def type_over_stubs(self, rel: str, index: int, answers: list[str]) -> str:
        """Select each stub (`# YOUR CODE HERE` + `raise NotImplementedError()`) and type its answer.
        Returns the source the cell must now hold."""
        expected = self.cell(rel, index)["source"]
        for answer in answers:
            lines = self.cell(rel, index)["source"].split("\n")
            at = next((i for i in range(len(lines) - 1) if lines[i].strip() == STUB_LINES[0]
                       and lines[i + 1].strip() == STUB_LINES[1]), None)
            if at is None:
                raise fail("과제 셀에 빈 자리(# YOUR CODE HERE)가 모자랍니다",
                           f"no stub left in the task cell for {answer!r}")
            self.focus_editor(rel, index)
            self._select(rel, index, at, 2)
            self.page.keyboard.type(answer, delay=8)
            exp = expected.split("\n")
            i = next(i for i in range(len(exp) - 1) if exp[i].strip() == STUB_LINES[0]
                     and exp[i + 1].strip() == STUB_LINES[1])
            exp[i:i + 2] = [exp[i][:len(exp[i]) - len(exp[i].lstrip())] + answer]
            expected = "\n".join(exp)
        return expected

    def retype_lines(self, rel: str, index: int, old: list[str], new: list[str]) -> str:
        """Replace each line that reads old[k] (and differs from new[k]) by new[k], typed."""
        expected = self.cell(rel, index)["source"]
        for before, after in zip(old, new):
            if before == after:
                continue
            lines = self.cell(rel, index)["source"].split("\n")
            at = next((i for i, line in enumerate(lines) if line.strip() == before), None)
            if at is None:
                raise fail(f"과제 셀에 고칠 줄 {before!r} 이 없습니다", f"no line {before!r} in the task cell")
            self.focus_editor(rel, index)
            self._select(rel, index, at, 1)
            self.page.keyboard.type(after, delay=8)
            exp = expected.split("\n")
            j = next(i for i, line in enumerate(exp) if line.strip() == before)
            exp[j] = exp[j][:len(exp[j]) - len(exp[j].lstrip())] + after
            expected = "\n".join(exp)
        return expected

    def run_cell(self, rel: str, index: int, label: str, limit: float = T_RUN) -> dict:
        """Click into the cell and press Shift+Enter; wait until it ran and the kernel is idle."""
        before = self.cell(rel, index)["executionCount"]
        self.focus_editor(rel, index)
        self.page.keyboard.press("Shift+Enter")
        t = self.deadline.step(limit, f"run {label}")
        end = time.monotonic() + t
        state = None
        while time.monotonic() < end:
            state = self.cell(rel, index)
            count = state["executionCount"]
            if count is not None and count != before and not state["running"] and state["kernel"] == "idle":
                return state
            self.page.wait_for_timeout(200)
        raise fail(f"{label}: 셀이 {t:.0f}초 안에 실행을 마치지 않았습니다",
                   f"{label}: the cell did not finish within {t:.0f} s", f"last state: {state}")

    def save(self, rel: str, label: str) -> None:
        """Ctrl+S, then wait until the notebook is no longer dirty."""
        self.page.keyboard.press("Control+s")
        end = time.monotonic() + self.deadline.step(20, f"save {label}")
        while time.monotonic() < end:
            if self.page.evaluate(JS_DIRTY, rel) is False:
                return
            self.page.wait_for_timeout(200)
        raise fail(f"{label}: Ctrl+S 로 저장되지 않았습니다", f"{label}: Ctrl+S did not save {rel}")


# ----------------------------------------------------------------------------- the learner's path
ISOLATION_CODE = (
    "import os as _o, sys as _s\n"
    "_m = _s.modules.get('minigrad')\n"
    "print(_o.getcwd()); print((getattr(_m, '__file__', None) or list(getattr(_m, '__path__', []) or ['-'])[0])"
    " if _m else '-')\n"
    "del _o, _s, _m"
)


def check_isolation(lab: Lab, rel: str, label: str, results: list[str]) -> None:
    """The kernel must work in the learner's clone: its cwd and the minigrad it imported."""
    out = lab.kernel_eval(rel, ISOLATION_CODE).strip().splitlines()
    if len(out) < 2:
        results.append(f"WARN [{label}] could not ask the kernel where it runs: {out!r}")
        return
    root = str(lab.root.resolve())
    bad = [x for x in out[:2] if x != "-" and not str(Path(x).resolve()).startswith(root)]
    if bad:
        raise fail(f"[{label}] 커널이 학습자 복사본이 아닌 파일을 씁니다: {bad}",
                   f"[{label}] the kernel is not working in the learner's clone: {bad}",
                   f"clone: {root}\ncwd: {out[0]}\nminigrad: {out[1]}")
    results.append(f"OK   [{label}] kernel runs in the clone (cwd {Path(out[0]).relative_to(root)}/)")


def notebook_links(clone: Path) -> list[str]:
    """Every relative link in the markdown of the clone's notebooks, as a path from the clone."""
    import nbformat
    found = set()
    for folder in ROOT_FOLDERS:
        for path in sorted((clone / folder).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type != "markdown":
                    continue
                for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                    if not re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
                        resolved = os.path.normpath(os.path.join(folder, urllib.parse.unquote(target.split("#")[0])))
                        found.add(resolved.replace(os.sep, "/"))
    return sorted(found)


def step_open_lab(lab: Lab, url: str, clone: Path, port: int, token: str, server_log: Path,
                  results: list[str]) -> None:
    """What `make lab` gives the browser: chapter 00, on a server rooted at the repository."""
    lab.open_url(url, "lab")
    lab.wait_panel(CHAPTER_00, "lab")
    results.append(f"OK   [lab] the page `make lab` gives the browser shows {CHAPTER_00} "
                   f"(address {urllib.parse.urlparse(lab.page.url).path})")
    serving = re.findall(r"Serving notebooks from local directory: (.+)", server_log.read_text(errors="replace"))
    if not serving or Path(serving[-1].strip()).resolve() != clone.resolve():
        raise fail("`make lab` 의 뿌리 폴더가 저장소가 아닙니다", "`make lab` does not serve the repository",
                   f"server log says: {serving}; repository (clone): {clone}")
    results.append("OK   [lab] the server's root is the repository")
    end = time.monotonic() + 15
    browser = None
    while time.monotonic() < end:  # the listing arrives a moment after the notebook
        browser = lab.page.evaluate(JS_FILE_BROWSER)
        if browser and all(f in browser["items"] for f in ROOT_FOLDERS):
            break
        lab.page.wait_for_timeout(250)
    lab.screenshot("01-lab-chapter00.png")
    if not browser or not browser["visible"] or browser["path"] not in ("", None) \
            or not all(f in browser["items"] for f in ROOT_FOLDERS):
        raise fail("파일 브라우저에 notebooks/, exercises/, solutions/ 가 보이지 않습니다",
                   "the file browser does not show notebooks/, exercises/ and solutions/", f"{browser}")
    results.append(f"OK   [lab] file browser at the root shows {', '.join(f + '/' for f in ROOT_FOLDERS)}")
    links = notebook_links(clone)
    dead = []
    for target in links:
        api = f"http://127.0.0.1:{port}/api/contents/{urllib.parse.quote(target)}?content=0"
        request = urllib.request.Request(api, headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                if r.status != 200:
                    dead.append(f"{target}: HTTP {r.status}")
        except (urllib.error.URLError, OSError) as e:
            dead.append(f"{target}: {e}")
    if dead or not links:
        raise fail("`make lab` 의 서버가 열지 못하는 링크가 있습니다", "links the `make lab` server cannot open",
                   "\n".join(dead) or "no links found")
    results.append(f"OK   [lab] all {len(links)} link targets of the notebooks are served "
                   "(chapters, exercises, solutions)")


def step_chapter_03(lab: Lab, results: list[str]) -> None:
    label = "chapter 03"
    lab.click_link(CHAPTER_00, CHAPTER_03, "chapter 00 → chapter 03")
    results.append(f"OK   [{label}] opened by clicking chapter 00's link")
    cells = lab.run_all(CHAPTER_03, label)
    errors = error_report(cells)
    if errors:
        lab.failure_shot(CHAPTER_03, "chapter03", first_error_index(cells))
        raise fail(f"[{label}] 오류 출력(traceback)이 있습니다", f"[{label}] error output found", "\n".join(errors))
    graph = next((c for c in cells for r in c["rendered"]
                  if r["mime"] == "image/svg+xml" and r["svgText"] and CHAPTER_GRAPH_NODE in r["svgText"]
                  and r["imgOk"] is not False), None)
    if graph is None:
        lab.screenshot("02-chapter03-graph.png")
        raise fail(f"[{label}] {CHAPTER_GRAPH_NODE} 을 담은 SVG 그래프 그림이 없습니다",
                   f"[{label}] no rendered image/svg+xml graph containing {CHAPTER_GRAPH_NODE}")
    lab.scroll_to_cell(CHAPTER_03, graph["index"], "start")
    lab.screenshot("02-chapter03-graph.png")
    value = [c["index"] for c in cells if any(CHAPTER_VALUE_TEXT in t for t in output_texts(c))]
    if not value:
        raise fail(f"[{label}] 출력 어디에도 {CHAPTER_VALUE_TEXT} 가 없습니다",
                   f"[{label}] no output contains {CHAPTER_VALUE_TEXT!r}")
    results.append(f"OK   [{label}] {sum(c['type'] == 'code' for c in cells)} code cells ran without error; "
                   f"graph SVG with {CHAPTER_GRAPH_NODE} (cell #{graph['index']}), {CHAPTER_VALUE_TEXT} "
                   f"in cell(s) {value}")
    for w in stderr_warnings(cells):
        results.append(f"WARN [{label}] stderr output: {w}")


def step_exercise(lab: Lab, clone: Path, results: list[str]):
    label = "exercise 03"
    lab.click_link(CHAPTER_03, EXERCISE_03, "chapter 03 → exercise 03")
    results.append(f"OK   [{label}] opened by clicking chapter 03's link")
    check_isolation(lab, EXERCISE_03, label, results)
    cells = lab.run_all(EXERCISE_03, label)
    errors = error_report(cells)
    if errors:
        lab.failure_shot(EXERCISE_03, "exercise", first_error_index(cells))
        raise fail(f"[{label}] 손대지 않은 연습 노트북에 오류 출력이 있습니다",
                   f"[{label}] the untouched exercise shows an error output", "\n".join(errors))
    shaped = cell_dicts(cells)
    checks = [c for c in cells if is_check_cell(shaped[c["index"]])]
    quiet = [c["index"] for c in checks if NOT_IMPLEMENTED_TEXT not in "\n".join(output_texts(c))]
    if not checks or quiet:
        raise fail(f"[{label}] 확인 셀마다 \"{NOT_IMPLEMENTED_TEXT}\" 가 나와야 합니다",
                   f"[{label}] every check cell must say {NOT_IMPLEMENTED_TEXT!r}",
                   f"check cells {[c['index'] for c in checks]}, without it: {quiet}")
    results.append(f"OK   [{label}] Run All: all {len(checks)} check cells say {NOT_IMPLEMENTED_TEXT!r}")
    task = next((t for t in find_tasks(shaped) if t.name.startswith(ANSWERS.TASK)), None)
    if task is None or not task.cells:
        raise fail(f"[{label}] '{ANSWERS.TASK}' 과제를 찾지 못했습니다", f"[{label}] no task named {ANSWERS.TASK!r}",
                   "tasks: " + ", ".join(t.name for t in find_tasks(shaped)))
    task_cell = task.cells[0]
    lab.scroll_to_cell(EXERCISE_03, task.check, "center")
    lab.screenshot("03-exercise-untouched.png")

    # 1. a wrong backward, typed with the keyboard
    expected = lab.type_over_stubs(EXERCISE_03, task_cell, ANSWERS.WRONG)
    typed = lab.cell(EXERCISE_03, task_cell)["source"]
    if typed != expected:
        raise fail(f"[{label}] 입력한 답이 셀에 그대로 들어가지 않았습니다", f"[{label}] the typed text differs",
                   f"cell:\n{typed}\n--- expected:\n{expected}")
    lab.scroll_to_cell(EXERCISE_03, task_cell, "start")
    lab.screenshot("04-exercise-typed-wrong.png")
    ran = lab.run_cell(EXERCISE_03, task_cell, "task cell")
    if any(o.get("output_type") == "error" for o in ran["outputs"]):
        raise fail(f"[{label}] 과제 셀 실행이 실패했습니다", f"[{label}] the task cell failed", output_text(ran))
    report = output_text(lab.run_cell(EXERCISE_03, task.check, "check cell"))
    cases = re.findall(r"^\[(\d+)/(\d+)\] (.+)$", report, flags=re.M)
    lab.scroll_to_cell(EXERCISE_03, task.check, "start")
    lab.screenshot("05-exercise-wrong-feedback.png")
    if "❌" not in report or not cases or ANSWERS.WRONG_FIRST_FAILURE not in cases[0][2] \
            or "기대값" not in report or "실제값" not in report:
        raise fail(f"[{label}] 틀린 답에 ❌ 와 처음 틀린 경우('{ANSWERS.WRONG_FIRST_FAILURE}')가 나와야 합니다",
                   f"[{label}] the wrong answer must get ❌ naming the failing case", report)
    first_case = f"[{cases[0][0]}/{cases[0][1]}] {cases[0][2]}"
    results.append(f"OK   [{label}] wrong answer typed ({ANSWERS.WRONG[0]!r}): check says "
                   f"{report.splitlines()[0]!r}, first failing case {first_case!r}")

    # 2. the right answer, typed over the wrong lines
    expected = lab.retype_lines(EXERCISE_03, task_cell, ANSWERS.WRONG, ANSWERS.RIGHT)
    typed = lab.cell(EXERCISE_03, task_cell)["source"]
    if typed != expected:
        raise fail(f"[{label}] 고친 답이 셀에 그대로 들어가지 않았습니다", f"[{label}] the retyped text differs",
                   f"cell:\n{typed}\n--- expected:\n{expected}")
    lab.run_cell(EXERCISE_03, task_cell, "task cell")
    report = output_text(lab.run_cell(EXERCISE_03, task.check, "check cell"))
    lab.scroll_to_cell(EXERCISE_03, task.check, "center")
    lab.screenshot("06-exercise-right.png")
    if not report.startswith("✅") or "통과" not in report:
        raise fail(f"[{label}] 맞는 답에 ✅ 통과가 나와야 합니다", f"[{label}] the right answer must pass", report)
    results.append(f"OK   [{label}] right answer typed: {report.splitlines()[0]!r}")

    # 3. Ctrl+S, and the file on disk holds the answer
    lab.save(EXERCISE_03, label)
    import nbformat
    saved = nbformat.read(clone / EXERCISE_03, as_version=4)
    saved_task = next(t for t in find_tasks(saved.cells) if t.name == task.name)
    if saved.cells[saved_task.cells[0]].source != expected:
        raise fail(f"[{label}] 저장된 파일에 답이 없습니다", f"[{label}] the saved file lacks the answer",
                   saved.cells[saved_task.cells[0]].source)
    check = subprocess.run([".venv/bin/python", "tools/make_exercises.py", "--check"], cwd=clone,
                           env=learner_env(clone), capture_output=True, text=True, timeout=120)
    if check.returncode != 0:
        raise fail(f"[{label}] 저장한 연습 노트북을 make test 의 검사가 '오래됨'으로 봅니다",
                   f"[{label}] the saved exercise fails `make_exercises.py --check`", check.stdout + check.stderr)
    results.append(f"OK   [{label}] saved with Ctrl+S: the file holds the answer; the up-to-date check "
                   "of `make test` still passes on it")
    return task


def step_progress(lab: Lab, clone: Path, artifacts: Path, task, results: list[str]) -> None:
    from learner_clone import progress_rows
    before = file_digest(clone / EXERCISE_03)
    t = lab.deadline.step(T_PROGRESS, "make progress")
    log("make progress (in the clone)")
    proc = subprocess.run(["make", "progress"], cwd=clone, env=learner_env(clone), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=t)
    (artifacts / "progress.txt").write_text(proc.stdout, encoding="utf-8")
    rows = progress_rows(proc.stdout)
    mine = rows.get(("03", task.name))
    others = {k: v for k, v in rows.items() if k[0] == "03" and k[1] != task.name}
    if proc.returncode != 0 or mine != "✅ 통과" or not others or set(others.values()) != {"⏳ 아직"}:
        raise fail(f"`make progress` 가 03장 '{task.name}' 을(를) ✅ 통과로 (나머지는 ⏳ 아직으로) 보여야 합니다",
                   "`make progress` must report the task as passed", proc.stdout[-3000:])
    if file_digest(clone / EXERCISE_03) != before:
        raise fail("`make progress` 가 연습 노트북 파일을 바꿨습니다", "`make progress` changed the exercise file")
    results.append(f"OK   [progress] `make progress`: 03 {task.name!r} → {mine}; "
                   f"the other {len(others)} tasks of 03 ⏳ 아직; the file was not written")

    label = "chapter 00 progress"
    lab.click_tab(Path(CHAPTER_00).name, CHAPTER_00, label)
    cells = lab.collect(CHAPTER_00)
    index = next((c["index"] for c in cells if c["type"] == "code" and PROGRESS_CALL.search(c["source"])), None)
    if index is None:
        raise fail("00장에 progress() 셀이 없습니다", "chapter 00 has no progress() cell")
    state = lab.run_cell(CHAPTER_00, index, label, limit=T_PROGRESS)
    lab.scroll_to_cell(CHAPTER_00, index, "start")
    lab.screenshot("07-chapter00-progress.png")
    shown = task.name.replace("`", "")  # the HTML table shows `code` as code, without backticks
    row = next((r for r in state["rows"] if r[:2] == ["03", shown]), None)
    if row is None or not row[2].startswith("✅ 통과"):
        raise fail(f"00장의 progress() 셀이 03장 '{task.name}' 을(를) ✅ 통과로 보여야 합니다",
                   "chapter 00's progress() cell must show the task as passed",
                   f"rows: {state['rows']}\n{output_text(state)[-2000:]}")
    results.append(f"OK   [progress] chapter 00's progress() cell shows the same table: 03 {task.name!r} → {row[2]}")


# ----------------------------------------------------------------------------- main
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="minigrad's learner path in a real JupyterLab (started by "
                                             "`make lab`) and headless Chromium")
    ap.add_argument("--artifacts", default=str(REPO / ".e2e-artifacts"),
                    help="folder for screenshots, the server log and make progress's output "
                         "(default <repo>/.e2e-artifacts)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the JupyterLab server (and the clone) running after the checks, until Ctrl-C")
    ap.add_argument("--timeout", type=float,
                    default=float(os.environ.get("MINIGRAD_E2E_TIMEOUT", "240")),
                    help="limit in seconds for the whole run, installs excluded "
                         "(default 240, or $MINIGRAD_E2E_TIMEOUT)")
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
    originals = [REPO / p for p in (CHAPTER_00, CHAPTER_03, EXERCISE_03)]
    try:
        missing = [str(p.relative_to(REPO)) for p in originals if not p.is_file()]
        if missing:
            raise fail(f"노트북이 없습니다: {', '.join(missing)}", f"notebooks not found: {missing}")
        digests = {p: file_digest(p) for p in originals}

        # 1. installs (not counted in the run's time limit)
        ensure_apt_packages()
        ensure_playwright()
        t_installed = time.monotonic()
        deadline = Deadline(args.timeout)
        from playwright.sync_api import sync_playwright

        # 2. the learner's clone, and `make lab` in it
        artifacts.mkdir(parents=True, exist_ok=True)
        for old in [*artifacts.glob("*.png"), artifacts / "progress.txt"]:
            old.unlink(missing_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="minigrad-e2e-"))
        clone = make_learner_clone(tmp)
        port, token = free_port(), secrets.token_hex(16)
        server_log = artifacts / "jupyter-server.log"
        log(f"learner's clone {clone}; `make lab` on 127.0.0.1:{port}")
        server, dirs = start_make_lab(clone, tmp, port, token, server_log)

        # 3. browser (started while the server boots)
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
        url = browser_open_url(dirs["runtime"], deadline.step(15, "browser-open file"))
        log(f"server and browser up after {time.monotonic() - t_installed:.1f} s")
        page.set_default_timeout(20000)
        lab = Lab(page, artifacts, deadline, clone)

        # 4. the learner's path
        current = None
        try:
            current = CHAPTER_00
            step_open_lab(lab, url, clone, port, token, server_log, results)
            current = CHAPTER_03
            step_chapter_03(lab, results)
            current = EXERCISE_03
            task = step_exercise(lab, clone, results)
            current = CHAPTER_00
            step_progress(lab, clone, artifacts, task, results)
        except E2EFailure as e:
            failures.append(str(e))
            lab.failure_shot(None, Path(current or "lab").stem, None)
        except Exception:
            if INTERRUPTED:
                raise KeyboardInterrupt from None
            raise

        for path in originals:
            if path.exists() and file_digest(path) != digests[path]:
                failures.append(str(fail(
                    f"실행 중에 저장소의 파일이 바뀌었습니다: {path} — 이 테스트는 학습자 복사본만 쓰므로 "
                    "다른 프로그램이 동시에 고친 것입니다. 다시 실행하세요.",
                    f"a repository file changed during the run: {path}. This test only writes to its clone, "
                    "so something else edited it meanwhile: re-run.")))
        log(f"browser part took {time.monotonic() - t_installed:.1f} s")
        if args.keep:
            print(f"\n--keep: JupyterLab (make lab) stays up at http://127.0.0.1:{port}/lab?token={token}\n"
                  f"        learner's clone: {clone}\n        Ctrl-C to stop.", flush=True)
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
        if not INTERRUPTED:
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
