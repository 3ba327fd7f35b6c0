"""Property-based differential tests: random shapes, broadcasts and op chains, minigrad vs PyTorch.

Values and gradients must agree (float32 tolerance); skipped when torch is not installed.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.parity

UNARY = ["exp_small", "tanh", "sigmoid", "relu", "square", "neg", "abs", "sum_keep", "mean_last"]
BINARY = ["add", "sub", "mul", "div", "rsub", "radd"]


def apply(lib, op, y, b):
    if op == "exp_small":
        return (y * 0.1).exp()
    if op == "tanh":
        return y.tanh()
    if op == "sigmoid":
        return y.sigmoid()
    if op == "relu":
        return y.relu()
    if op == "square":
        return y ** 2
    if op == "neg":
        return -y
    if op == "abs":
        return y.abs()
    if op == "sum_keep":
        return y.sum(dim=-1, keepdim=True) if y.dim() else y
    if op == "mean_last":
        return y.mean(dim=-1, keepdim=True) if y.dim() else y
    if op == "add":
        return y + b
    if op == "sub":
        return y - b
    if op == "mul":
        return y * b
    if op == "div":
        return y / (b.abs() + 1)
    if op == "rsub":
        return 1.5 - y
    if op == "radd":
        return 2 + y
    raise ValueError(op)


shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)


@st.composite
def case(draw):
    shape = draw(shapes)
    other = tuple(1 if draw(st.booleans()) else s for s in shape)
    other = other[draw(st.integers(0, len(other))):]
    ops = draw(st.lists(st.sampled_from(UNARY + BINARY), min_size=1, max_size=6))
    seed = draw(st.integers(0, 2**16))
    return shape, other, ops, seed


def run(lib, shape, other, ops, seed):
    rng = np.random.default_rng(seed)
    a0 = rng.uniform(-2, 2, shape).astype(np.float32)
    b0 = rng.uniform(-2, 2, other).astype(np.float32)
    a = lib.tensor(a0.tolist(), requires_grad=True)
    b = lib.tensor(b0.tolist(), requires_grad=True)
    y = a
    for op in ops:
        y = apply(lib, op, y, b)
    names = []
    node = y.grad_fn
    while node is not None:                    # first-input chain of node names
        names.append(node.name())
        node = node.next_functions[0][0] if node.next_functions else None
    y.sum().backward()
    grads = [None if t.grad is None else np.array(t.grad.tolist()) for t in (a, b)]
    return np.array(y.tolist()), grads, names, str(y.dtype), tuple(y.shape)


@settings(max_examples=60, deadline=None)
@given(case())
def test_random_chains_match_torch(c):
    mine = run(minigrad, *c)
    theirs = run(torch, *c)
    np.testing.assert_allclose(mine[0], theirs[0], rtol=1e-5, atol=1e-6)
    for g1, g2 in zip(mine[1], theirs[1]):
        assert (g1 is None) == (g2 is None)
        if g1 is not None:
            np.testing.assert_allclose(g1, g2, rtol=1e-4, atol=1e-5)
    assert mine[2] == theirs[2] and mine[3] == theirs[3] and mine[4] == theirs[4]
