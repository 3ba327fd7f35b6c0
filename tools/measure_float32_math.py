"""How often minigrad's float32 exp, log, sin, tanh ... differ from torch 2.13's (needs torch).

    .venv/bin/python tools/measure_float32_math.py

For each function: the share of 302,000 float32 inputs whose result differs from torch's, for numpy's
own float32 kernel (what minigrad uses for tensors of more than numerics.ROUNDED_UP_TO numbers) and
for minigrad on tensors of 1,000 numbers (numerics.rounded: float64, rounded once), and the largest
difference in ulps of each. The figures are quoted in minigrad/numerics.py.
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
    print(f"{'function':9s} {'numpy float32 (max ulps)':>25s} {'minigrad, 1,000 a tensor (max ulps)':>36s}")
    for name in FUNCS:
        x = inputs(name)
        want = getattr(torch, name)(torch.from_numpy(x)).numpy()
        mine = np.concatenate([getattr(minigrad, name)(minigrad.tensor(x[i:i + 1000])).numpy()
                               for i in range(0, len(x), 1000)])
        plain = numpy_float32(name, x)
        print(f"{name:9s} {np.mean(plain != want):17.2%} ({ulps(plain, want).max()})"
              f" {np.mean(mine != want):28.2%} ({ulps(mine, want).max()})")


if __name__ == "__main__":
    main()
