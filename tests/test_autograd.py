"""Chapters 02-07: graph recording, backward, accumulation, grad mode, retain_graph (no torch needed).

Expected numbers come from the math (worked by hand in the chapters), not from stored outputs.
"""
import gc
import sys
import warnings
import weakref

import numpy as np
import pytest

import minigrad as torch


def leaf(values, dtype=None):
    return torch.tensor(values, dtype=dtype, requires_grad=True)


# --------------------------------------------------------------------------- chapter 02
def test_grad_fn_names_and_edges():
    x = leaf([1., 2.])
    y = x * 1.2
    assert type(y.grad_fn).__name__ == "MulBackward0"
    (acc, nr), (none, _) = y.grad_fn.next_functions
    assert type(acc).__name__ == "AccumulateGrad" and acc.variable is x and nr == 0 and none is None
    assert (1 - x).grad_fn.name() == "RsubBackward1"
    assert (x ** 2).grad_fn.name() == "PowBackward0"
    assert (x ** x).grad_fn.name() == "PowBackward1"
    assert (2 ** x).grad_fn.name() == "PowBackward2"
    assert x.is_leaf and not y.is_leaf and y.requires_grad


def test_no_recording_without_requires_grad():
    x = torch.ones(2)
    y = x + 3
    assert y.grad_fn is None and not y.requires_grad and y.is_leaf


def test_requires_grad_on_computed_tensor_makes_a_leaf():
    x1 = torch.ones(2, 2) + 3
    x1.requires_grad_(True)
    assert x1.is_leaf and x1.requires_grad and x1.grad_fn is None


def test_requires_grad_rules():
    with pytest.raises(RuntimeError, match="only Tensors of floating point"):
        torch.tensor([1, 2]).requires_grad_()
    y = leaf([1.]) * 2
    with pytest.raises(RuntimeError, match="you can only change requires_grad flags of leaf variables"):
        y.requires_grad = False
    y.requires_grad = True        # allowed, nothing changes


def test_accumulate_grad_node_is_shared_and_weak():
    x = leaf([1.])
    a, b = x * 2, x * 3
    assert a.grad_fn.next_functions[0][0] is b.grad_fn.next_functions[0][0]
    ref = weakref.ref(a.grad_fn.next_functions[0][0])
    del a, b
    assert ref() is None                  # no cycle keeps it alive (freed without gc)


# --------------------------------------------------------------------------- chapter 03
def test_chain_rule_seed_example():
    x = leaf([[1., 1.], [1., 1.]])
    y = x + 2
    z = y * y * 3
    out = z.mean()
    assert out.item() == 27.0
    out.backward()
    assert np.allclose(x.grad.array, 4.5)


def test_partial_derivatives():
    x, y = leaf([1.]), leaf([1.])
    z = 2 * x ** 2 + y ** 2
    z.backward()
    assert x.grad.tolist() == [4.0] and y.grad.tolist() == [2.0]


def test_tensor_used_twice_gets_both_contributions():
    x = leaf(3.)
    (x * x).backward()
    assert x.grad.item() == 6.0


def test_each_node_runs_once_after_all_its_consumers():
    x = leaf(2.)
    a = x * 3
    order = []
    for node in (a.grad_fn,):
        node.register_prehook(lambda g: order.append("a"))
    b, c = a * a, a + 1
    b.grad_fn.register_prehook(lambda g: order.append("b"))
    c.grad_fn.register_prehook(lambda g: order.append("c"))
    (b + c).backward()
    assert order.index("a") > order.index("b") and order.index("a") > order.index("c")
    assert order.count("a") == 1
    assert x.grad.item() == 3 * (2 * 6 + 1)


def test_deep_chain_does_not_recurse():
    assert sys.getrecursionlimit() <= 10_000
    x = leaf(1.)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0


def test_backward_errors():
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar outputs"):
        (leaf([1., 2.]) * 2).backward()
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        (torch.tensor([1.]) ** 2).backward()


# --------------------------------------------------------------------------- chapter 04
def test_vector_jacobian_product_seed_example():
    x = leaf([1., 1., 1.])
    z = x ** 2 * 3
    z.backward(torch.Tensor([0.1, 1, 10]))
    assert np.allclose(x.grad.array, [0.6, 6.0, 60.0])


