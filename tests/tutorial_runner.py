"""Run one tutorial of tests/tutorials/ with one library and print its output as JSON.

``python tutorial_runner.py minigrad d2l_autograd`` or ``... torch d2l_autograd``: under minigrad,
every ``minigrad.*`` module is also registered as ``torch.*``, so the tutorial's own
``import torch`` / ``import torch.nn as nn`` lines run unchanged. Memory addresses are masked.
"""
import contextlib
import importlib
import io
import json
import os
import re
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
TUTORIALS = os.path.join(HERE, "tutorials")


def run(lib, name):
    if lib == "minigrad":
        sys.path.insert(0, os.path.dirname(HERE))
        importlib.import_module("minigrad")
        for module in [n for n in sys.modules if n == "minigrad" or n.startswith("minigrad.")]:
            sys.modules["torch" + module[len("minigrad"):]] = sys.modules[module]
    path = os.path.join(TUTORIALS, name + ".py")
    source = open(path, encoding="utf-8").read()
    out, error = io.StringIO(), None
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(source, path, "exec"), {"__name__": "__main__"})
        except Exception as e:  # noqa: BLE001 - the exception is the result
            error = [type(e).__name__, str(e).split("\n")[0]]
    return {"stdout": re.sub(r"0x[0-9a-fA-F]+", "0x…", out.getvalue()), "error": error}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2])))
