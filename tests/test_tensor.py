"""Chapter 01: creating tensors, dtypes, printing, conversions (no torch needed)."""
import numpy as np
import pytest

import minigrad as torch


def test_default_dtypes():
    assert torch.tensor([1.5]).dtype is torch.float32
    assert torch.tensor([1, 2]).dtype is torch.int64
    assert torch.tensor([True]).dtype is torch.bool
    assert torch.tensor(np.array([1.5])).dtype is torch.float64      # numpy keeps its dtype
    assert torch.Tensor([1, 2]).dtype is torch.float32
    assert torch.FloatTensor([1, 2]).dtype is torch.float32
    assert isinstance(torch.FloatTensor([1]), torch.Tensor)


@pytest.mark.parametrize("a,b,expected", [
    (torch.tensor([1, 2]), 1.5, torch.float32),
    (torch.tensor([1, 2]), 2, torch.int64),
    (torch.tensor([1., 2.]), 2.5, torch.float32),
    (torch.tensor([1., 2.]), torch.tensor(1., dtype=torch.float64), torch.float32),
    (torch.tensor([1., 2.]), torch.tensor([1., 2.], dtype=torch.float64), torch.float64),
    (torch.tensor([1, 2]), torch.tensor([1., 2.]), torch.float32),
    (torch.tensor([True]), 1, torch.int64),
])
def test_promotion(a, b, expected):
    assert (a * b).dtype is expected
    assert (a + b).dtype is expected


def test_int_division_is_float32():
    assert (torch.tensor([1, 2]) / 2).dtype is torch.float32
    assert (torch.tensor([1, 2]) / torch.tensor([2, 2])).tolist() == [0.5, 1.0]


def test_creation_functions():
    assert torch.ones(2, 3).shape == (2, 3)
    assert torch.zeros((2, 3)).tolist() == [[0.0] * 3] * 2
    assert torch.arange(0, 10).tolist() == list(range(10))
    assert torch.arange(0, 10).dtype is torch.int64
    assert torch.linspace(0, 1, steps=5).tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert torch.eye(2).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert torch.full((2,), 7).dtype is torch.int64


def test_manual_seed_repeats():
    torch.manual_seed(0)
    a = torch.randn(2, 3)
    torch.manual_seed(0)
    b = torch.randn(2, 3)
    assert a.equal(b) and a.dtype is torch.float32
    assert torch.rand(100).array.min() >= 0 and torch.rand(100).array.max() < 1


def test_repr_matches_pytorch_rules():
    assert repr(torch.tensor(5)) == "tensor(5)"
    assert repr(torch.tensor([1., 2.])) == "tensor([1., 2.])"
    assert repr(torch.tensor([5.12e1, 5.12e2, 5.12e-2])) == "tensor([5.1200e+01, 5.1200e+02, 5.1200e-02])"
    assert repr(torch.tensor([-1.5, 2.0])) == "tensor([-1.5000,  2.0000])"
    assert repr(torch.ones(2, dtype=torch.float64)) == "tensor([1., 1.], dtype=torch.float64)"
    assert repr(torch.ones(2, requires_grad=True)) == "tensor([1., 1.], requires_grad=True)"
    assert repr(torch.ones(2, requires_grad=True) * 2) == "tensor([2., 2.], grad_fn=<MulBackward0>)"
    assert repr(torch.ones(2, 1, 2)) == "tensor([[[1., 1.]],\n\n        [[1., 1.]]])"
    assert repr(torch.zeros(0, 3)) == "tensor([], size=(0, 3))"
    assert repr(torch.tensor([True, False])) == "tensor([ True, False])"
    assert repr(torch.ones(2, 3).shape) == "torch.Size([2, 3])"
    assert repr(torch.float32) == "torch.float32"


def test_long_tensors_are_summarized():
    text = repr(torch.arange(2000.))
    assert "..." in text and text.count("\n") == 1


def test_item_numpy_tolist():
    assert torch.tensor([2.5]).item() == 2.5
    x = torch.tensor([1., 2.])
    assert x.numpy() is x.array                        # shares memory, like torch
    assert x.tolist() == [1.0, 2.0]
    with pytest.raises(RuntimeError, match="cannot be converted to Scalar"):
        torch.ones(3).item()
    with pytest.raises(RuntimeError, match="Use tensor.detach"):
        torch.ones(2, requires_grad=True).numpy()


def test_errors_have_a_korean_line():
    with pytest.raises(ValueError) as e:
        torch.tensor([[1, 2], [3]])
    first, korean = str(e.value).split("\n")
    assert first == "expected sequence of length 2 at dim 1 (got 1)"
    assert any("\uac00" <= ch <= "\ud7a3" for ch in korean)


def test_indexing_and_shapes():
    m = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
    assert m[0].tolist() == [1., 2., 3.]
    assert m[:, 1].tolist() == [2., 5.]
    assert m[0, 2].item() == 3.
    assert m[m > 3].tolist() == [4., 5., 6.]
    assert m.T.shape == (3, 2) and m.t().shape == (3, 2)
    assert m.view(3, 2).shape == (3, 2) and m.reshape(-1).shape == (6,)
    assert m.unsqueeze(0).shape == (1, 2, 3) and m.unsqueeze(0).squeeze().shape == (2, 3)
    with pytest.raises(RuntimeError, match="is invalid for input of size 6"):
        m.view(4)
    with pytest.raises(IndexError, match="Dimension out of range"):
        m.sum(dim=2)


def test_comparisons_give_bool_tensors():
    x = torch.tensor([1, 2, 3])
    assert (x > 1).dtype is torch.bool
    assert (x > 1).tolist() == [False, True, True]
    assert (x == 2).any().item() and not (x == 5).all().item()
