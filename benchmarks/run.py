#!/usr/bin/env python
"""minigrad benchmarks (GitHub issue 6; targets as revised with issue 14).

Runs five workloads (W1-W5) for three *systems* -- ``numpy`` (hand-written floors), ``minigrad`` and
``torch`` -- each system in its own worker process with every BLAS/OpenMP pool pinned to one thread,
takes medians over repetitions (after warm-up), and writes the ratios against the issue's targets to
``benchmarks/README.md`` (and prints the same table).

    python benchmarks/run.py                      # full run, regenerates benchmarks/README.md
    python benchmarks/run.py --quick              # tiny sizes, a few seconds (smoke test; alias --smoke)
    python benchmarks/run.py --systems numpy,minigrad  # torch is optional
    python benchmarks/run.py --profile W1,W3,W4        # cProfile of minigrad, no README

How the timings are taken: the parent starts all worker processes up front and sends them requests
over pipes, one worker at a time (the others wait), so they never compete for the cores. Each timed
workload (W1, W2, W3 per size, W4) is set up and warmed up once per worker, then measured in *rounds*:
in each round every system runs one batch of repetitions of the same workload, in an order that
rotates each round. The machine's speed drifts over minutes; a round lasts seconds, so the drift hits
every system alike. A ratio between two systems is computed per round (from the two batches'
medians) and reported as the median of the per-round ratios, with their min-max range.

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
import queue  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import weakref  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_OUT = HERE / "README.md"
DEFAULT_JSON = HERE / ".last-run.json"
SYSTEMS = ("numpy", "minigrad", "torch")

# "plan": the timed workloads in the order they run. For each: `warmup` repetitions once, then
# `rounds` rounds in which every system runs one batch of `batch` repetitions. Batches last about
# 0.1-1 s for minigrad on the reference machine (W3 n=100,000 is ~2.5 s per repetition: one per batch).
FULL = {
    "w1_ops": 1000, "w2_n": 1000, "w4_points": 1000,
    "plan": {
        "W1": {"warmup": 5, "rounds": 15, "batch": 10},
        "W2": {"warmup": 2, "rounds": 10, "batch": 3},
        "W3/1000": {"warmup": 1, "rounds": 7, "batch": 8},
        "W3/10000": {"warmup": 1, "rounds": 6, "batch": 2},
        "W3/100000": {"warmup": 1, "rounds": 5, "batch": 1},
        "W4": {"warmup": 30, "rounds": 15, "batch": 40},
        # W4 on 8 points: almost no arithmetic left, so what is left over the floor is the cost of
        # recording the ops and running the backward nodes (reported as context, no target)
        "W4/8": {"warmup": 30, "rounds": 15, "batch": 100},
    },
    "w5_steps": 10000, "w5_warmup": 500, "w5_samples": 10,
}
QUICK = {
    "w1_ops": 200, "w2_n": 64, "w4_points": 200,
    "plan": {
        "W1": {"warmup": 1, "rounds": 3, "batch": 2},
        "W2": {"warmup": 1, "rounds": 3, "batch": 2},
        # 2,000 > the default recursion limit (1,000): even --quick checks that backward is iterative.
        "W3/100": {"warmup": 0, "rounds": 2, "batch": 2},
        "W3/2000": {"warmup": 0, "rounds": 2, "batch": 1},
        "W4": {"warmup": 2, "rounds": 3, "batch": 2},
        "W4/8": {"warmup": 1, "rounds": 2, "batch": 2},
    },
    "w5_steps": 50, "w5_warmup": 10, "w5_samples": 5,
}
# --profile: repetitions per workload (warm-up included), fewer than a measured run: the profile
# shows where the time goes, not how much.
PROFILE_REPS = {"W1": 15, "W2": 17, "W3/10000": 4, "W4": 230}
PROFILE_W5_STEPS = 1000
LR = 0.1
SEED = 0


# --------------------------------------------------------------------------------------------------
# helpers (worker side)
# --------------------------------------------------------------------------------------------------
# The clock of every timing. "cpu" (default) is this process's CPU time: on a shared machine with
# two cores other processes steal wall time but not CPU time. "wall" is perf_counter.
_CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
_now = _CLOCKS[os.environ.get("MINIGRAD_BENCH_CLOCK", "cpu")]


def _median(xs):
    return statistics.median(xs) if xs else None


def w3_sizes(cfg):
    """The chain lengths of W3, from the plan's keys ("W3/1000", ...)."""
    return [int(key.split("/")[1]) for key in cfg["plan"] if key.startswith("W3/")]


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
# timed workloads (W1-W4): one object per workload and worker, kept alive across the rounds
# --------------------------------------------------------------------------------------------------
class Timed:
    """One timed workload inside one worker process.

    The constructor sets it up. ``batch(n)`` runs ``n`` repetitions and returns their raw timings as
    ``{metric: [value, ...]}`` (a warm-up is a batch whose timings are thrown away). ``checks()``
    reports correctness side results after the last batch. Subclasses write ``setup()`` and ``rep()``
    (one repetition, returning ``{metric: value}``).
    """

    def __init__(self, key, system, cfg, libs):
        self.key, self.system, self.cfg, self.libs = key, system, cfg, libs
        self.setup()

    def setup(self):
        pass

    def rep(self):
        raise NotImplementedError

    def batch(self, n):
        timings = {}
        for _ in range(n):
            for metric, value in self.rep().items():
                timings.setdefault(metric, []).append(value)
        return timings

    def checks(self):
        return {}


