"""Views without torch: the version counter is shared, gradients through in-place ops on views are
right (checked against the same computation written without in-place ops), and what minigrad cannot
do it refuses (a second derivative through CopySlices)."""
import numpy as np
import pytest

import minigrad as torch


def test_view_shares_the_version_counter_and_remembers_its_base():
    y = torch.ones(2, 3) * 1
    for v in (y[0], y[:, 1], y.t(), y.view(6), y.unsqueeze(0), y[None, 1:]):
        assert v._base is y and v._is_view()
        before = y._version
        v.add_(1)
        assert y._version == v._version == before + 1
    assert not y._is_view() and not y.detach()._is_view()


@pytest.mark.parametrize("write", [
    lambda y: y[1:].mul_(3),
    lambda y: y.t()[0].add_(y.t()[1] * 2),
    lambda y: y.view(6)[::2].mul_(-1),
    lambda y: y.__setitem__((0, slice(None)), 5.0),
])
def test_gradient_through_a_view_write_equals_the_out_of_place_computation(write):
    w = torch.tensor(np.arange(1.0, 7.0).reshape(2, 3), requires_grad=True)
    y = w * 1
    write(y)
    (y * y).sum().backward()
    # the same function of w, written without in-place ops: d/dw sum(f(w)²) = 2 f(w) f'(w)
    eps, num = 1e-6, np.zeros((2, 3))
    for i in range(2):
        for j in range(3):
            d = np.zeros((2, 3)); d[i, j] = eps
            plus = (torch.tensor(w.detach().numpy() + d) * 1); write(plus)
            minus = (torch.tensor(w.detach().numpy() - d) * 1); write(minus)
            num[i, j] = ((plus * plus).sum().item() - (minus * minus).sum().item()) / (2 * eps)
    assert np.allclose(w.grad.numpy(), num, atol=1e-4), (w.grad, num)


def test_a_second_derivative_through_copyslices_is_refused():
    x = torch.ones(3, requires_grad=True)
    y = x * 1
    y[1:].mul_(2)
    assert torch.autograd.grad(y.sum(), x)[0].tolist() == [1.0, 2.0, 2.0]
    y = x * 1
    y[1:].mul_(2)
    with pytest.raises(NotImplementedError, match="CopySlices"):
        torch.autograd.grad(y.sum(), x, create_graph=True)
