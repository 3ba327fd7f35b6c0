"""Walk a tensor's backward graph and turn it into DOT.

Uses only PyTorch's public graph API (``grad_fn``, ``next_functions``, ``variable``,
``name()``, calling a node), so the same code draws minigrad tensors and torch tensors.

Node names in the DOT text come from counters in a breadth-first walk from the output
(``out``, ``f0``, ``f1``..., ``v3`` for the leaf behind ``f3``), never from ``id()``: the
same code gives the same picture, byte for byte, in every run.
"""

from __future__ import annotations

import sys
from collections import deque
from fractions import Fraction

import graphviz
import numpy as np

from .picture import Picture

__all__ = ["draw", "walk", "format_values", "local_derivatives", "FONT"]

# Graphviz writes fontname verbatim into SVG's font-family, which browsers read as a
# CSS list: the first installed Korean font wins.
FONT = "Noto Sans KR, NanumGothic, Malgun Gothic, Apple SD Gothic Neo, sans-serif"
FONTSIZE = 12
EDGE_FONTSIZE = 10

LEAF_COLOR = "#cfe2ff"     # blue-ish: leaf tensors
OUTPUT_COLOR = "#c9f2c7"   # green-ish: the output tensor
FN_COLOR = "#f5f5f5"       # backward functions
ACC_COLOR = "#e3e3e3"      # AccumulateGrad
NOTE_COLOR = "#fff3cd"     # notes (omitted nodes, missing derivatives)
DONE_COLOR = "#ffe8b3"     # backward_steps: nodes already run
CURRENT_COLOR = "#ffb84d"  # backward_steps: the node running now

SMALL = 6  # tensors with at most this many elements show their values

# Ops whose backward, called with a gradient of ones, gives each input element's own
# derivative (elementwise ops: needs input shape == output shape) ...
_ELEMENTWISE = {
    "Add", "Sub", "Rsub", "Mul", "Div", "Pow", "Neg", "Exp", "Log", "Sigmoid", "Tanh",
    "Relu", "Abs", "Sqrt", "Sin", "Cos", "Clone", "ToCopy", "Threshold", "Clamp",
    "Where", "Log1p", "Reciprocal", "Square",
}
# ... or where every input element feeds exactly one output element.
_ONE_TO_ONE = {
    "Sum", "Mean", "View", "Reshape", "ReshapeAlias", "UnsafeView", "Unsqueeze",
    "Squeeze", "Permute", "T", "Transpose", "Expand", "Alias",
}


# --------------------------------------------------------------------------- helpers
def _lib(t):
    """The library a tensor comes from: the ``torch`` or ``minigrad`` module."""
    return sys.modules[type(t).__module__.partition(".")[0]]


def _fn_name(fn) -> str:
    return type(fn).__name__


def _is_acc(fn) -> bool:
    return hasattr(fn, "variable")


def _shape(t) -> tuple:
    return tuple(int(s) for s in t.shape)


def _dtype(t) -> str:
    return str(t.dtype).replace("torch.", "")


def _numpy(t):
    try:
        return np.asarray(t.detach().numpy())
    except Exception:  # e.g. bfloat16 has no numpy dtype
        return None


def _is_tensor_like(obj, libname) -> bool:
    return (
        not isinstance(obj, type)
        and type(obj).__module__.partition(".")[0] == libname
        and hasattr(obj, "grad_fn")
        and hasattr(obj, "requires_grad")
    )


# ------------------------------------------------------------------------ formatting
def _fmt_scalars(flat: np.ndarray, kind: str) -> list[str]:
    """Format numbers the way PyTorch prints them (precision 4)."""
    if kind == "b":
        strs = [str(bool(v)) for v in flat]
    elif kind in "iu":
        strs = [str(int(v)) for v in flat]
    else:
        vals = flat.astype(np.float64)
        finite = vals[np.isfinite(vals) & (vals != 0)]
        int_mode, sci = True, False
        if finite.size:
            absv = np.abs(finite)
            lo, hi = absv.min(), absv.max()
            int_mode = bool(np.all(finite == np.ceil(finite)))
            if int_mode:
                sci = hi / lo > 1000.0 or hi > 1.0e8
            else:
                sci = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        strs = []
        for v in vals:
            if sci:
                s = f"{v:.4e}"
            elif int_mode:
                s = f"{v:.0f}" + ("" if not np.isfinite(v) else ".")
            else:
                s = f"{v:.4f}"
            strs.append(s)
    width = max((len(s) for s in strs), default=0)
    return [s.rjust(width) for s in strs]