class W1Floor(Timed):
    """W1 by hand in numpy: the same chain of mul/add, and the backward of the muls (``g * 1.001``)."""

    def setup(self):
        self.n = self.cfg["w1_ops"]
        self.x = np.linspace(0.5, 2.0, 4, dtype=np.float32)

    def rep(self):
        n = self.n
        t0 = _now()
        y = w1_forward(self.x, n)
        t1 = _now()
        y.sum()
        g = np.ones_like(self.x)  # d sum / d y
        for _ in range(n // 2):  # add's backward is the identity; mul's is g * 1.001
            g = g * 1.001
        t2 = _now()
        return {"fwd_us_per_op": (t1 - t0) / n * 1e6, "bwd_us_per_op": (t2 - t1) / n * 1e6}

    def checks(self):
        return {"ops": self.n}


class W1(Timed):
    """Per-op overhead: a (4,) leaf through ``w1_ops`` tiny ops, then ``y.sum().backward()``."""

    def setup(self):
        self.n = self.cfg["w1_ops"]
        self.x = self.libs[0].tensor(np.linspace(0.5, 2.0, 4, dtype=np.float32), requires_grad=True)

    def rep(self):
        n, x = self.n, self.x
        x.grad = None
        t0 = _now()
        y = w1_forward(x, n)
        t1 = _now()
        s = y.sum()
        t2 = _now()
        s.backward()
        t3 = _now()
        del y, s
        return {"fwd_us_per_op": (t1 - t0) / n * 1e6, "bwd_us_per_op": (t3 - t2) / n * 1e6}

    def checks(self):
        expected = 1.001 ** (self.n // 2)
        got = float(self.x.grad.numpy()[0])
        return {"ops": self.n, "grad_ok": abs(got - expected) <= 1e-3 * expected}


def _w2_matrices(n):
    rng = np.random.default_rng(SEED + 2)
    return rng.standard_normal((n, n), dtype=np.float32), rng.standard_normal((n, n), dtype=np.float32)


class W2Floor(Timed):
    """W2 by hand in numpy: ``A @ B``, then the two gradient products ``G @ B.T`` and ``A.T @ G``."""

    def setup(self):
        self.n = self.cfg["w2_n"]
        self.A, self.B = _w2_matrices(self.n)

    def rep(self):
        A, B = self.A, self.B
        t0 = _now()
        C = A @ B
        C.sum()
        G = np.ones_like(C)
        gA = G @ B.T
        gB = A.T @ G
        t1 = _now()
        del C, G, gA, gB
        return {"ms": (t1 - t0) * 1e3}

    def checks(self):
        return {"n": self.n}


class W2(Timed):
    """Big matmul: ``(A @ B).sum().backward()`` on two n x n float32 leaves."""

    def setup(self):
        self.n = self.cfg["w2_n"]
        self.A_np, self.B_np = _w2_matrices(self.n)
        lib = self.libs[0]
        self.A = lib.tensor(self.A_np, requires_grad=True)
        self.B = lib.tensor(self.B_np, requires_grad=True)

    def rep(self):
        A, B = self.A, self.B
        A.grad = None
        B.grad = None
        t0 = _now()
        (A @ B).sum().backward()
        t1 = _now()
        return {"ms": (t1 - t0) * 1e3}

    def checks(self):
        ref_gA = np.broadcast_to(self.B_np.astype(np.float64).sum(1), (self.n, self.n))
        err = float(np.max(np.abs(self.A.grad.numpy() - ref_gA)) / np.max(np.abs(ref_gA)))
        return {"n": self.n, "grad_ok": err < 1e-4}


class W3(Timed):
    """Deep chain: ``y = y * 1.0001`` n times (n from the key, e.g. "W3/100000"), then backward."""

    def setup(self):
        self.n = int(self.key.split("/")[1])
        self.x = self.libs[0].tensor(np.ones(4, dtype=np.float32), requires_grad=True)

    def rep(self):
        n, x = self.n, self.x
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
        return {"fwd_us_per_node": (t1 - t0) / n * 1e6, "bwd_us_per_node": (t3 - t2) / n * 1e6,
                "free_us_per_node": (t4 - t3) / n * 1e6}

    def checks(self):
        expected = float(np.float32(1.0001)) ** self.n
        got = float(self.x.grad.numpy()[0])
        return {"ok": abs(got - expected) <= 2e-2 * expected}


class W4Floor(Timed):
    """W4 by hand in numpy: one training step of the MLP (forward, backward, SGD).

    The number of points is ``w4_points``, or the key's size ("W4/8": 8 points)."""

    def setup(self):
        self.X, self.y = make_moons(int(self.key.partition("/")[2] or self.cfg["w4_points"]))
        self.params = init_params()
        self.first_loss = self.loss = None

    def step(self):
        return np_mlp_step(self.params, self.X, self.y)

    def rep(self):
        t0 = _now()
        loss = self.step()
        t1 = _now()
        if self.first_loss is None:
            self.first_loss = float(loss.item())
        self.loss = loss
        return {"ms_per_step": (t1 - t0) * 1e3}

    def checks(self):
        return {"first_loss": self.first_loss, "last_loss": float(self.loss.item())}


class W4(W4Floor):
    """One training step of the MLP through autograd: the code minigrad and torch share."""

    def setup(self):
        super().setup()
        lib, F, optim = self.libs
        self.F = F
        self.params, self.opt, self.X, self.y = make_model(lib, optim, self.params, self.X, self.y)

    def step(self):
        return train_step(self.F, self.opt, self.params, self.X, self.y)


# workload -> (class for the numpy floors or None, class for minigrad and torch)
TIMED = {"W1": (W1Floor, W1), "W2": (W2Floor, W2), "W3": (None, W3), "W4": (W4Floor, W4)}


def timed_class(key, system):
    """The class measuring timed workload ``key`` ("W1", "W3/1000", ...) for ``system``, or None."""
    floor, autograd = TIMED[key.split("/")[0]]
    return floor if system == "numpy" else autograd


# --------------------------------------------------------------------------------------------------
# W5: memory (not a timing; runs once per system after the timed rounds)
# --------------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------------
# worker process: serves the parent's requests for one system
# --------------------------------------------------------------------------------------------------
def versions(system):
    v = {"python": platform.python_version(), "numpy": np.__version__}
    if system == "torch":
        import torch

        v["torch"] = torch.__version__
        v["torch_threads"] = torch.get_num_threads()
    elif system == "minigrad":
        import minigrad

        v["minigrad"] = getattr(minigrad, "__version__", "?")
    return v


def _protocol_channel():
    """A ``reply(msg)`` function writing one JSON line to the real stdout, which only replies use.

    Everything else this process prints -- print(), warnings, messages from C code writing to file
    descriptor 1 -- goes to stderr from now on, so nothing can corrupt the protocol.
    """
    channel = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def reply(msg):
        channel.write(json.dumps(msg) + "\n")
        channel.flush()

    return reply


def _error_text(e):
    return f"{type(e).__name__}: {str(e)[:300]}"


def worker(system, cfg):
    """Answer the parent's requests, one JSON line in (stdin), one JSON line out, until "quit".

    First reply: the versions (or the import error). Requests: start (set up + warm up a timed
    workload), batch, finish (its checks), w5, quit.
    """
    reply = _protocol_channel()
    try:
        libs = load_lib(system) if system != "numpy" else None
        reply({"versions": versions(system), "recursion_limit": sys.getrecursionlimit()})
    except Exception as e:  # noqa: BLE001 - e.g. torch not installed: the parent reports it
        reply({"error": _error_text(e)})
        return
    running = {}  # workload key -> Timed
    for line in sys.stdin:
        req = json.loads(line)
        cmd, key = req["cmd"], req.get("workload")
        if cmd == "quit":
            break
        try:
            if cmd == "start":
                running[key] = timed_class(key, system)(key, system, cfg, libs)
                running[key].batch(req["warmup"])
                reply({})
            elif cmd == "batch":
                reply({"timings": running[key].batch(req["reps"])})
            elif cmd == "finish":
                reply({"checks": running.pop(key).checks()})
            elif cmd == "w5":
                reply({"result": w5(system, cfg, libs)})
            else:
                raise ValueError(f"unknown request {cmd!r}")
        except Exception as e:  # noqa: BLE001 - one broken workload must not hide the others
            running.pop(key, None)
            traceback.print_exc()
            reply({"error": _error_text(e)})


def profile(cfg, names):
    """cProfile minigrad on the given workloads; prints the hottest functions."""
    import cProfile
    import pstats

    libs = load_lib("minigrad")
    for name in names:
        pr = cProfile.Profile()
        pr.enable()
        if name == "W5":
            w5("minigrad", dict(cfg, w5_steps=PROFILE_W5_STEPS), libs)
        for key, reps in PROFILE_REPS.items():
            if key.split("/")[0] == name:
                timed_class(key, "minigrad")(key, "minigrad", cfg, libs).batch(reps)
        pr.disable()
        print(f"\n===== {name} (minigrad, cProfile, sorted by tottime) =====")
        pstats.Stats(pr).strip_dirs().sort_stats("tottime").print_stats(22)
        print(f"----- {name} (sorted by cumulative) -----")
        pstats.Stats(pr).strip_dirs().sort_stats("cumulative").print_stats(18)


# --------------------------------------------------------------------------------------------------
# parent: one worker process per system, measured in interleaved rounds
# --------------------------------------------------------------------------------------------------
class Worker:
    """The parent's handle on one system's worker process.

    Requests go down the worker's stdin; a reader thread queues the lines it writes back, so that
    waiting for a reply can time out. ``timeout`` bounds the total time the parent waits on this
    worker over the whole run; a worker that exceeds it, dies or answers garbage is stopped, its
    error recorded, and the run goes on without it. ``result`` collects what the README reports.
    """

    def __init__(self, system, quick, timeout):
        self.system, self.timeout = system, timeout
        self.result = {"system": system, "workloads": {}, "errors": {}}
        self.busy = 0.0  # seconds the parent has waited on this worker
        self.ready = False  # set once the worker has imported its library
        self.dead = False
        self.recursion_limit = None
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", system]
        if quick:
            cmd.append("--quick")
        env = dict(os.environ, **THREAD_ENV)  # the workers also inherit MINIGRAD_BENCH_CLOCK
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, env=env, cwd=str(REPO), text=True, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr)
        self.replies = queue.Queue()
        threading.Thread(target=self._read_replies, daemon=True).start()

    def _read_replies(self):
        for line in self.proc.stdout:
            self.replies.put(line)
        self.replies.put(None)  # end of file: the worker has exited

    @property
    def usable(self):
        return self.ready and not self.dead

    def request(self, what, msg=None):
        """Send ``msg`` (if any) and wait for the reply: a dict, with "error" if anything failed."""
        if self.dead:
            return {"error": "the worker is not running"}
        t0 = time.perf_counter()
        try:
            if msg is not None:
                self.proc.stdin.write(json.dumps(msg) + "\n")
                self.proc.stdin.flush()
            line = self.replies.get(timeout=max(0.0, self.timeout - self.busy))
        except queue.Empty:
            return self._stop(f"timeout: more than {self.timeout:g} s of work, during {what}", grace=0)
        except OSError:  # broken pipe: the worker has exited
            line = None
        finally:
            self.busy += time.perf_counter() - t0
        if line is None:
            return self._stop(f"the worker exited during {what}", grace=10)
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            return self._stop(f"unreadable reply during {what}: {line[:200]!r}", grace=0)

    def _stop(self, reason, grace):
        """Stop the worker for good (killing it after ``grace`` seconds) and record why."""
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.dead = True
        self.result["errors"]["process"] = (f"{reason} (exit status {self.proc.returncode}); "
                                            f"stderr tail: {self.stderr_tail()}")
        return {"error": reason}

    def stderr_tail(self, chars=600):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-chars:].strip()

    def start(self):
        """Wait for the worker's first reply: its versions, or why its library failed to import."""
        hello = self.request("start-up")
        if "versions" in hello:
            self.ready = True
            self.result["versions"] = hello["versions"]
            self.recursion_limit = hello["recursion_limit"]
        elif not self.dead:
            self.result["errors"]["import"] = hello["error"]

    def call(self, key, cmd, **args):
        """One request about timed workload ``key``; its reply, or None with the error recorded."""
        reply = self.request(f"{key} {cmd}", dict(args, cmd=cmd, workload=key))
        if "error" not in reply:
            return reply
        if not self.dead:  # a workload error; a dead worker's error is recorded already
            name, _, size = key.partition("/")
            if name == "W3":  # W3 reports a failure per size (e.g. a RecursionError) in its own table rows
                self._w3()["sizes"][size] = {"ok": False, "error": reply["error"]}
            else:
                self.result["errors"][key] = reply["error"]
        return None

    def _w3(self):
        return self.result["workloads"].setdefault("W3", {"recursion_limit": self.recursion_limit, "sizes": {}})

    def store(self, key, batches, checks):
        """Per metric, the median over every repetition of every round, plus the checks."""
        metrics = {m for b in batches for m in b}
        summary = {m: _median([v for b in batches for v in b.get(m, [])]) for m in sorted(metrics)}
        summary.update(checks)
        name, _, size = key.partition("/")
        if name == "W3":
            self._w3()["sizes"][size] = summary
        else:
            self.result["workloads"][key] = summary

    def run_w5(self):
        reply = self.request("W5", {"cmd": "w5"})
        if "result" in reply:
            self.result["workloads"]["W5"] = reply["result"]
        elif not self.dead:
            self.result["errors"]["W5"] = reply["error"]

    def close(self):
        """Ask the worker to quit (kill it if it does not) and finish its ``result``."""
        try:
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.flush()
        except OSError:  # the worker has exited already
            pass
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.result["returncode"] = self.proc.returncode
        self.result["busy_s"] = self.busy
        tail = self.stderr_tail()
        if self.proc.returncode != 0 and "process" not in self.result["errors"]:
            self.result["errors"]["process"] = f"exit status {self.proc.returncode}; stderr tail: {tail}"
        elif tail:
            self.result["stderr_tail"] = tail
        self.stderr.close()


