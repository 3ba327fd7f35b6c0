"""Views: tensors that share their base's memory (PyTorch-exact detail of in-place operations).

``y.view(3)``, ``y[0]``, ``y[1:]``, ``y.t()``, ``y.transpose(0, 1)``, ``y.permute(...)``,
``y.squeeze()``, ``y.unsqueeze(0)``, ``y.expand(...)`` and ``reshape`` without a copy give a *view*:
numpy shares the memory, and, as in PyTorch, the view also shares its base's version counter
(``v._base`` is the base). So a saved tensor changed through a view is caught by backward.

When an in-place operation writes through a view (or into a base that has views) while the graph
is recorded, PyTorch rewrites the histories, and so does `rewrite`:

- the base's grad_fn becomes ``CopySlices``: the in-place operation's node applied to the view's
  region of the base's gradient, the rest of the gradient passed on as it is;
- each view's grad_fn becomes ``AsStridedBackward0``: its region of the base's new history.

A view's region is found from the memory layout (`region`): for every element of the view, its
position in the base.
"""
import weakref

import numpy as np

from . import errors, function, grad_mode
from .function import Function
from .tensor import Tensor

Tensor._base = None                # the tensor whose memory a view shares (None: not a view)
Tensor._views = None               # a base's views made while recording, {id: view} held weakly


def _is_view(self):
    return self._base is not None


Tensor._is_view = _is_view


def share(view, base):
    """`view`, just made from `base` by a view operation, shares the memory's version counter."""
    root = base if base._base is None else base._base
    view._base, view._version_counter = root, root._version_counter
    return _registered(view, root) if grad_mode.is_grad_enabled() else view


def _registered(view, root):
    """A view made while recording: kept (weakly) on its base, for `rewrite`."""
    if root._views is None:
        root._views = weakref.WeakValueDictionary()       # (a tensor's == is elementwise: keys are ids)
    root._views[id(view)] = view
    return view


def check(t):
    """PyTorch's errors for an in-place operation on a view (called before it writes)."""
    root = t._base
    if root is None or not grad_mode.is_grad_enabled():
        return
    made_while_recording = root._views is not None and root._views.get(id(t)) is t
    if not made_while_recording and root.requires_grad:
        raise errors.view_made_without_grad()
    if root.grad_fn is None and root.requires_grad:
        raise errors.leaf_inplace(view=True)


def has_views(t):
    return t._base is not None or bool(t._views)


def rewrite(t, result):
    """`t` (a view, or a base with views) now holds `result`, computed by a recorded in-place op."""
    root = t if t._base is None else t._base
    fn = result.grad_fn
    if t is not root:                                  # written through a view: CopySlices
        node = CopySlices.Node()
        others = fn.next_functions[1:]                 # the op's other tensor inputs
        node.needs_input_grad = (root.requires_grad,) + tuple([e[0] is not None for e in others])
        node.fn, node.region, node.view_shape = fn, region(t, root), t.array.shape
        function.record(node, (root,), root)           # edge to the base's old history
        node.next_functions += others                  # and to the op's other inputs
        root.output_nr = 0
    else:
        root.grad_fn, root.output_nr, root._requires_grad = fn, result.output_nr, True
    for view in list((root._views or {}).values()):
        as_strided(view, root)


def as_strided(view, root):
    """The view's new grad_fn: its region of the base's (new) history."""
    node = AsStrided.Node()
    node.needs_input_grad = (True,)
    node.region, node.base_shape = region(view, root), root.array.shape
    function.record(node, (root,), view)
    view.output_nr = 0


def region(view, base):
    """For each element of `view` (in row-major order), the flat row-major index of the element
    of `base` at the same memory address."""
    start = view.array.__array_interface__["data"][0] - base.array.__array_interface__["data"][0]
    in_base = _addresses(base.array).ravel()
    order = np.argsort(in_base, kind="stable")
    wanted = (_addresses(view.array) + start).ravel()
    return order[np.searchsorted(in_base[order], wanted)]


def _addresses(a):
    """Each element's byte offset from the array's first element."""
    offsets = np.zeros(a.shape, dtype=np.int64)
    for d, (n, step) in enumerate(zip(a.shape, a.strides)):
        shape = [1] * a.ndim
        shape[d] = n
        offsets = offsets + (np.arange(n, dtype=np.int64) * step).reshape(shape)
    return offsets


class CopySlices(Function):
    """The base's node after an in-place op through a view (PyTorch's ``CopySlices``)."""
    node_name = "CopySlices"

    @staticmethod
    def backward(ctx, grad):
        _first_order_only(ctx)
        g = grad.array.copy()
        flat = g.reshape(-1)
        grads = ctx.fn(Tensor._make(flat[ctx.region].reshape(ctx.view_shape)))
        flat[ctx.region] = 0 if grads[0] is None else grads[0].array.reshape(-1)
        return (Tensor._make(g),) + tuple(grads[1:])


class AsStrided(Function):
    """A view's node after its base changed in place: its gradient goes to its region of the base."""
    node_name = "AsStridedBackward0"

    @staticmethod
    def backward(ctx, grad):
        _first_order_only(ctx)
        g = np.zeros(ctx.base_shape, dtype=grad.array.dtype)
        np.add.at(g.reshape(-1), ctx.region, grad.array.reshape(-1))
        return Tensor._make(g)


def _first_order_only(node):
    """These two nodes compute with numpy: under create_graph their gradient would have no graph, and
    a second derivative through them would be silently wrong. minigrad refuses instead."""
    if grad_mode.is_grad_enabled():
        raise errors.error(NotImplementedError,
                           f"minigrad cannot differentiate {node.name()} twice (create_graph=True after "
                           "an in-place operation on a view)",
                           "뷰를 통한 제자리 연산이 있는 그래프는 create_graph=True 로 두 번 미분할 수 없습니다. "
                           "제자리 연산 대신 새 텐서를 만드세요 (y = y * 2).")
