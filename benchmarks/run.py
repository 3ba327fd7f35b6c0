#!/usr/bin/env python
"""minigrad benchmarks (GitHub issue 6).

Runs five workloads (W1-W5) once per *system* -- ``numpy`` (hand-written floors), ``minigrad`` and
``torch`` -- each system in its own subprocess with every BLAS/OpenMP pool pinned to one thread, takes
medians over repetitions (after warm-up), and writes the ratios against the issue's targets to
``benchmarks/README.md`` (and prints the same table).

    python benchmarks/run.py                      # full run, regenerates benchmarks/README.md
    python benchmarks/run.py --quick              # tiny sizes, a few seconds (smoke test; alias --smoke)
    python benchmarks/run.py --systems numpy,minigrad  # torch is optional
    python benchmarks/run.py --profile W1,W3,W4        # cProfile of minigrad, no README

minigrad and torch run literally the same model code (functions below taking the module ``lib``),
written against PyTorch's public API only.
"""
# The thread pins must be in the environment before numpy / torch are imported (here and in the
# worker subprocesses, which inherit this environment).
import os

THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "VECLIB_MAXIMUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}
os.environ.update(THREAD_ENV)

import argparse  # noqa: E402
import datetime  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import weakref  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_OUT = HERE / "README.md"
DEFAULT_JSON = HERE / ".last-run.json"
SYSTEMS = ("numpy", "minigrad", "torch")

FULL = {
    "w1_ops": 1000, "w1_reps": 41, "w1_warmup": 5,
    "w2_n": 1000, "w2_reps": 15, "w2_warmup": 2,
    "w3_sizes": [1000, 10000, 100000], "w3_reps": {"1000": 31, "10000": 7, "100000": 5}, "w3_warmup": 1,
    "w4_points": 1000, "w4_steps": 400, "w4_warmup": 30,
    "w5_steps": 10000, "w5_warmup": 500, "w5_samples": 10,
}
QUICK = {
    "w1_ops": 200, "w1_reps": 3, "w1_warmup": 1,
    "w2_n": 64, "w2_reps": 3, "w2_warmup": 1,
    # 2,000 > the default recursion limit (1,000): even --quick checks that backward is iterative.
    "w3_sizes": [100, 2000], "w3_reps": {"100": 3, "2000": 2}, "w3_warmup": 0,
    "w4_points": 200, "w4_steps": 5, "w4_warmup": 2,
    "w5_steps": 50, "w5_warmup": 10, "w5_samples": 5,
}
LR = 0.1
SEED = 0


# --------------------------------------------------------------------------------------------------
# helpers (worker side)
# --------------------------------------------------------------------------------------------------
# The clock of every timing. "cpu" (default) is this process's CPU time: on a shared machine with
# two cores other processes steal wall time but not CPU time, so medians of CPU time stay
# comparable between the system processes, which run one after another. "wall" is perf_counter.
_CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
_now = _CLOCKS[os.environ.get("MINIGRAD_BENCH_CLOCK", "cpu")]


def _median(xs):
    return statistics.median(xs) if xs else None


def rss_bytes():
    """Current resident set size; falls back to the peak (ru_maxrss) off Linux."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _loadavg():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def load_lib(system):
    """The module for an autograd system, with its submodules looked up like ``torch.nn.functional``."""
    if system == "torch":
        import torch

        torch.set_num_threads(1)
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass
        lib = torch
    elif system == "minigrad":
        if str(REPO) not in sys.path:
            sys.path.insert(0, str(REPO))
        import minigrad

        lib = minigrad
    else:
        raise ValueError(system)
    F = importlib.import_module(lib.__name__ + ".nn.functional")
    optim = importlib.import_module(lib.__name__ + ".optim")
    return lib, F, optim


def make_moons(n, noise=0.1, seed=SEED):
    """Two interleaving half circles (sklearn.datasets.make_moons' recipe), float32, fixed seed."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    X = np.vstack([
        np.column_stack([np.cos(t_out), np.sin(t_out)]),
        np.column_stack([1 - np.cos(t_in), 1 - np.sin(t_in) - 0.5]),
    ])
    y = np.concatenate([np.zeros(n_out), np.ones(n_in)])
    X = X + rng.normal(scale=noise, size=X.shape)
    return X.astype(np.float32), y.astype(np.float32).reshape(-1, 1)


def init_params(seed=SEED):
    """MLP 2-64-64-1 weights as numpy float32 arrays (W: (fan_in, fan_out), b: (fan_out,))."""
    import numpy as np

    rng = np.random.default_rng(seed + 1)
    params = []
    for fan_in, fan_out in [(2, 64), (64, 64), (64, 1)]:
        bound = 1.0 / math.sqrt(fan_in)
        params.append(rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32))
        params.append(rng.uniform(-bound, bound, (fan_out,)).astype(np.float32))
    return params