def start_workers(systems, quick, timeout):
    """Start every system's worker at once (they import in parallel) and wait until each is ready.

    A torch that fails to import is left out of the report; any other failure is reported.
    """
    workers = [Worker(s, quick, timeout) for s in systems]
    kept = []
    for w in workers:
        w.start()
        if w.system == "torch" and "import" in w.result["errors"]:
            print("[bench] torch is not importable: reporting minigrad vs numpy only", flush=True)
            w.close()
            continue
        kept.append(w)
    return kept


def run_timed(key, workers, plan):
    """Measure timed workload ``key`` in interleaved rounds; returns the raw per-round record.

    Every worker sets the workload up and warms it up once. Then, in each round, every worker runs
    one batch of ``plan["batch"]`` repetitions, in an order that rotates each round (numpy, minigrad,
    torch -> minigrad, torch, numpy -> ...), so a drift of the machine's speed hits every system alike.
    Only one worker computes at a time.
    """
    taking_part = [w for w in workers if w.usable and timed_class(key, w.system)]
    running = [w for w in taking_part if w.call(key, "start", warmup=plan["warmup"]) is not None]
    record = {"order": [], "timings": {w.system: [] for w in running}}
    for r in range(plan["rounds"]):
        if not running:
            break
        shift = r % len(running)
        order = running[shift:] + running[:shift]
        record["order"].append([w.system for w in order])
        for w in order:
            reply = w.call(key, "batch", reps=plan["batch"])
            if reply is None:
                running.remove(w)
            else:
                record["timings"][w.system].append(reply["timings"])
    for w in running:
        reply = w.call(key, "finish")
        if reply is not None:
            w.store(key, record["timings"][w.system], reply["checks"])
    return record


