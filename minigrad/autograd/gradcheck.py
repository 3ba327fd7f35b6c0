"""Checking backward against finite differences (chapters 03 and 09).

For every input element, nudge it by ±eps and see how the outputs move: the central difference
(f(x+eps) - f(x-eps)) / 2eps approximates one column of the Jacobian. Backward gives the same
Jacobian one row at a time (a vector-Jacobian product per output element). They must agree.
"""
import warnings

import numpy as np

from ..engine import grad
from ..tensor import Tensor


class GradcheckError(RuntimeError):
    pass


def _as_tuple(x):
    return x if isinstance(x, tuple) else (x,)


def _numerical_jacobian(func, inputs, i, eps):
    x = inputs[i]
    outputs = _as_tuple(func(*inputs))
    columns = [np.zeros((x.array.size, o.array.size)) for o in outputs]
    flat = x.array.reshape(-1)          # a view: nudging it nudges the input
    for k in range(flat.size):
        original = flat[k].item()
        flat[k] = original + eps
        plus = [o.array.astype(np.float64).reshape(-1) for o in _as_tuple(func(*inputs))]
        flat[k] = original - eps
        minus = [o.array.astype(np.float64).reshape(-1) for o in _as_tuple(func(*inputs))]
        flat[k] = original
        for col, p, m in zip(columns, plus, minus):
            col[k] = (p - m) / (2 * eps)
    return columns


def _analytical_jacobian(func, inputs, diff_inputs):
    outputs = _as_tuple(func(*inputs))
    jacobians = [[np.zeros((x.array.size, o.array.size)) for o in outputs] for x in diff_inputs]
    for j, out in enumerate(outputs):
        if not out.requires_grad:
            continue
        for k in range(out.array.size):
            v = np.zeros(out.array.size, dtype=out.array.dtype)
            v[k] = 1
            grads = grad(out, diff_inputs, Tensor._make(v.reshape(out.array.shape)),
                         retain_graph=True, allow_unused=True)
            for n, g in enumerate(grads):
                if g is not None:
                    jacobians[n][j][:, k] = g.array.reshape(-1)
    return jacobians


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **_ignored):
    """True if backward of `func` matches finite differences at `inputs` (use float64 inputs)."""
    inputs = _as_tuple(inputs)
    diff = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    for i in diff:
        if inputs[i].array.dtype != np.float64:
            warnings.warn(f"Input #{i} requires gradient and is not a double precision floating point. "
                          "This check will likely fail if all the inputs are not of double precision "
                          "floating point. ", UserWarning, stacklevel=2)
    analytical = _analytical_jacobian(func, inputs, [inputs[i] for i in diff])
    for n, i in enumerate(diff):
        numerical = _numerical_jacobian(func, inputs, i, eps)
        for j, (num, ana) in enumerate(zip(numerical, analytical[n])):
            if not np.allclose(num, ana, rtol=rtol, atol=atol):
                if raise_exception:
                    raise GradcheckError(
                        f"Jacobian mismatch for output {j} with respect to input {i},\n"
                        f"numerical:{num}\nanalytical:{ana}\n"
                        "💡 backward 가 계산한 야코비안이 수치 미분과 다릅니다. backward 공식을 확인하세요.")
                return False
    return True


def gradgradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True):
    """gradcheck of the gradient itself (second derivatives, through create_graph=True)."""
    inputs = _as_tuple(inputs)
    diff = [x for x in inputs if isinstance(x, Tensor) and x.requires_grad]

    def first_grads(*xs):
        outs = _as_tuple(func(*xs))
        total = outs[0].sum() if len(outs) == 1 else sum(o.sum() for o in outs)
        return grad(total, [x for x in xs if isinstance(x, Tensor) and x.requires_grad], create_graph=True)

    return gradcheck(first_grads, inputs, eps=eps, atol=atol, rtol=rtol, raise_exception=raise_exception) \
        if diff else True
