"""Smoke test for benchmarks/run.py (issue 6).

Benchmarks are not timed unit tests: this only checks that the script runs end to end on tiny sizes
(`--quick`), measures in interleaved rounds and writes a README with one row per workload. No timing
is asserted.
"""
import importlib.util
import json
import os
import re
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
    assert set(mg["workloads"]) == {"W1", "W2", "W3", "W4", "W4/8", "W5"}
    # Correctness side checks of the script itself (the same code also runs on torch).
    assert mg["workloads"]["W1"]["grad_ok"]
    assert mg["workloads"]["W2"]["grad_ok"]
    assert abs(mg["workloads"]["W4"]["first_loss"] - raw["results"]["numpy"]["workloads"]["W4"]["first_loss"]) < 1e-4


def test_w4_fixed_overhead_is_reported(quick_run):
    """W4 on 8 points runs in the same rounds, and the context section compares it with W4."""
    if not _minigrad_importable():
        pytest.skip("minigrad is not importable yet")
    readme, raw, _ = quick_run
    assert raw["results"]["numpy"]["workloads"]["W4/8"]["ms_per_step"] > 0
    assert raw["results"]["minigrad"]["workloads"]["W4/8"]["ms_per_step"] > 0
    context = readme.split("## 맥락", 1)[1].split("\n## ", 1)[0]
    assert "W4 를 점 8개로 줄이면" in context
    points = raw["config"]["w4_points"]
    for label in ("점 8개", f"점 {points:,}개"):
        assert re.search(rf"바닥 위에 얹힌 시간, {label}: minigrad -?[\d.,]+ µs", context), (label, context)


def test_rounds_are_interleaved(quick_run):
    """The raw JSON keeps every round: one batch per system per round, in a rotating order."""
    _, raw, _ = quick_run
    systems = ["numpy", "minigrad"] if _minigrad_importable() else ["numpy"]
    for key in ("W1", "W4"):
        plan = raw["config"]["plan"][key]
        rounds = raw["rounds"][key]
        assert len(rounds["order"]) == plan["rounds"]
        for system in systems:
            batches = rounds["timings"][system]
            assert len(batches) == plan["rounds"], (key, system)
            assert all(len(values) == plan["batch"] for batch in batches for values in batch.values())
        if len(systems) > 1:
            assert rounds["order"][0][0] != rounds["order"][1][0]  # the order rotates


def test_ratio_is_a_median_of_round_ratios_with_spread(quick_run):
    if not _minigrad_importable():
        pytest.skip("minigrad is not importable yet")
    readme, raw, _ = quick_run
    name = next(n for n in raw["ratios"] if n.startswith("W2 "))     # (W1, W3, W4 are against torch)
    ratio = raw["ratios"][name]
    assert ratio["vs"] == "minigrad/numpy"
    assert len(ratio["per_round"]) == raw["config"]["plan"]["W2"]["rounds"]
    assert ratio["min"] <= ratio["median"] <= ratio["max"]
    w2_row = next(line for line in readme.splitlines() if line.startswith("| W2 "))
    assert re.search(r"\d× \([\d.]+–[\d.]+\)", w2_row), w2_row  # e.g. "2.85× (2.6–2.88)"


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
    assert "torch is not importable" in proc.stdout
    readme = out.read_text(encoding="utf-8")
    assert "torch 없음" in readme
    assert all(f"| {w} " in readme for w in ("W1", "W2", "W3", "W4", "W5"))