def run_benchmark(systems, cfg, quick, timeout):
    """The whole measurement: returns the run record that the README is rendered from (and --json)."""
    run = {"config": cfg, "clock": os.environ.get("MINIGRAD_BENCH_CLOCK", "cpu"), "load_start": _loadavg(),
           "rounds": {}}
    print(f"[bench] starting workers: {', '.join(systems)}", flush=True)
    workers = start_workers(systems, quick, timeout)
    try:
        for key, plan in cfg["plan"].items():
            t0 = time.perf_counter()
            run["rounds"][key] = run_timed(key, workers, plan)
            print(f"[bench] {key}: {plan['rounds']} rounds x {plan['batch']} reps per system "
                  f"({time.perf_counter() - t0:.1f} s)", flush=True)
        t0 = time.perf_counter()
        for w in workers:
            if w.usable:
                w.run_w5()
        print(f"[bench] W5: once per system ({time.perf_counter() - t0:.1f} s)", flush=True)
        for w in workers:
            w.close()
    finally:  # e.g. Ctrl-C: leave no worker behind
        for w in workers:
            if w.proc.poll() is None:
                w.proc.kill()
    run["load_end"] = _loadavg()
    run["results"] = {w.system: w.result for w in workers}
    return run


# --------------------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------------------
def round_ratios(run, key, metric, num, den):
    """``num``/``den`` per round (the two batch medians, measured seconds apart), and their summary.

    Returns None when the two systems share no round.
    """
    timings = run["rounds"].get(key, {}).get("timings", {})
    per_round = []
    for a, b in zip(timings.get(num, []), timings.get(den, [])):  # a worker that fails stops early
        ma, mb = _median(a.get(metric)), _median(b.get(metric))
        if ma is not None and mb:
            per_round.append(ma / mb)
    if not per_round:
        return None
    return {"vs": f"{num}/{den}", "per_round": per_round, "median": statistics.median(per_round),
            "min": min(per_round), "max": max(per_round)}