def format_values(arr) -> str:
    """Values of a numpy array as PyTorch prints them, without ``tensor(...)``.

    >>> format_values(np.array([[3., 3.], [3., 3.]], dtype=np.float32))
    '[[3., 3.],\\n [3., 3.]]'
    """
    arr = np.asarray(arr)
    if arr.size == 0:
        return "[]"
    strs = _fmt_scalars(arr.reshape(-1), arr.dtype.kind)
    if arr.ndim == 0:
        return strs[0]
    it = iter(strs)

    def rec(shape, indent):
        if len(shape) == 1:
            return "[" + ", ".join(next(it) for _ in range(shape[0])) + "]"
        sep = ",\n" + "\n" * (len(shape) - 2) + " " * (indent + 1)
        return "[" + sep.join(rec(shape[1:], indent + 1) for _ in range(shape[0])) + "]"

    return rec(arr.shape, 0)


def _number(c: float) -> str:
    if c == int(c) and abs(c) < 1e8:
        return str(int(c))
    if 1e-4 <= abs(c) < 1e8:
        return f"{c:.4f}".rstrip("0").rstrip(".")
    return f"{c:.4e}"


def _factor_text(c: float) -> str:
    """3 -> '3', 0.25 -> '1/4 (0.25)'."""
    if not np.isfinite(c):
        return str(c)
    if c != int(c):
        fr = Fraction(c).limit_denominator(64)
        if fr.denominator > 1 and abs(float(fr) - c) <= 1e-6 * max(1.0, abs(c)):
            return f"{fr.numerator}/{fr.denominator} ({_number(c)})"
    return _number(c)


def _summary(arr) -> str:
    """Short text for a gradient: values when small, else what is uniform, else shape."""
    if arr is None:
        return "None"
    if arr.size <= SMALL:
        return format_values(arr)
    flat = arr.reshape(-1)
    if flat.dtype.kind in "fiu" and np.all(flat == flat[0]):
        return f"모두 {format_values(flat[:1])[1:-1]}, shape={arr.shape}"
    return f"shape={arr.shape}"


def _compact(arr) -> str:
    """One-line gradient text for an edge: a uniform tensor shows one value."""
    if arr is None:
        return "None"
    flat = arr.reshape(-1)
    if arr.size > 1 and flat.dtype.kind in "fiu" and np.all(flat == flat[0]):
        return f"모두 {format_values(flat[:1])[1:-1]}"
    return _summary(arr)


def _factor_label(op_name: str, g, out_shape: tuple) -> str | None:
    """Label for the local derivative on an edge (backward of ones -> input ``g``)."""
    if g is None or g.size == 0 or g.dtype.kind not in "fiu":
        return None
    base = op_name.split("Backward")[0]  # MulBackward0 -> Mul
    scalar_out = int(np.prod(out_shape)) == 1
    elementwise = base in _ELEMENTWISE and g.shape == out_shape
    if not (scalar_out or elementwise or base in _ONE_TO_ONE):
        return None
    flat = g.reshape(-1)
    if np.all(flat == flat[0]):
        return "×" + _factor_text(float(flat[0]))
    if (scalar_out or elementwise) and g.size <= SMALL:
        return "×" + format_values(g)
    return None


# ------------------------------------------------------------------------------ walk
def walk(tensor):
    """Breadth-first walk of ``tensor.grad_fn`` without recursion.

    Returns ``(nodes, edges)``: ``nodes`` lists every backward node once, in walk
    order (``nodes[0]`` is ``tensor.grad_fn``); ``edges`` lists
    ``(parent_index, position_in_next_functions, child_index)``.
    """
    root = getattr(tensor, "grad_fn", None)
    if root is None:
        return [], []
    nodes, edges = [root], []
    index = {id(root): 0}  # only for de-duplication; nodes keeps the objects alive
    queue = deque([0])
    while queue:
        k = queue.popleft()
        for pos, (child, _nr) in enumerate(nodes[k].next_functions):
            if child is None:
                continue
            j = index.get(id(child))
            if j is None:
                j = index[id(child)] = len(nodes)
                nodes.append(child)
                queue.append(j)
            edges.append((k, pos, j))
    return nodes, edges