# --------------------------------------------------------------------------------------------------
# the model code shared by minigrad and torch (PyTorch public API only)
# --------------------------------------------------------------------------------------------------
def w1_forward(x, n_ops):
    y = x
    for _ in range(n_ops // 2):
        y = y * 1.001
        y = y + 0.5
    return y


def w3_forward(x, n):
    y = x
    for _ in range(n):
        y = y * 1.0001
    return y


def mlp_forward(params, X):
    W1, b1, W2, b2, W3, b3 = params
    h = (X @ W1 + b1).tanh()
    h = (h @ W2 + b2).tanh()
    return h @ W3 + b3


def train_step(F, opt, params, X, y):
    logits = mlp_forward(params, X)
    loss = F.binary_cross_entropy_with_logits(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss


def make_model(lib, optim, params_np, X_np, y_np):
    params = [lib.tensor(p, requires_grad=True) for p in params_np]
    opt = optim.SGD(params, lr=LR)
    return params, opt, lib.tensor(X_np), lib.tensor(y_np)


# --------------------------------------------------------------------------------------------------
# the numpy floors (hand-written, no autograd)
# --------------------------------------------------------------------------------------------------
def np_mlp_step(params, X, y):
    """Hand-written forward/backward of the same MLP + BCE-with-logits (mean) + SGD, in place."""
    import numpy as np

    W1, b1, W2, b2, W3, b3 = params
    h1 = np.tanh(X @ W1 + b1)
    h2 = np.tanh(h1 @ W2 + b2)
    z = h2 @ W3 + b3
    loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))
    dz = (0.5 * (1.0 + np.tanh(0.5 * z)) - y) * np.float32(1.0 / z.shape[0])  # sigmoid(z) - y, / N
    gW3 = h2.T @ dz
    gb3 = dz.sum(0)
    d2 = (dz @ W3.T) * (1 - h2 * h2)
    gW2 = h1.T @ d2
    gb2 = d2.sum(0)
    d1 = (d2 @ W2.T) * (1 - h1 * h1)
    gW1 = X.T @ d1
    gb1 = d1.sum(0)
    for p, g in zip(params, (gW1, gb1, gW2, gb2, gW3, gb3)):
        p -= np.float32(LR) * g
    return loss