def _get(results, system, *keys):
    d = results.get(system, {}).get("workloads", {})
    for k in keys:
        if not isinstance(d, dict) or k not in d or d[k] is None:
            return None
        d = d[k]
    return d


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


def _fmt_ratio(ratio, times="×", dash="–"):
    """``1.07× (1.01–1.12)``: the median of the per-round ratios, then their min-max range."""
    if ratio is None:
        return "—"
    return f"{_fmt(ratio['median'])}{times} ({_fmt(ratio['min'])}{dash}{_fmt(ratio['max'])})"


def _met(ok):
    return "—" if ok is None else ("달성 ✅" if ok else "미달 ❌")


def _within(ratio, limit):
    return None if ratio is None else ratio["median"] <= limit


def build_rows(run):
    """One row per target of the issue: (workload, unit, minigrad, numpy, torch, ratio, vs, target, met).

    minigrad/numpy/torch are each system's median; ``ratio`` is ``round_ratios``' summary, and the
    target is met or not on its median.
    """
    cfg = run["config"]
    g = lambda s, *k: _get(run["results"], s, *k)  # noqa: E731
    rows = []
    for phase, key in (("순전파", "fwd_us_per_op"), ("역전파", "bwd_us_per_op")):
        r = round_ratios(run, "W1", key, "minigrad", "torch")
        rows.append((f"W1 연산당 오버헤드 ({phase})", "µs/연산", g("minigrad", "W1", key), g("numpy", "W1", key),
                     g("torch", "W1", key), r, "minigrad/torch", "≤ 1.1", _within(r, 1.1)))
    r = round_ratios(run, "W2", "ms", "minigrad", "numpy")
    rows.append((f"W2 큰 행렬곱 ({cfg['w2_n']}×{cfg['w2_n']})", "ms", g("minigrad", "W2", "ms"), g("numpy", "W2", "ms"),
                 g("torch", "W2", "ms"), r, "minigrad/numpy", "≤ 1.05", _within(r, 1.05)))
    big = str(max(w3_sizes(cfg)))
    ok = g("minigrad", "W3", "sizes", big, "ok")
    r = round_ratios(run, f"W3/{big}", "bwd_us_per_node", "minigrad", "torch")
    if ok is None or (ok and r is None):
        met = None  # not measured, or works but nothing to compare with
    else:
        met = bool(ok) and (r is None or r["median"] <= 1.0)
    rows.append((f"W3 깊은 사슬 ({int(big):,}개 노드) 역전파", "µs/노드", g("minigrad", "W3", "sizes", big, "bwd_us_per_node"),
                 None, g("torch", "W3", "sizes", big, "bwd_us_per_node"),
                 r, "minigrad/torch", f"{int(big):,}에서 성공, ≤ 1.0", met))
    # W4 against torch, at 1,000 and at 8 points (the old target, 1.2x the numpy floor, is withdrawn:
    # torch itself measures 1.2-2.0x that floor on this machine)
    for key in ["W4"] + [k for k in cfg["plan"] if k.startswith("W4/")]:
        r = round_ratios(run, key, "ms_per_step", "minigrad", "torch")
        points = cfg["w4_points"] if key == "W4" else int(key.split("/")[1])
        rows.append((f"W4 학습 한 스텝 (MLP 2→64→64→1, 점 {points:,}개)", "ms/스텝", g("minigrad", key, "ms_per_step"),
                     g("numpy", key, "ms_per_step"), g("torch", key, "ms_per_step"),
                     r, "minigrad/torch", "≤ 1.0", _within(r, 1.0)))
    freed = g("minigrad", "W5", "probe_backward", "freed")
    tfreed = g("torch", "W5", "probe_backward", "freed")
    rows.append(("W5 메모리: 역전파 후 중간값 해제 (gc 없이)", "해제됨", freed, None, tfreed,
                 None, "", "해제", freed))
    mg, nf, tt = g("minigrad", "W5", "rss_growth_mib"), g("numpy", "W5", "rss_growth_mib"), g("torch", "W5", "rss_growth_mib")
    steps = g("minigrad", "W5", "steps") or cfg["w5_steps"]
    rows.append((f"W5 메모리: {steps:,} 스텝 동안 RSS 증가", "MiB", mg, nf, tt,
                 None, "", "< 1 MiB", None if mg is None else mg < 1.0))
    return rows


