"""Watch backward happen: hooks on every node record the engine's order."""

from __future__ import annotations

import sys

from .graph import (
    _Builder, _collect_names, _compact, _numpy, local_derivatives, walk,
)

__all__ = ["backward_steps"]


class _StepRecord:
    """What the hooks saw: ``step_of[k]`` (1, 2, ...), the gradient arriving at each
    node (``arriving[k]``) and the gradient sent along each edge
    (``edge_grads[(k, position)]``)."""

    def __init__(self):
        self.step_of, self.arriving, self.edge_grads = {}, {}, {}
        self.current = None  # the highlighted step (frames) or None
        self.factors = None

    def upto(self, k):
        """A copy showing only what had happened when step ``k`` ran."""
        r = _StepRecord()
        r.step_of = {n: s for n, s in self.step_of.items() if s <= k}
        r.arriving = {n: a for n, a in self.arriving.items() if n in r.step_of}
        r.edge_grads = {e: v for e, v in self.edge_grads.items() if e[0] in r.step_of}
        r.current, r.factors = k, self.factors
        return r


def backward_steps(tensor, gradient=None, *, retain_graph=None, frames=False,
                   values=True, derivatives=False, max_nodes=60, title=None,
                   names=None):
    """``tensor.backward(gradient)`` 를 실행하면서 엔진이 노드를 방문하는 순서를 기록해 그립니다.

    그래프의 모든 노드에 ``register_prehook`` (받은 기울기) 과 ``register_hook``
    (입력 쪽으로 보내는 기울기) 을 걸고 backward 를 한 번 실행한 뒤 훅을 지웁니다.

    - ``frames=False``: 그림 하나. 노드마다 "k단계" 와 받은 기울기, 간선마다 흐른 기울기.
    - ``frames=True``: 그림의 리스트. k 번째 그림은 k단계까지 진행된 모습 (k단계 강조).
    - ``derivatives=True``: backward 전에 각 간선의 국소 도함수도 계산해 함께 적습니다.

    This really runs backward (leaves' ``.grad`` accumulate as usual).  Works on
    minigrad tensors and on torch tensors.
    """
    frame = sys._getframe(1) if names is None else None
    name_map = _collect_names(tensor, names, frame)
    del frame
    walked = walk(tensor)
    nodes = walked[0]
    rec = _StepRecord()
    if derivatives and nodes:
        rec.factors = local_derivatives(tensor, nodes, min(len(nodes), max_nodes))

    handles = []
    counter = [0]
    for k, fn in enumerate(nodes):
        def pre(grad_outputs, k=k):
            counter[0] += 1
            rec.step_of[k] = counter[0]
            g = grad_outputs[0] if len(grad_outputs) else None
            rec.arriving[k] = _compact(None if g is None else _numpy(g))
            return None

        def post(grad_inputs, grad_outputs, k=k):
            for pos, g in enumerate(grad_inputs):
                if g is not None:
                    rec.edge_grads[(k, pos)] = _compact(_numpy(g))
            return None

        handles.append(fn.register_prehook(pre))
        handles.append(fn.register_hook(post))
    try:
        tensor.backward(gradient, retain_graph=retain_graph)
    finally:
        for h in handles:
            h.remove()

    def picture(r, title):
        return _Builder(tensor, values=values, grads=True, derivatives=derivatives,
                        max_nodes=max_nodes, title=title, names=name_map,
                        steps=r, walked=walked).build()

    if not frames:
        return picture(rec, title)
    # one frame per step of a drawn node (nodes beyond max_nodes are not drawn)
    drawn = sorted(s for k, s in rec.step_of.items() if k < max(1, int(max_nodes)))
    return [picture(rec.upto(s), f"{title} · {s}단계" if title else f"{s}단계")
            for s in drawn]
