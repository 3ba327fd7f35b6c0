"""Every differentiable op against finite differences (float64), plus property tests (hypothesis)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as torch
from minigrad.autograd import gradcheck, gradgradcheck
import minigrad.nn.functional as F


def rand(*shape, positive=False):
    rng = np.random.default_rng(abs(hash(shape)) % 2**32)
    a = rng.uniform(0.5, 2.0, shape) if positive else rng.uniform(-2.0, 2.0, shape)
    return torch.tensor(a, requires_grad=True)           # numpy float64 stays float64


UNARY = {
    "neg": lambda x: -x, "exp": lambda x: x.exp(), "sigmoid": lambda x: x.sigmoid(), "tanh": lambda x: x.tanh(),
    "relu": lambda x: (x + 0.1).relu(), "sin": lambda x: x.sin(), "cos": lambda x: x.cos(),
    "abs": lambda x: (x + 0.1).abs(), "pow2": lambda x: x ** 2, "pow3": lambda x: x ** 3, "rpow": lambda x: 2 ** x,
    "sum": lambda x: x.sum(), "sum_dim": lambda x: x.sum(1), "sum_keepdim": lambda x: x.sum(0, keepdim=True),
    "mean": lambda x: x.mean(), "mean_dim": lambda x: x.mean(-1), "max": lambda x: x.max(),
    "max_dim": lambda x: x.max(1).values, "min_dim": lambda x: x.min(0)[0],
    "norm": lambda x: x.norm(), "t": lambda x: x.t(), "T": lambda x: x.T, "view": lambda x: x.view(-1),
    "reshape_T": lambda x: x.T.reshape(-1), "permute": lambda x: x.permute(1, 0), "transpose": lambda x: x.transpose(0, 1),
    "unsqueeze": lambda x: x.unsqueeze(1), "squeeze": lambda x: x.unsqueeze(0).squeeze(0), "expand": lambda x: x[:1].expand(3, 3),
    "repeat": lambda x: x.repeat(2, 1, 3),
    "select": lambda x: x[1], "slice": lambda x: x[1:, ::2], "index": lambda x: x[[0, 0, 2]], "mask": lambda x: x[x > 0],
    "clone": lambda x: x.clone(), "clamp": lambda x: x.clamp(-1, 1), "reciprocal": lambda x: 1 / (x.abs() + 1),
    "cat": lambda x: torch.cat([x, x * 2], dim=1), "stack": lambda x: torch.stack([x, x], dim=0),
    "where": lambda x: torch.where(x > 0, x, x * 3),
    "softmax": lambda x: x.softmax(1), "softmax0": lambda x: F.softmax(x, dim=0),
    "log_softmax": lambda x: x.log_softmax(-1), "log_softmax0": lambda x: F.log_softmax(x, 0),
    "gather": lambda x: x.gather(1, torch.tensor([[0, 0], [2, 1], [1, 1]])),
    "scatter_value": lambda x: x.scatter(1, torch.tensor([[0], [2], [1]]), 0.5),
    "scatter_src": lambda x: torch.ones(3, 4, dtype=torch.float64).scatter(1, torch.tensor([[0, 3], [2, 1], [1, 0]]), x),
    "scatter_self": lambda x: x.scatter(0, torch.tensor([[0, 1, 2]]), x[:1] * 2),
    "nll_loss": lambda x: F.nll_loss(x, torch.tensor([0, 2, 1])),
    "nll_loss_weight": lambda x: F.nll_loss(x, torch.tensor([0, 2, 2]), weight=torch.tensor([1., 2., 3.],
                                                                                     dtype=torch.float64)),
    "cross_entropy": lambda x: F.cross_entropy(x, torch.tensor([0, 2, 1])),
    "cross_entropy_sum": lambda x: F.cross_entropy(x, torch.tensor([0, 2, 1]), reduction="sum"),
    "cross_entropy_none": lambda x: F.cross_entropy(x, torch.tensor([0, 2, 1]), reduction="none"),
    "cross_entropy_probs": lambda x: F.cross_entropy(x, torch.tensor([[0.2, 0.3, 0.5]] * 3, dtype=torch.float64)),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_gradcheck(name):
    assert gradcheck(UNARY[name], (rand(3, 3),))


POSITIVE = {"log": lambda x: x.log(), "log1p": lambda x: x.log1p(), "sqrt": lambda x: x.sqrt(), "pow_frac": lambda x: x ** 0.5}


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_positive_unary_gradcheck(name):
    assert gradcheck(POSITIVE[name], (rand(2, 3, positive=True),))


@pytest.mark.parametrize("shape_a,shape_b", [((3,), (3,)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((), (2, 2)),
                                             ((4, 1, 3), (2, 1))])
@pytest.mark.parametrize("op", ["add", "sub", "mul", "div", "pow"])
def test_binary_gradcheck_with_broadcasting(op, shape_a, shape_b):
    positive = op in ("div", "pow")
    a, b = rand(*shape_a, positive=positive), rand(*shape_b, positive=positive)
    f = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
         "div": lambda a, b: a / b, "pow": lambda a, b: a ** b}[op]
    assert gradcheck(f, (a, b))


@pytest.mark.parametrize("shape_a,shape_b", [((2, 3), (3, 4)), ((2, 3), (3,)), ((3,), (3, 4)), ((3,), (3,)),
                                             ((2, 2, 3), (3, 4))])
def test_matmul_gradcheck(shape_a, shape_b):
    assert gradcheck(lambda a, b: a @ b, (rand(*shape_a), rand(*shape_b)))


def test_losses_gradcheck():
    x, y = rand(4), torch.tensor(np.array([0., 1., 1., 0.]), requires_grad=True)
    assert gradcheck(lambda x, y: F.binary_cross_entropy_with_logits(x, y), (x, y))
    pw = torch.tensor(np.array([2., 2., 2., 2.]))
    assert gradcheck(lambda x, y: F.binary_cross_entropy_with_logits(x, y, pos_weight=pw), (x, y))
    p = torch.tensor(np.array([0.2, 0.7, 0.9, 0.4]), requires_grad=True)
    # a target is a probability: gradcheck moves it by eps, so keep it inside (0, 1), as PyTorch requires
    q = torch.tensor(np.array([0.1, 0.8, 0.6, 0.3]), requires_grad=True)
    assert gradcheck(lambda p, q: F.binary_cross_entropy(p, q), (p, q))
    assert gradcheck(lambda x, y: F.mse_loss(x, y), (x, y))
    assert gradcheck(lambda x, y: F.mse_loss(x, y, reduction="sum"), (x, y))


def test_second_derivatives_gradgradcheck():
    for f in (lambda x: (x ** 3).sum(), lambda x: x.sigmoid().sum(), lambda x: (x.tanh() * x).sum(),
              lambda x: x.exp().mean(), lambda x: (x @ x.T).sum(), lambda x: (x.repeat(1, 2, 1) ** 2).sum()):
        assert gradgradcheck(f, (rand(2, 2),))


def test_gradcheck_catches_a_wrong_backward():
    class BadSquare(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x.array ** 2

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * x                       # should be 2x
    with pytest.raises(torch.autograd.GradcheckError, match="Jacobian mismatch"):
        gradcheck(BadSquare.apply, (rand(3),))
    assert gradcheck(BadSquare.apply, (rand(3),), raise_exception=False) is False


shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)


@st.composite
def broadcastable_pair(draw):
    shape = draw(shapes)
    other = tuple(1 if draw(st.booleans()) else s for s in shape)
    cut = draw(st.integers(0, len(other)))
    return shape, other[cut:]


@settings(max_examples=40, deadline=None)
@given(broadcastable_pair(), st.lists(st.sampled_from(["add", "mul", "sub", "tanh", "sigmoid", "exp_small"]),
                                      min_size=1, max_size=4))
def test_random_op_chains_match_finite_differences(pair, chain):
    shape_a, shape_b = pair
    a, b = rand(*shape_a), rand(*shape_b)

    def f(a, b):
        y = a
        for op in chain:
            y = {"add": lambda y: y + b, "mul": lambda y: y * b, "sub": lambda y: b - y, "tanh": lambda y: y.tanh(),
                 "sigmoid": lambda y: y.sigmoid(), "exp_small": lambda y: (y * 0.1).exp()}[op](y)
        return y
    assert gradcheck(f, (a, b))


# --- backward formulas that are ops of their own, and backward formulas differentiated again ------
def leaf(low, high, shape, seed):
    return torch.tensor(np.random.default_rng(seed).uniform(low, high, shape), requires_grad=True)


from minigrad.nn.functional import BinaryCrossEntropyBackward, MseLossBackward  # noqa: E402
from minigrad.ops import (AddScalar, DivScalar, MulScalar, SigmoidBackward, Sgn, SubScalar,  # noqa: E402
                          TanhBackward, ThresholdBackward)
from minigrad.ops.pointwise import MaskedFill  # noqa: E402

BACKWARD_OPS = {   # name: (function, its inputs); each is checked to the second derivative
    "tanh_backward": (TanhBackward.apply, lambda: (leaf(-2, 2, (3, 3), 1), leaf(-0.9, 0.9, (3, 3), 2))),
    "sigmoid_backward": (SigmoidBackward.apply, lambda: (leaf(-2, 2, (3, 3), 3), leaf(0.1, 0.9, (3, 3), 4))),
    "threshold_backward": (lambda g, a: ThresholdBackward.apply(g, a, 0.0),
                           lambda: (leaf(-2, 2, (3, 3), 5), leaf(0.5, 2, (3, 3), 6) * torch.tensor([1., -1., 1.]))),
    "mse_loss_backward_mean": (lambda go, x, t: MseLossBackward.apply(go, x, t, "mean"),
                               lambda: (leaf(0.5, 2, (), 7), leaf(-2, 2, (2, 3), 8), leaf(-2, 2, (2, 3), 9))),
    "mse_loss_backward_none": (lambda go, x, t: MseLossBackward.apply(go, x, t, "none"),
                               lambda: (leaf(-2, 2, (2, 3), 10), leaf(-2, 2, (2, 3), 11), leaf(-2, 2, (2, 3), 12))),
    "bce_backward_mean": (lambda go, p, t: BinaryCrossEntropyBackward.apply(go, p, t, None, "mean"),
                          lambda: (leaf(0.5, 2, (), 13), leaf(0.2, 0.8, (2, 3), 14), leaf(0, 1, (2, 3), 15))),
    "bce_backward_weight_sum": (lambda go, p, t: BinaryCrossEntropyBackward.apply(
                                    go, p, t, torch.tensor(np.array([1., 2., 0.5])), "sum"),
                                lambda: (leaf(0.5, 2, (), 16), leaf(0.2, 0.8, (2, 3), 17), leaf(0, 1, (2, 3), 18))),
    "mul_scalar": (lambda x: MulScalar.apply(x, 2.5), lambda: (leaf(-2, 2, (3,), 19),)),
    "div_scalar": (lambda x: DivScalar.apply(x, 4), lambda: (leaf(-2, 2, (3,), 20),)),
    "add_scalar": (lambda x: AddScalar.apply(x, 1) * x, lambda: (leaf(-2, 2, (3,), 21),)),
    "sub_scalar": (lambda x: SubScalar.apply(x, 1) * x, lambda: (leaf(-2, 2, (3,), 22),)),
    "sgn": (lambda x: Sgn.apply(x) * x * x, lambda: (leaf(0.5, 2, (3,), 23) * torch.tensor([1., -1., 1.]),)),
    "masked_fill": (lambda x: MaskedFill.apply(x, torch.tensor([True, False, True]), 2.0) * x,
                    lambda: (leaf(-2, 2, (3,), 24),)),
}


@pytest.mark.parametrize("name", sorted(BACKWARD_OPS))
def test_backward_ops_gradcheck_and_gradgradcheck(name):
    f, inputs = BACKWARD_OPS[name]
    assert gradcheck(f, inputs())
    assert gradgradcheck(f, inputs())


SECOND_DERIVATIVES = {   # name: (function, its inputs); backward formulas written with recorded ops
    "pow_tensor_tensor": (lambda a, b: (a * a) ** b, lambda: (leaf(0.5, 2, (2, 3), 30), leaf(-2, 2, (2, 3), 31))),
    "pow_tensor_constant": (lambda a: a ** torch.tensor(np.array([0., 1.5, -1.])), lambda: (leaf(0.5, 2, (2, 3), 32),)),
    "pow_scalar_half": (lambda a: a ** 0.5, lambda: (leaf(0.5, 2, (2, 3), 33),)),
    "rpow": (lambda a: 3 ** a, lambda: (leaf(-2, 2, (2, 3), 34),)),
    "div": (lambda a, b: a / b, lambda: (leaf(-2, 2, (2, 3), 35), leaf(0.5, 2, (2, 3), 36))),
    "reciprocal": (lambda a: (a * a + 1).reciprocal(), lambda: (leaf(-2, 2, (2, 3), 37),)),
    "cos_sqrt_log1p": (lambda a: a.cos() * a.sqrt() + a.log1p(), lambda: (leaf(0.5, 2, (2, 3), 38),)),
    "abs": (lambda a: a.abs() * a, lambda: (leaf(0.5, 2, (2, 3), 39) * torch.tensor([1., -1., 1.]),)),
    "tanh_sigmoid_relu": (lambda a: a.tanh() * a.sigmoid() + a.relu() * a,
                          lambda: (leaf(0.5, 2, (2, 3), 40) * torch.tensor([1., -1., 1.]),)),
    "where": (lambda a, b: torch.where(a > 0, a * b, b * b),
              lambda: (leaf(-2, 2, (2, 3), 41), leaf(-2, 2, (2, 3), 42))),
    "select_slice_index": (lambda a: a[1] * a[:, 1:].sum() + (a[[0, 0, 1]] ** 2).sum(),
                           lambda: (leaf(-2, 2, (2, 3), 51),)),
    "norm": (lambda a: a.norm() + a.norm(dim=1).sum() * a.norm(dim=0, keepdim=True),
             lambda: (leaf(-2, 2, (2, 3), 52),)),
    "mean_sum_dims_squeeze": (lambda a: ((a * a).mean(1) * (a * a).sum((0, 1))).sum() + a.unsqueeze(0).squeeze() ** 3,
                              lambda: (leaf(-2, 2, (2, 3), 53),)),
    "clamp": (lambda a: a.clamp(-1, 1) * a, lambda: (leaf(-2, 2, (2, 3), 54),)),
    "mse_loss": (lambda x, t: F.mse_loss(x * x, t), lambda: (leaf(-2, 2, (2, 3), 43), leaf(-2, 2, (2, 3), 44))),
    "bce": (lambda x, t: F.binary_cross_entropy(x.sigmoid(), t, reduction="sum"),
            lambda: (leaf(-2, 2, (2, 3), 45), leaf(0.1, 0.9, (2, 3), 46))),
    "bce_with_logits": (lambda x, t: F.binary_cross_entropy_with_logits(x, t),
                        lambda: (leaf(-2, 2, (2, 3), 47), leaf(0, 1, (2, 3), 48))),
    "bce_with_logits_weights": (lambda x, t: F.binary_cross_entropy_with_logits(
                                    x, t, weight=torch.tensor(np.array([1., 2., 0.5])),
                                    pos_weight=torch.tensor(np.array([2., 1., 0.5]))),
                                lambda: (leaf(-2, 2, (2, 3), 49), leaf(0, 1, (2, 3), 50))),
}


@pytest.mark.parametrize("name", sorted(SECOND_DERIVATIVES))
def test_second_derivatives_of_rewritten_backward_formulas(name):
    f, inputs = SECOND_DERIVATIVES[name]
    assert gradgradcheck(f, inputs())