def detail_rows(run):
    cfg = run["config"]
    g = lambda s, *k: _get(run["results"], s, *k)  # noqa: E731
    rows = []
    for phase, key in (("순전파", "fwd_us_per_op"), ("역전파", "bwd_us_per_op")):
        rows.append((f"W1 {phase} µs/연산", g("minigrad", "W1", key), g("numpy", "W1", key), g("torch", "W1", key)))
    rows.append(("W1 기울기 정확", g("minigrad", "W1", "grad_ok"), None, g("torch", "W1", "grad_ok")))
    rows.append(("W2 ms", g("minigrad", "W2", "ms"), g("numpy", "W2", "ms"), g("torch", "W2", "ms")))
    rows.append(("W2 기울기 정확", g("minigrad", "W2", "grad_ok"), None, g("torch", "W2", "grad_ok")))
    for n in w3_sizes(cfg):
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
    for key in (k for k in cfg["plan"] if k.startswith("W4/")):
        us = [None if g(s, key, "ms_per_step") is None else g(s, key, "ms_per_step") * 1e3
              for s in ("minigrad", "numpy", "torch")]
        rows.append((f"{_plan_label(key)} µs/스텝", *us))
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


def _plan_label(key):
    name, _, size = key.partition("/")
    if not size:
        return name
    return f"{name} ({int(size):,}점)" if name == "W4" else f"{name} (n={int(size):,})"


def render_method(run):
    """The "방법" section: how the timings were taken and how the ratios are computed."""
    plan = run["config"]["plan"]
    L = ["## 방법", ""]
    L.append("- 시스템마다 워커 프로세스를 하나씩 처음에 모두 띄워 두고, 부모 프로세스가 파이프로 일을 하나씩 "
             "시킵니다. 한 번에 한 워커만 계산하고 나머지는 기다리므로, 워커끼리 코어를 두고 다투지 않습니다.")
    L.append("- 시간을 재는 워크로드(W1–W4, W3 은 크기마다 따로)는 워커마다 한 번 준비하고 워밍업한 뒤 "
             "**라운드**를 여러 번 돕니다. 라운드마다 모든 시스템이 같은 워크로드의 반복 묶음을 하나씩 "
             "실행하고, 순서는 라운드마다 한 칸씩 돌아갑니다 (numpy → minigrad → torch, 다음 라운드는 "
             "minigrad → torch → numpy, …). 이 머신은 속도가 몇 분 사이에도 흔들리므로 (같은 코드가 어느 "
             "때는 6.3, 어느 때는 10.5 µs/연산), 시스템을 몇 분 간격으로 따로 재면 비율의 달성/미달이 "
             "뒤바뀔 수 있습니다. 라운드는 몇 초면 끝나므로 흔들림이 모든 시스템에 똑같이 걸립니다.")
    L.append("- 라운드 수 × 묶음당 반복 횟수: "
             + ", ".join(f"{_plan_label(k)} {p['rounds']}×{p['batch']}" for k, p in plan.items()) + ".")
    L.append("- 표의 시스템별 시간은 모든 라운드의 모든 반복의 **중앙값**입니다.")
    L.append("- **비율**은 라운드마다 두 시스템의 묶음 중앙값으로 구한 비율(몇 초 간격으로 잰 짝)들의 "
             "**중앙값**이고, 괄호 안은 그 라운드별 비율의 최솟값–최댓값입니다. 달성/미달은 이 중앙값으로 "
             "판정합니다. 그래서 비율이 표의 두 중앙값을 나눈 값과 조금 다를 수 있습니다.")
    L.append("- W5 (메모리) 는 시간 측정이 아니므로, 라운드가 모두 끝난 뒤 시스템마다 한 번 실행합니다.")
    L.append("")
    return L


def render_round_ratios(rows):
    """Every per-round ratio behind the headline ratios."""
    L = ["## 라운드별 비율", ""]
    for name, _, _, _, _, r, _, _, _ in rows:
        if r is not None:
            L.append(f"- {name} ({r['vs']}): " + ", ".join(_fmt(x) for x in r["per_round"]))
    L.append("")
    return L


