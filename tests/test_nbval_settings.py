"""The command nbval's own docs give, `pytest --nbval <notebooks>`, passes without the Makefile's flags:
the repository's conftest.py gives nbval the shared sanitizer (tests/nbval_sanitize.cfg) and this
interpreter's kernel, as `make test` does. The notebook run here stores memory addresses
(`<... object at 0x...>`) in its outputs, which differ on every run unless sanitized.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/02_recording_operations.ipynb"


def test_plain_pytest_nbval_passes_with_the_project_settings():
    text = (ROOT / NOTEBOOK).read_text(encoding="utf-8")
    assert re.search(r"\b0x[0-9a-fA-F]{6,16}\b", text), f"{NOTEBOOK} 에 메모리 주소가 없어 이 검사가 뜻이 없습니다"
    # Only the user's environment: nothing the Makefile or this pytest run adds.
    env = {k: v for k, v in os.environ.items()
           if k not in ("MINIGRAD_GRAPHVIZ", "PYTHONHASHSEED") and not k.startswith(("PYTEST_", "MAKE"))}
    run = subprocess.run([sys.executable, "-m", "pytest", "--nbval", NOTEBOOK, "-q", "-p", "no:cacheprovider"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"\d+ passed", run.stdout) and "failed" not in run.stdout
