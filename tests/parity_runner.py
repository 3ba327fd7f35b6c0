"""Run every snippet of parity_cases.py with one library and print the results as JSON.

``python parity_runner.py minigrad`` or ``python parity_runner.py torch``: each library runs in its
own process, so nothing of one can leak into the other.
"""
import contextlib
import importlib
import io
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import parity_cases  # noqa: E402


def run(lib):
    mod = importlib.import_module(lib)
    if lib == "minigrad":              # so that "from torch.autograd import Variable" finds minigrad's
        for name in [n for n in sys.modules if n == "minigrad" or n.startswith("minigrad.")]:
            sys.modules["torch" + name[len("minigrad"):]] = sys.modules[name]
    results = {}
    for group, cases in parity_cases.ALL.items():
        for i, code in enumerate(cases):
            out = io.StringIO()
            err = None
            with contextlib.redirect_stdout(out), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    exec(code, {"torch": mod})
                except Exception as e:  # noqa: BLE001 - the exception is the result
                    err = [type(e).__name__, str(e).split("\n")[0]]
            results[f"{group}-{i}"] = [out.getvalue(), err]
    return results


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