def test_gradient_shape_is_checked():
    with pytest.raises(RuntimeError, match="Mismatch in shape"):
        (leaf([1., 2., 3.]) * 2).backward(torch.ones(2))


@pytest.mark.parametrize("shape_a,shape_b", [((3,), (2, 3)), ((2, 1), (1, 3)), ((), (2, 2)), ((1, 3), (4, 2, 3))])
def test_broadcast_gradients_are_summed_back(shape_a, shape_b):
    a = torch.ones(shape_a, requires_grad=True)
    b = torch.ones(shape_b, requires_grad=True)
    (a * b).sum().backward()
    assert a.grad.shape == a.shape and b.grad.shape == b.shape
    n_out = np.broadcast_shapes(shape_a, shape_b)
    assert a.grad.array.sum() == np.prod(n_out)


def test_gradient_keeps_the_leaf_dtype():
    x = leaf([1., 2.])
    y = torch.tensor([1., 2.], dtype=torch.float64)
    (x * y).sum().backward()
    assert x.grad.dtype is torch.float32


# --------------------------------------------------------------------------- chapter 05
def test_gradients_accumulate_and_reset():
    x = leaf(1.)
    (x ** 2).backward()
    assert x.grad.item() == 2.0
    (x ** 2).backward()
    assert x.grad.item() == 4.0
    x.grad = torch.tensor(0.)
    (x ** 2).backward()
    assert x.grad.item() == 2.0
    x.grad.zero_()
    assert x.grad.item() == 0.0
    x.grad = None
    assert x.grad is None


def test_grads_of_two_leaves_do_not_share_memory():
    x, y = leaf([1.]), leaf([1.])
    (x + y).sum().backward()
    x.grad.zero_()
    assert y.grad.tolist() == [1.0]


def test_grad_assignment_is_checked():
    x = leaf([1., 2., 3.])
    with pytest.raises(RuntimeError, match="attempting to assign a gradient of size"):
        x.grad = torch.ones(2)
    with pytest.raises(TypeError):
        x.grad = 3


def test_non_leaf_grad_warns_and_retain_grad_keeps_it():
    x = leaf([1., 2.])
    y = x * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert y.grad is None
    assert caught and caught[0].category is UserWarning
    y.retain_grad()
    (y ** 2).sum().backward()
    assert y.grad.tolist() == [4.0, 8.0] and y.retains_grad


# --------------------------------------------------------------------------- chapter 06
def test_no_grad_and_detach():
    x = leaf(1.)
    with torch.no_grad():
        assert not torch.is_grad_enabled()
        y = x ** 2
        with torch.enable_grad():
            assert (x * 2).requires_grad
    assert torch.is_grad_enabled() and not y.requires_grad and x.requires_grad
    d = (x * 2).detach()
    assert not d.requires_grad and d.is_leaf
    z = x.detach()
    z.add_(1)
    assert x.item() == 2.0                     # detach shares memory


def test_no_grad_restores_state_after_exception():
    with pytest.raises(ValueError):
        with torch.no_grad():
            raise ValueError
    assert torch.is_grad_enabled()


def test_no_grad_decorator_and_set_grad_enabled():
    @torch.no_grad()
    def f(t):
        return t * 2
    assert not f(leaf(1.)).requires_grad
    with torch.set_grad_enabled(False):
        assert not (leaf(1.) * 2).requires_grad
    assert torch.is_grad_enabled()


def test_frozen_parameter_gets_no_gradient():
    w_frozen = leaf([1., 2.])
    w_frozen.requires_grad_(False)
    w = leaf([3., 4.])
    (w_frozen * w).sum().backward()
    assert w_frozen.grad is None and w.grad.tolist() == [1., 2.]


# --------------------------------------------------------------------------- chapter 07
def test_backward_twice_raises_and_retain_graph_allows_it():
    x = leaf([1., 2.])
    z = (x * x).sum()
    z.backward(retain_graph=True)
    z.backward()
    assert x.grad.tolist() == [4., 8.]
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        z.backward()


def test_graph_without_saved_tensors_can_backward_twice():
    x = leaf([1., 2.])
    z = (x + 2).sum()
    z.backward()
    z.backward()
    assert x.grad.tolist() == [2., 2.]


def test_saved_tensors_are_freed_without_gc():
    gc.disable()
    try:
        x = leaf([1., 2.])
        h = x * 3
        obj, data = weakref.ref(h), weakref.ref(h.array)
        out = (h * h).sum()
        del h
        assert obj() is not None               # like PyTorch, the graph keeps h for backward
        out.backward()
        assert obj() is None and data() is None   # ... and frees it as soon as backward is done
    finally:
        gc.enable()


