"""The kernel a learner reads stays small and shown (issue 14): the course's central example runs at
most 150 distinct lines of minigrad, every one of them appears in some notebook listing, and no
listing is longer than 25 lines. Measured by the course's own tool, ../shared/tools/teaching_path.py,
on the stored notebook outputs (nbval keeps those equal to what the code shows today)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT.parent / "shared" / "tools" / "teaching_path.py"


@pytest.mark.skipif(not TOOL.exists(), reason="../shared/tools/teaching_path.py is not beside this checkout")
def test_central_example_runs_a_small_kernel_that_the_notebooks_show():
    run = subprocess.run([sys.executable, str(TOOL)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    last = run.stdout.strip().splitlines()[-1]
    match = re.search(r"(\d+) lines executed .*?, (\d+) of them shown .*? longest listing (\d+)", last)
    assert match, last
    executed, shown, longest = map(int, match.groups())
    assert executed <= 150, last
    assert shown == executed, last
    assert longest <= 25, last
