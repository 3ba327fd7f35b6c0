"""Smoke test for benchmarks/run.py (issue 6).

Benchmarks are not timed unit tests: this only checks that the script runs end to end on tiny sizes
(`--quick`) and writes a README with one row per workload. No timing is asserted.
"""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUN = REPO / "benchmarks" / "run.py"


def _minigrad_importable():
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    try:
        spec = importlib.util.find_spec("minigrad")
        if spec is None:
            return False
        import minigrad  # noqa: F401

        return hasattr(minigrad, "tensor")
    except Exception:  # noqa: BLE001 - a half-written package counts as "not yet"
        return False


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    out, raw = tmp / "README.md", tmp / "results.json"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--systems", "numpy,minigrad", "--out", str(out), "--json", str(raw)],
        cwd=str(REPO), capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out.read_text(encoding="utf-8"), json.loads(raw.read_text()), proc.stdout


def test_readme_has_a_row_per_workload(quick_run):
    readme, _, stdout = quick_run
    rows = [line for line in readme.splitlines() if line.startswith("| W")]
    for w in ("W1", "W2", "W3", "W4", "W5"):
        assert any(r.startswith(f"| {w} ") for r in rows), f"{w} row missing:\n{readme}"
    assert "--quick" in readme
    assert "W1" in stdout  # the table is printed too


def test_numpy_floors_ran(quick_run):
    _, raw, _ = quick_run
    numpy = raw["results"]["numpy"]
    assert numpy["errors"] == {}
    for w in ("W1", "W2", "W4", "W5"):
        assert w in numpy["workloads"]


def test_minigrad_ran(quick_run):
    if not _minigrad_importable():
        pytest.skip("minigrad is not importable yet")
    _, raw, _ = quick_run
    mg = raw["results"]["minigrad"]
    assert mg["errors"] == {}, mg["errors"]
    assert set(mg["workloads"]) == {"W1", "W2", "W3", "W4", "W5"}
    # Correctness side checks of the script itself (the same code also runs on torch).
    assert mg["workloads"]["W1"]["grad_ok"]
    assert mg["workloads"]["W2"]["grad_ok"]
    assert abs(mg["workloads"]["W4"]["first_loss"] - raw["results"]["numpy"]["workloads"]["W4"]["first_loss"]) < 1e-4


def test_runs_without_torch(tmp_path):
    """torch is optional: a torch that fails to import is left out of the report."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "torch.py").write_text("raise ImportError('no torch here')\n")
    out = tmp_path / "README.md"
    env = dict(os.environ, PYTHONPATH=str(fake))
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--systems", "numpy,torch", "--out", str(out)],
        cwd=str(REPO), capture_output=True, text=True, timeout=300, env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    readme = out.read_text(encoding="utf-8")
    assert "torch 없음" in readme
    assert all(f"| {w} " in readme for w in ("W1", "W2", "W3", "W4", "W5"))
