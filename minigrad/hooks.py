"""Hooks and ``retain_grad`` (PyTorch-exact detail around the engine's loop).

Nothing here is needed to compute a gradient. PyTorch lets you watch or change the gradients as
they flow: ``t.register_hook(fn)`` (fn(grad) when t's gradient is computed), ``t.retain_grad()``
(keep a non-leaf's gradient in ``t.grad``), and on a node ``register_prehook`` / ``register_hook``.
All of them live in one `Hooks` object per node, ``node.hooks`` (a leaf keeps its own, which its
AccumulateGrad node reads). The engine looks at ``node.hooks`` once before and once after a node
runs, and only calls in here when there are hooks.
"""
import weakref

import numpy as np

from . import errors, grad_mode, vjp
from .tensor import Tensor


class Hooks:
    """Everything registered on one node, in the order PyTorch runs it."""

    def __init__(self):
        self.tensor = {}          # output nr -> [fn(grad)]: hooks of the result tensor(s)
        self.retained = {}        # output nr -> weakref to a result that called retain_grad()
        self.pre = []             # fn(grad_outputs), before the node runs
        self.post = []            # fn(grad_inputs, grad_outputs), after it ran
        self.zeros = None         # (shape, dtype) per output: fill missing gradients (function_io.py)

    def before(self, node, grad_outputs):
        """Tensor hooks, retain_grad, then pre-hooks: the gradients the node will be called with."""
        for nr, fns in self.tensor.items():
            for fn in list(fns):
                if grad_outputs[nr] is not None:
                    new = fn(grad_outputs[nr])
                    if new is not None:
                        grad_outputs[nr] = _tensor_hook_result(fn, new, grad_outputs[nr])
        for nr, ref in self.retained.items():
            t = ref()
            if t is not None and grad_outputs[nr] is not None:
                accumulate_retained(t, grad_outputs[nr])
        for fn in list(self.pre):
            new = fn(tuple(grad_outputs))
            if new is not None:
                grad_outputs = list(_node_hook_result(fn, new, len(grad_outputs)))
        if self.zeros is not None:                    # a Function with several outputs
            grad_outputs = [Tensor._make(np.zeros(shape, dtype)) if g is None else g
                            for g, (shape, dtype) in zip(grad_outputs, self.zeros)]
        return grad_outputs

    def run(self, node, grad_outputs):
        """The engine's step for a node with hooks: before, the node itself, after."""
        grad_outputs = self.before(node, grad_outputs)
        grad_inputs = vjp.fit_all(node, node(*grad_outputs))
        return self.after(node, grad_inputs, grad_outputs)

    def after(self, node, grad_inputs, grad_outputs):
        """Post-hooks: they may replace the gradients the node computed."""
        for fn in list(self.post):
            new = fn(tuple(grad_inputs), tuple(grad_outputs))
            if new is not None:
                grad_inputs = _node_hook_result(fn, new, len(grad_inputs))
        return grad_inputs


class RemovableHandle:
    """What register_hook returns: ``handle.remove()`` unregisters the hook."""

    def __init__(self, hooks, fn):
        self._hooks, self._fn = hooks, fn

    def remove(self):
        if self._fn in self._hooks:
            self._hooks.remove(self._fn)


def hooks_of(node):
    """The node's Hooks, made on first use. A leaf's AccumulateGrad reads the leaf's."""
    if hasattr(node, "variable"):                    # AccumulateGrad: hooks belong to the leaf
        return _leaf_hooks(node.variable)
    if node.hooks is None:
        node.hooks = Hooks()
    return node.hooks


def _leaf_hooks(leaf):
    if leaf._hooks is None:
        leaf._hooks = Hooks()
    return leaf._hooks


def register_node_hook(node, fn):
    hooks = hooks_of(node).post
    hooks.append(fn)
    return RemovableHandle(hooks, fn)


def register_node_prehook(node, fn):
    hooks = hooks_of(node).pre
    hooks.append(fn)
    return RemovableHandle(hooks, fn)


def register_hook(self, hook):
    """``t.register_hook(fn)``: fn(grad) runs when t's gradient is computed; it may return a
    replacement."""
    if not self.requires_grad:
        raise errors.hook_without_grad()
    if self.grad_fn is None:
        fns = _leaf_hooks(self).tensor.setdefault(0, [])
    else:
        fns = hooks_of(self.grad_fn).tensor.setdefault(self.output_nr, [])
    fns.append(hook)
    return RemovableHandle(fns, hook)


def retain_grad(self):
    """Keep this non-leaf tensor's gradient in ``.grad`` during backward."""
    if not self.requires_grad:
        raise errors.retain_grad_without_grad()
    if self.grad_fn is not None:                     # a leaf keeps its gradient anyway
        hooks_of(self.grad_fn).retained[self.output_nr] = weakref.ref(self)


def retains_grad(self):
    node = self.grad_fn
    return bool(node is not None and node.hooks is not None and self.output_nr in node.hooks.retained)


def accumulate_retained(t, grad):
    """Add `grad` into a non-leaf's ``.grad`` (retain_grad, backward(inputs=...))."""
    if t._grad is None:
        t._grad = grad if grad_mode.is_grad_enabled() else Tensor._make(grad.array.copy())
    else:
        t._grad = t._grad + grad


def _tensor_hook_result(hook, new, old):
    """A tensor hook may replace the gradient, but not by something of another size or dtype."""
    if isinstance(new, Tensor) and new.array.shape == old.array.shape and new.array.dtype == old.array.dtype:
        return new
    raise errors.tensor_hook_result(hook, new, old, Tensor)


def _node_hook_result(hook, new, expected):
    """A node hook may replace the gradients, but must return as many as it was given."""
    new = tuple(new)
    if len(new) != expected:
        raise errors.node_hook_result(hook, len(new), expected)
    return new


Tensor.register_hook = register_hook
Tensor.retain_grad = retain_grad
Tensor.retains_grad = property(retains_grad)