def _is_freed(exc) -> bool:
    text = str(exc)
    return "second time" in text or "freed" in text or "retain_graph" in text


FREED_NOTE = (
    "도함수를 표시할 수 없습니다:\n"
    "backward() 가 이미 그래프에 저장된 값을 해제했습니다.\n"
    "backward(retain_graph=True) 로 부르거나 backward 전에 그리세요."
)


def local_derivatives(tensor, nodes, limit=None):
    """Call each node's backward on a gradient of ones (graph must still be alive).

    Returns ``(labels, note)``: ``labels[(parent_index, position)]`` is the text for
    that edge; ``note`` is a Korean explanation of what could not be shown, or None.
    The gradient a node sends to a broadcast input is not yet summed (the engine does
    that), so it is the per-element derivative, which is what the label shows.
    """
    lib = _lib(tensor)
    ones, no_grad = lib.ones, lib.no_grad
    out_shape = {0: (_shape(tensor), tensor.dtype)}
    index = {id(n): k for k, n in enumerate(nodes)}
    labels, failed = {}, []
    for k, fn in enumerate(nodes[:limit]):
        if _is_acc(fn) or k not in out_shape:
            continue
        shp, dt = out_shape[k]
        try:
            with no_grad():
                res = fn(ones(shp, dtype=dt))
        except Exception as exc:  # graph freed, multi-output node, unknown shape...
            if _is_freed(exc):
                return {}, FREED_NOTE  # all or nothing: half the labels would mislead
            if _fn_name(fn) not in failed:
                failed.append(_fn_name(fn))
            continue
        if not isinstance(res, (tuple, list)):
            res = (res,)
        for pos, (child, _nr) in enumerate(fn.next_functions):
            if child is None or pos >= len(res) or res[pos] is None:
                continue
            g = res[pos]
            out_shape.setdefault(index[id(child)], (_shape(g), g.dtype))
            text = _factor_label(_fn_name(fn), _numpy(g), shp)
            if text is not None:
                labels[(k, pos)] = text
    note = None
    if failed:
        note = "일부 도함수는 표시하지 않았습니다:\n" + ", ".join(failed) + " 의 backward 를\n1 로 부를 수 없었습니다."
    return labels, note


# --------------------------------------------------------------------- DOT building
def _wide(ch: str) -> bool:
    o = ord(ch)
    return (
        0x1100 <= o <= 0x11FF or 0x2460 <= o <= 0x24FF or 0x2E80 <= o <= 0xA4CF
        or 0xAC00 <= o <= 0xD7A3 or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFF60
    )


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _label(lines) -> tuple[str, str]:
    """``lines``: list of (text, align) with align 'c' or 'l'.  Returns (label, width).

    Graphviz's built-in text metrics (used by the wasm renderer) make Hangul about
    25% too narrow, so every node gets a minimum width from our own estimate.
    """
    parts, widest = [], 0.0
    for text, align in lines:
        for sub in text.split("\n"):
            parts.append(_esc(sub) + ("\\l" if align == "l" else "\\n"))
            w = sum(1.0 if _wide(c) else 0.6 for c in sub) * FONTSIZE
            widest = max(widest, w)
    return "".join(parts), f"{(widest + 18) / 72:.2f}"


