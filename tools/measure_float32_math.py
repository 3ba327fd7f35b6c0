"""How often minigrad's float32 exp, log, sin, tanh ... differ from torch 2.13's (needs torch).

    .venv/bin/python tools/measure_float32_math.py

For each function: the share of 302,000 float32 inputs whose result differs from torch's, for numpy's
own float32 kernel and for minigrad (numerics.rounded: float64, rounded once), and the largest
difference in ulps. The figures are quoted in minigrad/numerics.py.
"""
import numpy as np
import torch

import minigrad

FUNCS = ["exp", "log", "log1p", "sigmoid", "tanh", "sin", "cos"]


def inputs(name):
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.uniform(-10, 10, 200_000), rng.uniform(-1, 1, 100_000),
                        np.linspace(-np.pi, np.pi, 2000)]).astype(np.float32)
    if name == "log":
        return np.abs(x) + np.float32(1e-3)
    if name == "log1p":
        return np.abs(x)
    return x


def numpy_float32(name, x):
    if name == "sigmoid":
        return np.float32(1) / (np.float32(1) + np.exp(-x))
    return getattr(np, name)(x)


def ulps(a, b):
    return np.abs(a.view(np.int32).astype(np.int64) - b.view(np.int32).astype(np.int64))


def main():
    print(f"{'function':9s} {'numpy float32':>14s} {'minigrad':>10s} {'max ulps':>9s}")
    for name in FUNCS:
        x = inputs(name)
        want = getattr(torch, name)(torch.from_numpy(x)).numpy()
        mine = getattr(minigrad, name)(minigrad.tensor(x)).numpy()
        plain = numpy_float32(name, x)
        print(f"{name:9s} {np.mean(plain != want):14.2%} {np.mean(mine != want):10.2%} "
              f"{ulps(mine, want).max():9d}")


if __name__ == "__main__":
    main()
