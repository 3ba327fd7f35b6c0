"""Differential tests: the same code on minigrad and on real PyTorch prints the same text.

Needs torch (``make parity`` installs torch==2.13.0); skipped otherwise.
"""
import json
import os
import subprocess
import sys

import pytest

import parity_cases

pytestmark = pytest.mark.parity
HERE = os.path.dirname(os.path.abspath(__file__))


def _results(lib):
    out = subprocess.run([sys.executable, os.path.join(HERE, "parity_runner.py"), lib],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def both():
    pytest.importorskip("torch")
    return _results("minigrad"), _results("torch")


CASES = [(f"{group}-{i}", code) for group, cases in parity_cases.ALL.items() for i, code in enumerate(cases)]


@pytest.mark.parametrize("key,code", CASES, ids=[k for k, _ in CASES])
def test_same_output_as_torch(both, key, code):
    mine, theirs = both
    # a case that fails under torch with NameError is a broken case, not a comparison
    assert (theirs[key][1] or [None])[0] != "NameError", f"the case itself is broken:\n{code}"
    assert mine[key][0] == theirs[key][0], f"printed output differs for:\n{code}"
    assert (mine[key][1] or [None])[0] == (theirs[key][1] or [None])[0], f"exception class differs for:\n{code}"
    if theirs[key][1]:
        # the first line of minigrad's message is PyTorch's English text
        assert mine[key][1][1] == theirs[key][1][1], f"message differs for:\n{code}"