def render_context(run):
    """Ratios no target asks for, measured in the same rounds, that help to read the targets."""
    g = lambda s, *k: _get(run["results"], s, *k)  # noqa: E731
    L = []
    for phase, key in (("순전파", "fwd_us_per_op"), ("역전파", "bwd_us_per_op")):
        mg, nf, tt = g("minigrad", "W1", key), g("numpy", "W1", key), g("torch", "W1", key)
        if None not in (mg, nf, tt):
            L.append(f"- W1 {phase}: numpy 계산 자체는 연산당 {_fmt(nf)} µs 이고, 나머지는 연산을 기록하고 "
                     f"(역전파에서는) 그래프를 따라가는 비용입니다: minigrad {_fmt(mg - nf)} µs, "
                     f"torch {_fmt(tt - nf)} µs.")
    for key, metric, label in (("W2", "ms", "W2"), ("W4", "ms_per_step", "W4")):
        r = round_ratios(run, key, metric, "torch", "numpy")
        if r is not None:
            L.append(f"- {label}: torch 자신은 numpy 바닥의 {_fmt_ratio(r)} 입니다 (같은 라운드들에서 잰 비율).")
    L.extend(_w4_overhead_lines(run))
    if not L:
        return []
    return (["## 맥락: 같은 실행에서 잰, 목표에 없는 비율", ""] + L
            + ["", "W4 의 바닥은 계산만 하고 기록은 하지 않습니다. minigrad 와 torch 는 한 스텝마다 연산 "
               "약 50개를 기록하고 노드 약 16개를 역전파하므로, 그 비용이 바닥 위에 얹힙니다.", ""])


def _w4_overhead_lines(run):
    """W4 on few points (e.g. "W4/8") against W4: how much of the gap over the floor is per step."""
    small = [k for k in run["config"]["plan"] if k.startswith("W4/")]
    if not small:
        return []
    key, points = small[0], int(small[0].split("/")[1])
    g = lambda s, k: _get(run["results"], s, k, "ms_per_step")  # noqa: E731
    over = {}  # (system, key) -> µs per step over the numpy floor of the same size
    for k in ("W4", key):
        for s in ("minigrad", "torch"):
            if None not in (g(s, k), g("numpy", k)):
                over[s, k] = (g(s, k) - g("numpy", k)) * 1e3
    if ("minigrad", key) not in over:
        return []
    steps = ", ".join(f"{s} {_fmt(g(s, key) * 1e3)} µs" for s in SYSTEMS if g(s, key) is not None)
    L = [f"- W4 를 점 {points}개로 줄이면 계산은 거의 남지 않고, 한 스텝이 {steps} 입니다 (같은 라운드 방식)."]
    for k, label in ((key, f"점 {points}개"), ("W4", f"점 {run['config']['w4_points']:,}개")):
        parts = [f"{s} {_fmt(over[s, k])} µs" for s in ("minigrad", "torch") if (s, k) in over]
        if parts:
            L.append(f"  - numpy 바닥 위에 얹힌 시간, {label}: " + ", ".join(parts))
    L.append("  - 이 차이가 점 개수와 거의 무관하면, 그것은 계산이 아니라 스텝마다 연산을 기록하고 역전파 "
             "노드를 도는 고정 비용입니다.")
    return L


def render(run, command, quick):
    cfg, results = run["config"], run["results"]
    info = machine_info()
    vers = {}
    for s in SYSTEMS:
        vers.update(results.get(s, {}).get("versions", {}))
    rows = build_rows(run)
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
    L.append(f"- 측정한 시스템: {', '.join(ran)} — 시스템마다 별도 프로세스 하나, 한 번의 실행 "
             "(라운드를 번갈아 측정, 아래 '방법')")
    L.append("- 스레드: `OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=MKL_NUM_THREADS=1` (numpy/torch import 전), "
             "`torch.set_num_threads(1)`")
    L.append("- 모든 시간은 워밍업 뒤 반복 측정의 **중앙값**입니다. 비율 < 1 이면 minigrad 가 더 빠릅니다.")
    L.append("- 시계: " + ("프로세스 CPU 시간 (`time.process_time`, 기본값). 코어 2개를 다른 작업과 나눠 쓰는 "
                         "머신에서는 벽시계 시간이 다른 프로세스에 빼앗긴 시간까지 세므로, CPU 시간을 씁니다 "
                         "(`--clock wall` 로 바꿀 수 있음)."
                         if run["clock"] == "cpu" else "벽시계 시간 (`time.perf_counter`, `--clock wall`)."))
    if run.get("load_start") is not None:
        L.append(f"- 머신 부하 (1분 load average, 실행 시작 → 끝): {_fmt(run['load_start'])} → "
                 f"{_fmt(run.get('load_end'))}. 부하가 코어 수(2)보다 크면 CPU 시간도 캐시 경쟁으로 흔들립니다. "
                 "그 흔들림은 비율 옆 괄호 안 범위(라운드별 비율의 최솟값–최댓값)에 드러납니다.")
    L.append("")
    L.extend(render_method(run))
    L.append("## 결과 (목표 대비)")
    L.append("")
    L.append("| 워크로드 | 단위 | minigrad | numpy (바닥) | torch | 비율 (라운드별 최소–최대) | 비교 | 목표 | 결과 |")
    L.append("|---|---|--:|--:|--:|--:|---|---|---|")
    for name, unit, mg, nf, tt, r, vs, target, met in rows:
        L.append(f"| {name} | {unit} | {_fmt(mg)} | {_fmt(nf)} | {_fmt(tt)} | {_fmt_ratio(r)} | {vs} | {target} | "
                 f"{_met(met)} |")
    L.append("")
    if "torch" not in results:
        L.append("torch 를 측정하지 않았으므로 torch 대비 비율은 비어 있습니다 (minigrad 대 numpy 만 보고).")
        L.append("")
    L.extend(render_context(run))
    L.extend(render_round_ratios(rows))
    L.append("## 세부 수치")
    L.append("")
    L.append("| 항목 | minigrad | numpy | torch |")
    L.append("|---|--:|--:|--:|")
    for label, mg, nf, tt in detail_rows(run):
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
    L.append(f"- **W3** 깊은 사슬: `y = y * 1.0001` 을 {', '.join(f'{n:,}' for n in w3_sizes(cfg))}번, "
             "그다음 역전파. 기본 재귀 한도"
             f" ({_fmt(_get(results, 'minigrad', 'W3', 'recursion_limit'))}) 그대로 성공해야 합니다. 노드당 µs.")
    L.append(f"- **W4** 학습 한 스텝: MLP 2→64→64→1 (tanh), two moons {cfg['w4_points']:,}점 (고정 시드), "
             "`binary_cross_entropy_with_logits`, `optim.SGD` (`zero_grad`, `step`). numpy 바닥은 손으로 쓴 "
             "순전파/역전파 + SGD. minigrad 와 torch 는 글자 그대로 같은 코드를 실행합니다."
             + "".join(f" {_plan_label(k)}: 같은 스텝을 점 {int(k.split('/')[1]):,}개로 (계산이 거의 없어, 연산을 "
                       "기록하고 역전파 노드를 도는 고정 비용을 잽니다)."
                       for k in cfg["plan"] if k.startswith("W4/")))
    L.append("- **W5** 메모리: (1) MLP 그래프의 중간 텐서와 `grad_fn` 노드에 약한 참조(weakref)만 남기고, "
             "`gc.disable()` 상태에서 역전파 후·`loss` 를 버린 뒤 살아 있는지 셉니다 (참조 카운팅만으로 해제되는가). "
             f"(2) 워밍업 뒤 {cfg['w5_steps']:,} 학습 스텝 동안 RSS (`/proc/self/statm`) 증가량.")
    L.append("")
    L.append("벤치마크는 시간을 재는 단위 테스트가 아닙니다. 테스트(`tests/test_benchmarks_smoke.py`)는 "
             "`--quick` 으로 스크립트가 돌아가는지만 확인합니다.")
    L.append("")
    return "\n".join(L)