# --------------------------------------------------------------------------------------------------
# workloads
# --------------------------------------------------------------------------------------------------
def w1(system, cfg, libs):
    import numpy as np

    n = cfg["w1_ops"]
    x_np = np.linspace(0.5, 2.0, 4, dtype=np.float32)
    fwd, bwd = [], []
    if system == "numpy":
        for rep in range(cfg["w1_warmup"] + cfg["w1_reps"]):
            t0 = _now()
            y = w1_forward(x_np, n)
            t1 = _now()
            y.sum()
            g = np.ones_like(x_np)  # d sum / d y
            for _ in range(n // 2):  # add's backward is the identity; mul's is g * 1.001
                g = g * 1.001
            t2 = _now()
            if rep >= cfg["w1_warmup"]:
                fwd.append((t1 - t0) / n * 1e6)
                bwd.append((t2 - t1) / n * 1e6)
        return {"fwd_us_per_op": _median(fwd), "bwd_us_per_op": _median(bwd), "ops": n}
    lib = libs[0]
    x = lib.tensor(x_np, requires_grad=True)
    for rep in range(cfg["w1_warmup"] + cfg["w1_reps"]):
        x.grad = None
        t0 = _now()
        y = w1_forward(x, n)
        t1 = _now()
        s = y.sum()
        t2 = _now()
        s.backward()
        t3 = _now()
        del y, s
        if rep >= cfg["w1_warmup"]:
            fwd.append((t1 - t0) / n * 1e6)
            bwd.append((t3 - t2) / n * 1e6)
    expected = 1.001 ** (n // 2)
    got = float(x.grad.numpy()[0])
    return {"fwd_us_per_op": _median(fwd), "bwd_us_per_op": _median(bwd), "ops": n,
            "grad_ok": abs(got - expected) <= 1e-3 * expected}


def w2(system, cfg, libs):
    import numpy as np

    n = cfg["w2_n"]
    rng = np.random.default_rng(SEED + 2)
    A_np = rng.standard_normal((n, n), dtype=np.float32)
    B_np = rng.standard_normal((n, n), dtype=np.float32)
    times = []
    if system == "numpy":
        for rep in range(cfg["w2_warmup"] + cfg["w2_reps"]):
            t0 = _now()
            C = A_np @ B_np
            C.sum()
            G = np.ones_like(C)
            gA = G @ B_np.T
            gB = A_np.T @ G
            t1 = _now()
            del C, G, gA, gB
            if rep >= cfg["w2_warmup"]:
                times.append((t1 - t0) * 1e3)
        return {"ms": _median(times), "n": n}
    lib = libs[0]
    A = lib.tensor(A_np, requires_grad=True)
    B = lib.tensor(B_np, requires_grad=True)
    for rep in range(cfg["w2_warmup"] + cfg["w2_reps"]):
        A.grad = None
        B.grad = None
        t0 = _now()
        (A @ B).sum().backward()
        t1 = _now()
        if rep >= cfg["w2_warmup"]:
            times.append((t1 - t0) * 1e3)
    ref_gA = np.broadcast_to(B_np.astype(np.float64).sum(1), (n, n))
    err = float(np.max(np.abs(A.grad.numpy() - ref_gA)) / np.max(np.abs(ref_gA)))
    return {"ms": _median(times), "n": n, "grad_ok": err < 1e-4}


def w3(system, cfg, libs):
    if system == "numpy":
        return None
    import numpy as np

    lib = libs[0]
    out = {"recursion_limit": sys.getrecursionlimit(), "sizes": {}}
    for n in cfg["w3_sizes"]:
        reps = cfg["w3_reps"][str(n)]
        fwd, bwd, free = [], [], []
        res = {}
        try:
            x = lib.tensor(np.ones(4, dtype=np.float32), requires_grad=True)
            for rep in range(cfg["w3_warmup"] + reps):
                x.grad = None
                t0 = _now()
                y = w3_forward(x, n)
                t1 = _now()
                s = y.sum()
                t2 = _now()
                s.backward()
                t3 = _now()
                del y, s
                t4 = _now()
                if rep >= cfg["w3_warmup"]:
                    fwd.append((t1 - t0) / n * 1e6)
                    bwd.append((t3 - t2) / n * 1e6)
                    free.append((t4 - t3) / n * 1e6)
            expected = float(np.float32(1.0001)) ** n
            got = float(x.grad.numpy()[0])
            res = {"ok": abs(got - expected) <= 2e-2 * expected,
                   "fwd_us_per_node": _median(fwd), "bwd_us_per_node": _median(bwd),
                   "free_us_per_node": _median(free)}
        except RecursionError as e:
            res = {"ok": False, "error": "RecursionError: " + str(e)[:200]}
        except Exception as e:  # noqa: BLE001 - report, keep going
            res = {"ok": False, "error": f"{type(e).__name__}: {str(e)[:200]}"}
        out["sizes"][str(n)] = res
    return out


def w4(system, cfg, libs):
    X_np, y_np = make_moons(cfg["w4_points"])
    params_np = init_params()
    times = []
    if system == "numpy":
        params = [p.copy() for p in params_np]
        first = None
        for rep in range(cfg["w4_warmup"] + cfg["w4_steps"]):
            t0 = _now()
            loss = np_mlp_step(params, X_np, y_np)
            t1 = _now()
            if first is None:
                first = float(loss)
            if rep >= cfg["w4_warmup"]:
                times.append((t1 - t0) * 1e3)
        return {"ms_per_step": _median(times), "first_loss": first, "last_loss": float(loss)}
    lib, F, optim = libs
    params, opt, X, y = make_model(lib, optim, params_np, X_np, y_np)
    first = None
    for rep in range(cfg["w4_warmup"] + cfg["w4_steps"]):
        t0 = _now()
        loss = train_step(F, opt, params, X, y)
        t1 = _now()
        if first is None:
            first = float(loss.item())
        if rep >= cfg["w4_warmup"]:
            times.append((t1 - t0) * 1e3)
    return {"ms_per_step": _median(times), "first_loss": first, "last_loss": float(loss.item())}


def _graph_nodes(root):
    """Every backward node reachable from ``root`` except AccumulateGrad (owned by the leaves)."""
    seen, stack, nodes = set(), [root], []
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if type(node).__name__ != "AccumulateGrad":
            nodes.append(node)
        stack.extend(nxt for nxt, _ in node.next_functions)
    return nodes


def _weak(objs):
    refs = []
    for o in objs:
        try:
            refs.append(weakref.ref(o))
        except TypeError:  # e.g. torch's C++ grad_fn wrappers are not weak-referenceable
            pass
    return refs


def _alive(refs):
    return sum(r() is not None for r in refs)


def _probe(lib, F, optim, params_np, X_np, y_np, do_backward):
    """Build one MLP graph, keep only weak references to its intermediates, and count survivors.

    Runs with the cyclic garbage collector disabled: whatever dies here died by reference counting.
    """
    params, opt, X, y = make_model(lib, optim, params_np, X_np, y_np)
    W1, b1, W2, b2, W3, b3 = params
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        z1 = X @ W1 + b1
        h1 = z1.tanh()
        z2 = h1 @ W2 + b2
        h2 = z2.tanh()
        logits = h2 @ W3 + b3
        loss = F.binary_cross_entropy_with_logits(logits, y)
        t_refs = _weak([z1, h1, z2, h2, logits])
        nodes = _graph_nodes(loss.grad_fn)
        n_nodes = len(nodes)
        n_refs = _weak(nodes)
        del z1, h1, z2, h2, logits, nodes
        res = {"tensors": 5, "tensors_weakrefable": len(t_refs), "nodes": n_nodes,
               "nodes_weakrefable": len(n_refs)}
        if do_backward:
            loss.backward()
            res["tensors_alive_after_backward"] = _alive(t_refs)
        del loss
        res["tensors_alive_after_drop"] = _alive(t_refs)
        res["nodes_alive_after_drop"] = _alive(n_refs)
        # Nodes count only where they are weak-referenceable (torch's C++ grad_fn wrappers are not);
        # the tensors must be, or the probe proves nothing.
        res["freed"] = (res["tensors_weakrefable"] == res["tensors"] and res["tensors_alive_after_drop"] == 0
                        and res["nodes_alive_after_drop"] == 0
                        and res.get("tensors_alive_after_backward", 0) == 0)
    finally:
        if was_enabled:
            gc.enable()
    return res


def w5(system, cfg, libs):
    X_np, y_np = make_moons(cfg["w4_points"])
    params_np = init_params()
    out = {}
    if system != "numpy":
        lib, F, optim = libs
        out["probe_backward"] = _probe(lib, F, optim, params_np, X_np, y_np, do_backward=True)
        out["probe_forward_only"] = _probe(lib, F, optim, params_np, X_np, y_np, do_backward=False)
        params, opt, X, y = make_model(lib, optim, params_np, X_np, y_np)

        def step():
            train_step(F, opt, params, X, y)
    else:
        params = [p.copy() for p in params_np]

        def step():
            np_mlp_step(params, X_np, y_np)

    for _ in range(cfg["w5_warmup"]):
        step()
    steps, n_samples = cfg["w5_steps"], cfg["w5_samples"]
    samples = [rss_bytes()]
    for i in range(1, steps + 1):
        step()
        if i % max(1, steps // n_samples) == 0:
            samples.append(rss_bytes())
    out["rss_start_mib"] = samples[0] / 2**20
    out["rss_samples_mib"] = [round(s / 2**20, 3) for s in samples]
    out["rss_growth_mib"] = (samples[-1] - samples[0]) / 2**20
    out["steps"] = steps
    return out


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "W5": w5}


def versions(system):
    import numpy as np

    v = {"python": platform.python_version(), "numpy": np.__version__}
    if system == "torch":
        import torch

        v["torch"] = torch.__version__
        v["torch_threads"] = torch.get_num_threads()
    elif system == "minigrad":
        import minigrad

        v["minigrad"] = getattr(minigrad, "__version__", "?")
    return v


def worker(system, cfg, json_path, only=None):
    """Run every workload for one system in this process; rewrite ``json_path`` after each one."""
    result = {"system": system, "workloads": {}, "errors": {}}

    def dump():
        Path(json_path).write_text(json.dumps(result, indent=1))

    try:
        libs = load_lib(system) if system != "numpy" else None
        result["versions"] = versions(system)
    except Exception as e:  # noqa: BLE001
        result["errors"]["import"] = f"{type(e).__name__}: {e}"
        dump()
        return
    result["load_start"] = _loadavg()
    dump()
    for name, fn in WORKLOADS.items():
        if only and name not in only:
            continue
        try:
            result["workloads"][name] = fn(system, cfg, libs)
        except Exception as e:  # noqa: BLE001 - one broken workload must not hide the others
            result["errors"][name] = f"{type(e).__name__}: {e}"
            traceback.print_exc()
        result["load_end"] = _loadavg()
        dump()


def profile(cfg, names):
    """cProfile minigrad on the given workloads; prints the hottest functions."""
    import cProfile
    import pstats

    libs = load_lib("minigrad")
    # Fewer repetitions than a measured run: the profile shows where the time goes, not how much.
    cfg = dict(cfg, w1_reps=10, w3_sizes=[10000], w3_reps={"10000": 3}, w4_steps=200, w5_steps=1000)
    for name in names:
        pr = cProfile.Profile()
        pr.enable()
        WORKLOADS[name]("minigrad", cfg, libs)
        pr.disable()
        print(f"\n===== {name} (minigrad, cProfile, sorted by tottime) =====")
        pstats.Stats(pr).strip_dirs().sort_stats("tottime").print_stats(22)
        print(f"----- {name} (sorted by cumulative) -----")
        pstats.Stats(pr).strip_dirs().sort_stats("cumulative").print_stats(18)


# --------------------------------------------------------------------------------------------------
# parent: spawn one process per system, then report
# --------------------------------------------------------------------------------------------------
def run_system(system, quick, timeout):  # the workers inherit MINIGRAD_BENCH_CLOCK
    fd, path = tempfile.mkstemp(prefix=f"bench-{system}-", suffix=".json")
    os.close(fd)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", system, "--worker-json", path]
    if quick:
        cmd.append("--quick")
    env = dict(os.environ, **THREAD_ENV)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=env, cwd=str(REPO), capture_output=True, text=True, timeout=timeout)
        rc, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as e:
        rc, stderr = "timeout", (e.stderr or b"").decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
    wall = time.perf_counter() - t0
    try:
        data = json.loads(Path(path).read_text() or "{}")
    except (OSError, json.JSONDecodeError):
        data = {}
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
    data.setdefault("system", system)
    data.setdefault("workloads", {})
    data.setdefault("errors", {})
    data["returncode"] = rc
    data["wall_s"] = wall
    if rc != 0:
        data["errors"]["process"] = f"exit status {rc}; stderr tail: {stderr[-600:].strip()}"
    elif stderr.strip():
        data["stderr_tail"] = stderr[-600:].strip()
    return data


def _get(results, system, *keys):
    d = results.get(system, {}).get("workloads", {})
    for k in keys:
        if not isinstance(d, dict) or k not in d or d[k] is None:
            return None
        d = d[k]
    return d


def _ratio(a, b):
    return a / b if (a is not None and b) else None


def _fmt(x, digits=3):
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "예" if x else "아니오"
    if isinstance(x, str):
        return x
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def _met(ok):
    return "—" if ok is None else ("달성 ✅" if ok else "미달 ❌")


def build_rows(results, cfg):
    """One row per target of the issue: (workload, metric, minigrad, numpy, torch, ratio, target, met)."""
    g = lambda s, *k: _get(results, s, *k)  # noqa: E731
    rows = []
    for phase, key in (("순전파", "fwd_us_per_op"), ("역전파", "bwd_us_per_op")):
        mg, nf, tt = g("minigrad", "W1", key), g("numpy", "W1", key), g("torch", "W1", key)
        r = _ratio(mg, tt)
        rows.append((f"W1 연산당 오버헤드 ({phase})", "µs/연산", mg, nf, tt,
                     r, "minigrad/torch", "≤ 1.0", None if r is None else r <= 1.0))
    mg, nf, tt = g("minigrad", "W2", "ms"), g("numpy", "W2", "ms"), g("torch", "W2", "ms")
    r = _ratio(mg, nf)
    rows.append((f"W2 큰 행렬곱 ({cfg['w2_n']}×{cfg['w2_n']})", "ms", mg, nf, tt,
                 r, "minigrad/numpy", "≤ 1.05", None if r is None else r <= 1.05))
    big = str(max(cfg["w3_sizes"]))
    ok = g("minigrad", "W3", "sizes", big, "ok")
    mg, tt = g("minigrad", "W3", "sizes", big, "bwd_us_per_node"), g("torch", "W3", "sizes", big, "bwd_us_per_node")
    r = _ratio(mg, tt)
    met = None if ok is None else (bool(ok) and (r is None or r <= 1.0))
    if ok and r is None:
        met = None  # works, but nothing to compare with
    rows.append((f"W3 깊은 사슬 ({int(big):,}개 노드) 역전파", "µs/노드", mg, None, tt,
                 r, "minigrad/torch", f"{int(big):,}에서 성공, ≤ 1.0", met))
    mg, nf, tt = g("minigrad", "W4", "ms_per_step"), g("numpy", "W4", "ms_per_step"), g("torch", "W4", "ms_per_step")
    r = _ratio(mg, nf)
    rows.append(("W4 학습 한 스텝 (MLP 2→64→64→1)", "ms/스텝", mg, nf, tt,
                 r, "minigrad/numpy", "≤ 1.2", None if r is None else r <= 1.2))
    freed = g("minigrad", "W5", "probe_backward", "freed")
    tfreed = g("torch", "W5", "probe_backward", "freed")
    rows.append(("W5 메모리: 역전파 후 중간값 해제 (gc 없이)", "해제됨", freed, None, tfreed,
                 None, "", "해제", freed))
    mg, nf, tt = g("minigrad", "W5", "rss_growth_mib"), g("numpy", "W5", "rss_growth_mib"), g("torch", "W5", "rss_growth_mib")
    steps = g("minigrad", "W5", "steps") or cfg["w5_steps"]
    rows.append((f"W5 메모리: {steps:,} 스텝 동안 RSS 증가", "MiB", mg, nf, tt,
                 None, "", "< 1 MiB", None if mg is None else mg < 1.0))
    return rows


def detail_rows(results, cfg):
    g = lambda s, *k: _get(results, s, *k)  # noqa: E731
    rows = []
    for phase, key in (("순전파", "fwd_us_per_op"), ("역전파", "bwd_us_per_op")):
        rows.append((f"W1 {phase} µs/연산", g("minigrad", "W1", key), g("numpy", "W1", key), g("torch", "W1", key)))
    rows.append(("W1 기울기 정확", g("minigrad", "W1", "grad_ok"), None, g("torch", "W1", "grad_ok")))
    rows.append(("W2 ms", g("minigrad", "W2", "ms"), g("numpy", "W2", "ms"), g("torch", "W2", "ms")))
    rows.append(("W2 기울기 정확", g("minigrad", "W2", "grad_ok"), None, g("torch", "W2", "grad_ok")))
    for n in cfg["w3_sizes"]:
        s = str(n)
        for label, key in (("성공", "ok"), ("순전파 µs/노드", "fwd_us_per_node"),
                           ("역전파 µs/노드", "bwd_us_per_node"), ("그래프 해제 µs/노드", "free_us_per_node")):
            rows.append((f"W3 n={n:,} {label}", g("minigrad", "W3", "sizes", s, key), None,
                         g("torch", "W3", "sizes", s, key)))
        err = g("minigrad", "W3", "sizes", s, "error")
        if err:
            rows.append((f"W3 n={n:,} 오류", err, None, None))
    rows.append(("W4 ms/스텝", g("minigrad", "W4", "ms_per_step"), g("numpy", "W4", "ms_per_step"),
                 g("torch", "W4", "ms_per_step")))
    for label, key in (("W4 첫 스텝 손실", "first_loss"), ("W4 마지막 손실", "last_loss")):
        rows.append((label, g("minigrad", "W4", key), g("numpy", "W4", key), g("torch", "W4", key)))
    for probe, label in (("probe_backward", "역전파 후"), ("probe_forward_only", "역전파 없이 버렸을 때")):
        for key, what in (("nodes", "grad_fn 노드 수 (AccumulateGrad 제외)"),
                          ("nodes_weakrefable", "그중 weakref 가능한 노드"),
                          ("tensors_alive_after_backward", "역전파 직후 살아 있는 중간 텐서"),
                          ("tensors_alive_after_drop", "loss 를 버린 뒤 살아 있는 중간 텐서"),
                          ("nodes_alive_after_drop", "loss 를 버린 뒤 살아 있는 grad_fn 노드")):
            mg, tt = g("minigrad", "W5", probe, key), g("torch", "W5", probe, key)
            if mg is None and tt is None:
                continue
            rows.append((f"W5 {label}: {what}", mg, None, tt))
        rows.append((f"W5 {label}: 해제됨", g("minigrad", "W5", probe, "freed"), None,
                     g("torch", "W5", probe, "freed")))
    rows.append(("W5 시작 RSS (MiB)", g("minigrad", "W5", "rss_start_mib"), g("numpy", "W5", "rss_start_mib"),
                 g("torch", "W5", "rss_start_mib")))
    rows.append(("W5 RSS 증가 (MiB)", g("minigrad", "W5", "rss_growth_mib"), g("numpy", "W5", "rss_growth_mib"),
                 g("torch", "W5", "rss_growth_mib")))
    return rows


def machine_info():
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        if commit and subprocess.run(["git", "status", "--porcelain", "--", "minigrad"], cwd=REPO,
                                     capture_output=True, text=True, timeout=10).stdout.strip():
            commit += " + 커밋되지 않은 minigrad/ 변경"
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(), "commit": commit or "?"}


