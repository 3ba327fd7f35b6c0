"""A picture of what autograd keeps on tensors: ``viz.fields(x=x, y=y)`` (chapter 01).

Each tensor is one box with its data and the five fields autograd reads: ``requires_grad``,
``grad``, ``grad_fn``, ``is_leaf`` (and, for a leaf that requires grad, the ``AccumulateGrad`` node
that backward will call). A ``grad_fn`` is drawn as its own node with an arrow from the tensor, and
the node's ``next_functions`` as arrows on to where each input's gradient goes, so that the picture
shows how the fields link tensors into a graph. Uses only PyTorch's public API: it draws torch
tensors too.
"""

from __future__ import annotations

import graphviz

from .graph import (ACC_COLOR, EDGE_FONTSIZE, FN_COLOR, FONT, FONTSIZE, LEAF_COLOR, OUTPUT_COLOR,
                    _fn_name, _is_acc, _label, _numpy, format_values)
from .picture import Picture

__all__ = ["fields"]


def _field_lines(name, t):
    """The lines of one tensor's box: its name and data, then the autograd fields."""
    data = format_values(_numpy(t)) if _numpy(t).size <= 6 else f"모양 {tuple(t.shape)}"
    kept = t.is_leaf or getattr(t, "retains_grad", False)     # (reading .grad of others warns)
    grad = "None" if not kept or t.grad is None else format_values(_numpy(t.grad))
    grad_fn = "None" if t.grad_fn is None else f"<{_fn_name(t.grad_fn)}>"
    return [(name, "c"), (f"data: {data}", "l"), (f"requires_grad: {t.requires_grad}", "l"),
            (f"grad: {grad}", "l"), (f"grad_fn: {grad_fn}", "l"), (f"is_leaf: {t.is_leaf}", "l")]


def fields(**tensors) -> Picture:
    """Draw the named tensors with their autograd fields: ``viz.fields(x=x, y=y)``.

    Blue: a leaf tensor; green: a tensor made by a recorded operation. Gray boxes are graph nodes
    (``grad_fn`` and ``AccumulateGrad``); an arrow from a node points to where it sends gradients."""
    g = graphviz.Digraph(
        "fields",
        graph_attr={"rankdir": "TB", "nodesep": "0.4", "ranksep": "0.4", "fontname": FONT,
                    "bgcolor": "white"},
        node_attr={"shape": "box", "style": "filled,rounded", "fontname": FONT,
                   "fontsize": str(FONTSIZE), "margin": "0.12,0.06"},
        edge_attr={"fontname": FONT, "fontsize": str(EDGE_FONTSIZE), "arrowsize": "0.7"},
    )
    boxes = {id(t): f"t{i}" for i, t in enumerate(tensors.values())}
    nodes = {}                                  # id(node) -> DOT name, in drawing order

    def node_name(fn):
        if id(fn) not in nodes:
            nodes[id(fn)] = f"n{len(nodes)}"
            label = _fn_name(fn)
            text, width = _label([(label, "c")])
            g.node(nodes[id(fn)], text, fillcolor=ACC_COLOR if _is_acc(fn) else FN_COLOR, width=width)
            for child, _ in fn.next_functions:
                if child is not None:
                    g.edge(nodes[id(fn)], node_name(child))
            variable = getattr(fn, "variable", None) if _is_acc(fn) else None
            if variable is not None and id(variable) in boxes:
                g.edge(nodes[id(fn)], boxes[id(variable)], label="  .grad 에 더함", style="dashed")
        return nodes[id(fn)]

    for name, t in tensors.items():
        text, width = _label(_field_lines(name, t))
        g.node(boxes[id(t)], text, fillcolor=LEAF_COLOR if t.is_leaf else OUTPUT_COLOR, width=width)
    for name, t in tensors.items():
        if t.grad_fn is not None:
            g.edge(boxes[id(t)], node_name(t.grad_fn), label="  grad_fn")
    return Picture(g.source, title="텐서의 자동 미분 필드", nodes=len(tensors) + len(nodes))