def test_inplace_rules():
    w = leaf([1., 2.])
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad is being used in an in-place operation"):
        w -= 1
    with torch.no_grad():
        w -= 1
    assert w.tolist() == [0., 1.] and w._version == 1
    x = leaf([1., 2.])
    a = x.exp()
    a.mul_(2)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        a.sum().backward()


def test_inplace_on_non_leaf_rebases_history():
    x = leaf([1., 2.])
    y = x * 2
    y.add_(1)
    assert y.grad_fn.name() == "AddBackward0"
    (y * y).sum().backward()
    assert x.grad.tolist() == [2 * 2 * 3., 2 * 2 * 5.]


# --------------------------------------------------------------------------- higher order, grad()
def test_second_derivative():
    x = leaf(2.)
    y = x ** 4 - 2 * x ** 2
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (g2,) = torch.autograd.grad(g, x)
    assert g.item() == 4 * 8 - 4 * 2 and g2.item() == 44.0


def test_autograd_grad_does_not_touch_dot_grad():
    x = leaf([1., 2.])
    (g,) = torch.autograd.grad((x * 3).sum(), [x])
    assert g.tolist() == [3., 3.] and x.grad is None
    with pytest.raises(RuntimeError, match="appears to not have been used"):
        torch.autograd.grad((x * 3).sum(), [leaf([1.])])
    (g,) = torch.autograd.grad((x * 3).sum(), [leaf([1.])], allow_unused=True)
    assert g is None


def test_hooks():
    x = leaf([1., 2.])
    y = x * 2
    y.register_hook(lambda g: g * 10)
    seen = []
    x.register_hook(lambda g: seen.append(g.tolist()))
    y.sum().backward()
    assert x.grad.tolist() == [20., 20.] and seen == [[20., 20.]]


def test_custom_function():
    class Exp(torch.autograd.Function):
        @staticmethod
        def forward(ctx, i):
            result = i.exp()
            ctx.save_for_backward(result)
            return result

        @staticmethod
        def backward(ctx, grad_output):
            (result,) = ctx.saved_tensors
            return grad_output * result

    x = leaf([0., 1.])
    y = Exp.apply(x)
    assert type(y.grad_fn).__name__ == "ExpBackward"
    y.sum().backward()
    assert np.allclose(x.grad.array, np.exp([0., 1.]))


def test_custom_function_with_constant_argument():
    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, k):
            ctx.k = k
            return x.array * k

        @staticmethod
        def backward(ctx, g):
            return g * ctx.k, None

    x = leaf([1., 2.])
    y = Scale.apply(x, 3.0)
    assert len(y.grad_fn.next_functions) == 1          # only tensors are graph inputs
    y.sum().backward()
    assert x.grad.tolist() == [3., 3.]


def test_variable_is_a_thin_alias():
    from minigrad.autograd import Variable
    x = Variable(torch.ones(2, 2), requires_grad=True)
    assert isinstance(x, torch.Tensor) and isinstance(x, Variable) and x.requires_grad and x.is_leaf
    assert isinstance(torch.ones(1), Variable)


def test_custom_function_returning_its_input_does_not_hijack_the_leaf():
    class Identity(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g

    x = leaf([1., 2.])
    y = Identity.apply(x)
    assert y is not x and x.is_leaf and y.grad_fn is not None
    (y * 3).sum().backward()
    assert x.grad.tolist() == [3., 3.]


def test_no_numpy_warnings_where_pytorch_prints_none():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        torch.tensor([89., 100.]).exp()
        torch.tensor([-100.]).sigmoid()
        torch.tensor([1., 0.]) / 0
        1 / torch.tensor([0.])
        torch.tensor([0.]).log()
        torch.tensor([-1.]).sqrt()


def test_needs_input_grad_is_known_in_forward_even_under_no_grad():
    seen = []

    class F(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, k):
            seen.append(ctx.needs_input_grad)
            return x.array * k

        @staticmethod
        def backward(ctx, g):
            return g * 2, None

    x = leaf([1., 2.])
    F.apply(x, 2)
    with torch.no_grad():
        F.apply(x, 2)
    assert seen == [(True, False), (True, False)]