def render(results, cfg, command, quick):
    info = machine_info()
    vers = {}
    for s in SYSTEMS:
        vers.update(results.get(s, {}).get("versions", {}))
    rows = build_rows(results, cfg)
    ran = [s for s in SYSTEMS if s in results]
    L = []
    L.append("# minigrad 벤치마크")
    L.append("")
    L.append("> 이 파일은 `benchmarks/run.py` 가 만듭니다. 손으로 고치지 마세요 — 다시 실행하면 덮어씁니다.")
    L.append("")
    if quick:
        L.append("**`--quick` 실행 결과입니다 (아주 작은 크기, 스모크 테스트용). 수치를 목표와 비교하지 마세요.**")
        L.append("")
    L.append("## 실행 방법")
    L.append("")
    L.append("```sh")
    L.append("make bench                       # = .venv/bin/python benchmarks/run.py")
    L.append("python benchmarks/run.py --systems numpy,minigrad   # torch 없이")
    L.append("python benchmarks/run.py --profile W1,W3,W4         # minigrad 프로파일 (cProfile)")
    L.append("```")
    L.append("")
    L.append("## 환경")
    L.append("")
    L.append(f"- 날짜: {datetime.date.today().isoformat()}")
    L.append(f"- 머신: {info['cpu']}, 코어 {info['cores']}개, {info['os']}")
    L.append(f"- 버전: Python {vers.get('python', platform.python_version())}, numpy {vers.get('numpy', '?')}, "
             f"torch {vers.get('torch', '없음')}, minigrad {vers.get('minigrad', '없음')} (커밋 {info['commit']})")
    L.append(f"- 명령: `{command}`")
    L.append(f"- 측정한 시스템: {', '.join(ran)} — 시스템마다 별도 프로세스 하나, 한 번의 실행")
    L.append("- 스레드: `OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1` (numpy/torch import 전), "
             "`torch.set_num_threads(1)`")
    clock = os.environ.get("MINIGRAD_BENCH_CLOCK", "cpu")
    L.append("- 모든 시간은 워밍업 뒤 반복 측정의 **중앙값**입니다. 비율 < 1 이면 minigrad 가 더 빠릅니다.")
    L.append("- 시계: " + ("프로세스 CPU 시간 (`time.process_time`, 기본값). 코어 2개를 다른 작업과 나눠 쓰는 "
                         "머신에서는 벽시계 시간이 다른 프로세스에 빼앗긴 시간까지 세므로, 차례로 실행되는 "
                         "시스템끼리 비교하려고 CPU 시간을 씁니다 (`--clock wall` 로 바꿀 수 있음)."
                         if clock == "cpu" else "벽시계 시간 (`time.perf_counter`, `--clock wall`)."))
    loads = [f"{s} {_fmt(results[s].get('load_start'))} → {_fmt(results[s].get('load_end'))}"
             for s in ran if results[s].get("load_start") is not None]
    if loads:
        L.append("- 머신 부하 (1분 load average, 각 시스템 프로세스의 시작 → 끝): " + ", ".join(loads)
                 + ". 부하가 코어 수(2)보다 크면 CPU 시간도 캐시 경쟁으로 흔들리므로, 목표에 가까운 비율"
                 " (±10%)의 달성/미달은 실행마다 바뀔 수 있습니다.")
    L.append("")
    L.append("## 결과 (목표 대비)")
    L.append("")
    L.append("| 워크로드 | 단위 | minigrad | numpy (바닥) | torch | 비율 | 비교 | 목표 | 결과 |")
    L.append("|---|---|--:|--:|--:|--:|---|---|---|")
    for name, unit, mg, nf, tt, r, vs, target, met in rows:
        L.append(f"| {name} | {unit} | {_fmt(mg)} | {_fmt(nf)} | {_fmt(tt)} | "
                 f"{_fmt(r) + '×' if r is not None else '—'} | {vs} | {target} | {_met(met)} |")
    L.append("")
    if "torch" not in results:
        L.append("torch 를 측정하지 않았으므로 torch 대비 비율은 비어 있습니다 (minigrad 대 numpy 만 보고).")
        L.append("")
    L.append("## 세부 수치")
    L.append("")
    L.append("| 항목 | minigrad | numpy | torch |")
    L.append("|---|--:|--:|--:|")
    for label, mg, nf, tt in detail_rows(results, cfg):
        L.append(f"| {label} | {_fmt(mg, 4)} | {_fmt(nf, 4)} | {_fmt(tt, 4)} |")
    L.append("")
    errs = [(s, k, v) for s in SYSTEMS for k, v in results.get(s, {}).get("errors", {}).items()]
    if errs:
        L.append("## 오류")
        L.append("")
        for s, k, v in errs:
            L.append(f"- {s} / {k}: `{str(v).splitlines()[0][:300] if str(v) else v}`")
        L.append("")
    L.append("## 워크로드")
    L.append("")
    L.append(f"- **W1** 연산당 오버헤드: 모양 (4,) float32 잎 텐서에 `y = y * 1.001`, `y = y + 0.5` 를 번갈아 "
             f"{cfg['w1_ops']:,}번, 그다음 `y.sum().backward()`. 순전파·역전파 각각 연산 하나당 µs. "
             "numpy 바닥은 같은 연산(역전파는 곱셈의 `g * 1.001`)을 numpy 배열로 직접 한 비용.")
    L.append(f"- **W2** 큰 행렬곱: {cfg['w2_n']}×{cfg['w2_n']} float32 `A`, `B` (requires_grad), "
             "`(A @ B).sum().backward()`. numpy 바닥은 손으로 쓴 순전파 + `G @ B.T` + `A.T @ G`.")
    L.append(f"- **W3** 깊은 사슬: `y = y * 1.0001` 을 {', '.join(f'{n:,}' for n in cfg['w3_sizes'])}번, "
             "그다음 역전파. 기본 재귀 한도"
             f" ({_fmt(_get(results, 'minigrad', 'W3', 'recursion_limit'))}) 그대로 성공해야 합니다. 노드당 µs.")
    L.append(f"- **W4** 학습 한 스텝: MLP 2→64→64→1 (tanh), two moons {cfg['w4_points']:,}점 (고정 시드), "
             "`binary_cross_entropy_with_logits`, `optim.SGD` (`zero_grad`, `step`). numpy 바닥은 손으로 쓴 "
             "순전파/역전파 + SGD. minigrad 와 torch 는 글자 그대로 같은 코드를 실행합니다.")
    L.append("- **W5** 메모리: (1) MLP 그래프의 중간 텐서와 `grad_fn` 노드에 약한 참조(weakref)만 남기고, "
             "`gc.disable()` 상태에서 역전파 후·`loss` 를 버린 뒤 살아 있는지 셉니다 (참조 카운팅만으로 해제되는가). "
             f"(2) 워밍업 뒤 {cfg['w5_steps']:,} 학습 스텝 동안 RSS (`/proc/self/statm`) 증가량.")
    L.append("")
    L.append("벤치마크는 시간을 재는 단위 테스트가 아닙니다. 테스트(`tests/test_benchmarks_smoke.py`)는 "
             "`--quick` 으로 스크립트가 돌아가는지만 확인합니다.")
    L.append("")
    return "\n".join(L)