def _edge_label(parts) -> str:
    """Edge label lines, each indented a little so that the text (measured too narrow
    by the wasm renderer) does not touch the arrow."""
    lines = "\n".join(parts).split("\n")
    return "".join(
        "  " + _esc(line) + "\u2007" * (sum(_wide(c) for c in line) + len(line) // 4) + "\\l"
        for line in lines
    )


def _values_lines(arr, heading: str, values: bool) -> list:
    if arr is None or not values:
        return []
    if arr.size <= SMALL:
        text = format_values(arr)
        if "\n" in text:
            return [(heading, "l"), (text, "l")]
        return [(f"{heading} {text}", "l")]
    return []


class _Builder:
    def __init__(self, tensor, *, values, grads, derivatives, max_nodes, title, names,
                 steps=None, walked=None):
        self.t = tensor
        self.values, self.grads = values, grads
        self.title = title
        self.names, self.fn_names = names  # {id(tensor): name}, {id(grad_fn): name}
        self.steps = steps  # _StepRecord or None
        self.nodes, self.edges = walked if walked is not None else walk(tensor)
        self.max_nodes = max(1, int(max_nodes))
        self.shown = min(len(self.nodes), self.max_nodes)
        self.factors, self.factor_note = {}, None
        if derivatives and self.nodes:
            if steps is not None and steps.factors is not None:
                self.factors, self.factor_note = steps.factors
            else:
                self.factors, self.factor_note = local_derivatives(
                    tensor, self.nodes, self.shown)
        self.count = 0

    # -- pieces --
    def _node(self, g, name, lines, fill, **attrs):
        label, width = _label(lines)
        g.node(name, label, fillcolor=fill, width=width, **attrs)
        self.count += 1

    def _tensor_lines(self, t, heading, *, show_grad):
        lines = [(heading, "l"), (f"shape={_shape(t)}, {_dtype(t)}", "l")]
        lines += _values_lines(_numpy(t), "값:", self.values)
        if show_grad == "pending" and self.grads:
            lines.append(("기울기 (grad): 아직 도착 전", "l"))
        elif show_grad and self.grads:
            grad = t.grad
            if grad is None:
                lines.append(("기울기 (grad): None", "l"))
            else:
                arr = _numpy(grad)
                if arr is not None and arr.size <= SMALL and self.values:
                    lines += _values_lines(arr, "기울기 (grad):", True)
                else:
                    lines.append((f"기울기 (grad): {_summary(arr)}", "l"))
        return lines

    def _who(self, t, role):
        name = self.names.get(id(t))
        return f"{name} · {role}" if name else role

    def build(self) -> Picture:
        g = graphviz.Digraph(
            "minigrad",
            graph_attr={
                "rankdir": "TB", "nodesep": "0.3", "ranksep": "0.35",
                "fontname": FONT, "fontsize": "14", "bgcolor": "white",
                **({"label": _esc(self.title), "labelloc": "t"} if self.title else {}),
            },
            node_attr={
                "shape": "box", "style": "filled,rounded", "fontname": FONT,
                "fontsize": str(FONTSIZE), "margin": "0.12,0.06", "height": "0.3",
            },
            edge_attr={
                "fontname": FONT, "fontsize": str(EDGE_FONTSIZE), "arrowsize": "0.7",
            },
        )
        t, st = self.t, self.steps
        if not self.nodes:
            if t.requires_grad:
                lines = self._tensor_lines(t, self._who(t, "잎 텐서 (leaf) · 출력"),
                                           show_grad=True)
                self._node(g, "out", lines, LEAF_COLOR)
            else:
                lines = self._tensor_lines(t, self._who(t, "텐서"), show_grad=False)
                self._node(g, "out", lines, OUTPUT_COLOR)
                self._node(g, "note0", [("기록된 연산이 없습니다", "c"),
                                        ("(requires_grad=False, grad_fn=None)", "c")],
                           NOTE_COLOR, shape="note", style="filled")
                g.edge("out", "note0", style="dotted", arrowhead="none")
            return Picture(g.source, title=self.title, nodes=self.count)

        # the output tensor
        lines = self._tensor_lines(t, self._who(t, "출력 (output)"), show_grad=False)
        self._node(g, "out", lines, OUTPUT_COLOR)
        first = {}
        if st is not None and 0 in st.arriving:
            first["label"] = _edge_label(["시작 기울기", st.arriving[0]])
        elif self.factors:
            first["label"] = _edge_label(["×1 (시작)"])
        g.edge("out", "f0", penwidth="1.5", **first)

        # backward nodes
        for k, fn in enumerate(self.nodes[: self.shown]):
            name = _fn_name(fn)
            fill, extra = (ACC_COLOR if _is_acc(fn) else FN_COLOR), {}
            lines = []
            if st is not None and k in st.step_of:
                lines.append((f"{st.step_of[k]}단계", "c"))
                fill = CURRENT_COLOR if st.step_of[k] == st.current else DONE_COLOR
                if st.step_of[k] == st.current:
                    extra["penwidth"] = "2.5"
            lines.append((name, "c"))
            if _is_acc(fn):
                vname = self.names.get(id(fn.variable))
                lines.append((f"({vname}.grad 에 누적)" if vname else "(.grad 에 누적)", "c"))
            elif id(fn) in self.fn_names:
                lines.append((f"({self.fn_names[id(fn)]} 의 grad_fn)", "c"))
            if st is not None and k in st.step_of and k in st.arriving:
                lines.append(("받은 기울기: " + st.arriving[k], "c"))
            self._node(g, f"f{k}", lines, fill, **extra)
            if _is_acc(fn):
                var = fn.variable
                show_grad = True if st is None or k in st.step_of else "pending"
                lines = self._tensor_lines(var, self._who(var, "잎 텐서 (leaf)"),
                                           show_grad=show_grad)
                self._node(g, f"v{k}", lines, LEAF_COLOR)
                g.edge(f"f{k}", f"v{k}", style="dashed")

        # edges between backward nodes
        hidden = len(self.nodes) - self.shown
        to_note = set()
        for k, pos, j in self.edges:
            if k >= self.shown:
                continue
            if j >= self.shown:
                to_note.add(k)
                continue
            parts = []
            if (k, pos) in self.factors:
                parts.append(self.factors[(k, pos)])
            if st is not None and (k, pos) in st.edge_grads:
                parts.append(st.edge_grads[(k, pos)])
            attrs = {}
            if parts:
                attrs["label"] = _edge_label(parts)
            g.edge(f"f{k}", f"f{j}", **attrs)
        if hidden:
            self._node(g, "note0", [(f"… {hidden:,}개 노드 생략", "c"),
                                    (f"(max_nodes={self.max_nodes})", "c")],
                       NOTE_COLOR, shape="note", style="filled")
            for k in sorted(to_note):
                g.edge(f"f{k}", "note0", style="dashed")
        if self.factor_note:
            self._node(g, "note1", [(self.factor_note, "c")], NOTE_COLOR,
                       shape="note", style="filled")
            g.edge("out", "note1", style="dotted", arrowhead="none")
        return Picture(g.source, title=self.title, nodes=self.count)


def _collect_names(tensor, names, frame):
    """``({id(tensor): name}, {id(tensor.grad_fn): name})`` for named tensors.

    ``names=None`` takes the caller's variables (skipping ``_``-names such as
    IPython's ``_``, ``_3``); pass a dict to choose, ``{}`` for no names.
    """
    libname = type(tensor).__module__.partition(".")[0]
    if names is None:
        found = {}
        if frame is not None:
            found.update(frame.f_globals)
            found.update(frame.f_locals)
        items = [(n, v) for n, v in found.items() if not n.startswith("_")]
    else:
        items = list(dict(names).items())
    out, fns = {}, {}
    for n, v in sorted(items, key=lambda kv: kv[0]):
        if not isinstance(n, str) or not _is_tensor_like(v, libname):
            continue
        out.setdefault(id(v), n)
        gf = v.grad_fn
        if gf is not None:
            fns.setdefault(id(gf), n)
    return out, fns


def draw(tensor, *, values=True, grads=True, derivatives=False, max_nodes=60,
         title=None, names=None) -> Picture:
    """텐서 뒤의 계산 그래프(computational graph)를 그립니다 (torchviz 의 make_dot 처럼).

    - 위에서 아래로 기울기가 흐르는 방향: 출력(초록) → grad_fn 노드들 →
      AccumulateGrad → 잎 텐서(파랑).
    - ``values``: 원소가 6개 이하인 텐서의 값을 PyTorch 처럼 (소수 4자리) 보여 줍니다.
    - ``grads``: 잎 텐서의 ``.grad`` (backward 뒤에 채워짐).
    - ``derivatives``: 각 간선에 국소 도함수(노드의 backward 를 1 로 호출한 결과).
      경로를 따라 곱하면 연쇄 법칙(chain rule)의 기울기가 됩니다. backward 가
      그래프를 해제한 뒤라면 표시하지 않고 안내 문구를 넣습니다.
    - ``max_nodes``: 이보다 많은 노드는 "… N개 노드 생략" 으로 줄입니다.
    - ``names``: ``{"x": x, ...}``; 기본값 None 이면 호출한 곳의 변수 이름을 씁니다.

    Works on minigrad tensors and on real torch tensors.  Returns a :class:`Picture`.
    """
    frame = sys._getframe(1) if names is None else None
    name_map = _collect_names(tensor, names, frame)
    del frame
    return _Builder(tensor, values=values, grads=grads, derivatives=derivatives,
                    max_nodes=max_nodes, title=title, names=name_map).build()