def print_table(run):
    rows = build_rows(run)
    head = ("workload", "minigrad", "numpy", "torch", "ratio (per-round min-max)", "target", "result")
    table = [head]
    for name, unit, mg, nf, tt, r, vs, target, met in rows:
        table.append((f"{name} [{unit}]", _fmt(mg), _fmt(nf), _fmt(tt),
                      f"{_fmt_ratio(r, times='x', dash='-')} {vs}" if r is not None else "-", target,
                      {None: "-", True: "met", False: "NOT met"}[None if met is None else bool(met)]))
    widths = [max(len(str(r[i])) for r in table) for i in range(len(head))]
    for r in table:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    for s in SYSTEMS:
        for k, v in run["results"].get(s, {}).get("errors", {}).items():
            print(f"error: {s}/{k}: {str(v).splitlines()[0][:300] if str(v) else v}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", "--smoke", action="store_true", dest="quick",
                    help="tiny sizes and repetitions (smoke test; `make bench-smoke` passes --smoke)")
    ap.add_argument("--out", default=None, help="README to (re)generate (default: benchmarks/README.md; "
                                                 "with --quick a file in the temp directory, so a smoke run "
                                                 "never overwrites the committed results)")
    ap.add_argument("--json", default=None, help="raw results, per-round timings included (default: "
                                                  "benchmarks/.last-run.json for a full run, none with --quick)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of numpy,minigrad,torch")
    ap.add_argument("--timeout", type=float, default=1800,
                    help="seconds of work per system process over the whole run; a worker over it is stopped")
    ap.add_argument("--clock", choices=sorted(_CLOCKS), default="cpu",
                    help="cpu: process CPU time (default; robust on a busy machine), wall: perf_counter")
    ap.add_argument("--profile", default=None, help="e.g. W1,W3,W4: cProfile minigrad on these, print, exit")
    ap.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    os.environ["MINIGRAD_BENCH_CLOCK"] = args.clock     # the workers read it at import

    if args.worker:
        worker(args.worker, cfg)
        return 0
    if args.profile:
        names = [w.strip().upper() for w in args.profile.split(",") if w.strip()]
        bad = [n for n in names if n not in TIMED and n != "W5"]
        if bad:
            ap.error(f"unknown workload(s): {bad}")
        profile(cfg, names)
        return 0

    wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
    bad = [s for s in wanted if s not in SYSTEMS]
    if bad:
        ap.error(f"unknown system(s): {bad}")
    run = run_benchmark([s for s in SYSTEMS if s in wanted], cfg, args.quick, args.timeout)

    argv_shown = [a for a in (argv if argv is not None else sys.argv[1:])]
    command = " ".join(["python benchmarks/run.py"] + argv_shown)
    if args.out:
        out = Path(args.out)
    elif args.quick:
        out = Path(tempfile.gettempdir()) / "minigrad-bench-quick-README.md"
    else:
        out = DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(run, command, args.quick), encoding="utf-8")
    json_path = args.json or (None if args.quick else str(DEFAULT_JSON))
    if json_path:
        run["ratios"] = {row[0]: row[5] for row in build_rows(run) if row[5] is not None}
        Path(json_path).write_text(json.dumps(run, indent=1))
    print()
    print_table(run)
    print(f"\n[bench] wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