def print_table(results, cfg):
    rows = build_rows(results, cfg)
    head = ("workload", "minigrad", "numpy", "torch", "ratio", "target", "result")
    table = [head]
    for name, unit, mg, nf, tt, r, vs, target, met in rows:
        table.append((f"{name} [{unit}]", _fmt(mg), _fmt(nf), _fmt(tt),
                      (_fmt(r) + "x " + vs) if r is not None else "-", target,
                      {None: "-", True: "met", False: "NOT met"}[None if met is None else bool(met)]))
    widths = [max(len(str(r[i])) for r in table) for i in range(len(head))]
    for r in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    for s in SYSTEMS:
        for k, v in results.get(s, {}).get("errors", {}).items():
            print(f"error: {s}/{k}: {str(v).splitlines()[0][:300] if str(v) else v}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", "--smoke", action="store_true", dest="quick",
                    help="tiny sizes and repetitions (smoke test; `make bench-smoke` passes --smoke)")
    ap.add_argument("--out", default=None, help="README to (re)generate (default: benchmarks/README.md; "
                                                 "with --quick a file in the temp directory, so a smoke run "
                                                 "never overwrites the committed results)")
    ap.add_argument("--json", default=None, help="raw results (default: benchmarks/.last-run.json "
                                                  "for a full run, none with --quick)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of numpy,minigrad,torch")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per system process")
    ap.add_argument("--clock", choices=sorted(_CLOCKS), default="cpu",
                    help="cpu: process CPU time (default; robust on a busy machine), wall: perf_counter")
    ap.add_argument("--profile", default=None, help="e.g. W1,W3,W4: cProfile minigrad on these, print, exit")
    ap.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    ap.add_argument("--worker-json", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    os.environ["MINIGRAD_BENCH_CLOCK"] = args.clock     # the workers read it at import

    if args.worker:
        worker(args.worker, cfg, args.worker_json)
        return 0
    if args.profile:
        profile(cfg, [w.strip().upper() for w in args.profile.split(",") if w.strip()])
        return 0

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    bad = [s for s in systems if s not in SYSTEMS]
    if bad:
        ap.error(f"unknown system(s): {bad}")
    results = {}
    for s in SYSTEMS:  # fixed order: numpy, minigrad, torch
        if s not in systems:
            continue
        print(f"[bench] {s} ...", flush=True)
        results[s] = run_system(s, args.quick, args.timeout)
        if s == "torch" and "import" in results[s]["errors"]:
            print("[bench] torch is not importable: reporting minigrad vs numpy only", flush=True)
            del results[s]
            continue
        print(f"[bench] {s} done in {results[s]['wall_s']:.1f} s", flush=True)

    argv_shown = [a for a in (argv if argv is not None else sys.argv[1:])]
    command = " ".join(["python benchmarks/run.py"] + argv_shown)
    if args.out:
        out = Path(args.out)
    elif args.quick:
        out = Path(tempfile.gettempdir()) / "minigrad-bench-quick-README.md"
    else:
        out = DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(results, cfg, command, args.quick), encoding="utf-8")
    json_path = args.json or (None if args.quick else str(DEFAULT_JSON))
    if json_path:
        Path(json_path).write_text(json.dumps({"config": cfg, "results": results}, indent=1))
    print()
    print_table(results, cfg)
    print(f"\n[bench] wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
