"""PyTorch-identical printing of tensors (chapter 01).

The rules follow PyTorch's ``torch/_tensor_str.py``: one formatter looks at every finite nonzero value
to choose between integer mode (``1.``), fixed point with 4 decimals (``1.2000``) and scientific
notation (``1.0000e-05``), and pads every element to the same width so columns line up.
"""
import math

import numpy as np

from . import dtypes


class PrintOptions:
    precision = 4
    threshold = 1000
    edgeitems = 3
    linewidth = 80
    sci_mode = None


PRINT_OPTS = PrintOptions()


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None,
                     sci_mode=None):
    """Like torch.set_printoptions."""
    if profile == "default":
        PRINT_OPTS.precision, PRINT_OPTS.threshold = 4, 1000
        PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth = 3, 80
    elif profile == "short":
        PRINT_OPTS.precision, PRINT_OPTS.threshold = 2, 1000
        PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth = 2, 80
    elif profile == "full":
        PRINT_OPTS.precision, PRINT_OPTS.threshold = 4, math.inf
        PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth = 3, 80
    if precision is not None:
        PRINT_OPTS.precision = precision
    if threshold is not None:
        PRINT_OPTS.threshold = threshold
    if edgeitems is not None:
        PRINT_OPTS.edgeitems = edgeitems
    if linewidth is not None:
        PRINT_OPTS.linewidth = linewidth
    PRINT_OPTS.sci_mode = sci_mode


class _Formatter:
    """Chooses one number format (and width) for all elements of a tensor."""

    def __init__(self, array):
        self.floating = array.dtype.kind == "f"
        self.int_mode, self.sci_mode, self.max_width = True, False, 1
        values = array.reshape(-1)
        if not self.floating:
            self.max_width = max([1] + [len(str(v)) for v in values.tolist()])
            return
        values = values.astype(np.float64)
        finite = values[np.isfinite(values) & (values != 0)]     # 0, nan and inf do not count
        if finite.size:
            self._choose(finite)

    def _choose(self, finite):
        """The mode, from the finite nonzero values, and the width of the widest of their texts."""
        p = PRINT_OPTS.precision
        magnitudes = np.abs(finite)
        lo, hi = magnitudes.min(), magnitudes.max()
        self.int_mode = bool(np.all(finite == np.ceil(finite)))
        if PRINT_OPTS.sci_mode is None:
            self.sci_mode = bool(hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4)
        else:
            self.sci_mode = PRINT_OPTS.sci_mode
        for v in finite.tolist():
            if self.sci_mode:
                width = len(f"{v:.{p}e}")
            elif self.int_mode:
                width = len(f"{v:.0f}") + 1          # room for the trailing "."
            else:
                width = len(f"{v:.{p}f}")
            self.max_width = max(self.max_width, width)

    def format(self, value):
        p = PRINT_OPTS.precision
        if not self.floating:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:{self.max_width}.{p}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            if not (math.isinf(value) or math.isnan(value)):
                text += "."
        else:
            text = f"{value:.{p}f}"
        return " " * (self.max_width - len(text)) + text


def _summarized(array):
    """The elements that will be shown when the tensor is too big to print whole."""
    e = PRINT_OPTS.edgeitems
    if array.ndim == 0:
        return array
    if array.shape[0] > 2 * e:
        parts = [array[:e], array[-e:]]
    else:
        parts = [array]
    if array.ndim == 1:
        return np.concatenate(parts)
    rows = [_summarized(row) for part in parts for row in part]
    return np.stack(rows)


def _vector_str(array, indent, summarize, fmt):
    element_length = fmt.max_width + 2
    per_line = max(1, math.floor((PRINT_OPTS.linewidth - indent) / element_length))
    e = PRINT_OPTS.edgeitems
    if summarize and array.shape[0] > 2 * e:
        data = [fmt.format(v) for v in array[:e].tolist()] + [" ..."] + \
               [fmt.format(v) for v in array[-e:].tolist()]
    else:
        data = [fmt.format(v) for v in array.tolist()]
    lines = [", ".join(data[i:i + per_line]) for i in range(0, len(data), per_line)]
    return "[" + ("," + "\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_str(array, indent, summarize, fmt):
    if array.ndim == 0:
        return fmt.format(array.item())
    if array.ndim == 1:
        return _vector_str(array, indent, summarize, fmt)
    e = PRINT_OPTS.edgeitems
    if summarize and array.shape[0] > 2 * e:
        rows = [_tensor_str(array[i], indent + 1, summarize, fmt) for i in range(e)] + ["..."] + \
               [_tensor_str(array[i], indent + 1, summarize, fmt) for i in range(len(array) - e, len(array))]
    else:
        rows = [_tensor_str(array[i], indent + 1, summarize, fmt) for i in range(array.shape[0])]
    # one blank line between 3-D blocks, two between 4-D blocks, ...
    return "[" + ("," + "\n" * (array.ndim - 1) + " " * (indent + 1)).join(rows) + "]"


def _add_suffixes(text, suffixes, indent):
    parts = [text]
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > PRINT_OPTS.linewidth:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(t, prefix="tensor("):
    """The text PyTorch prints for a tensor, e.g. ``tensor([1., 2.], requires_grad=True)``."""
    array = t.array
    indent = len(prefix)
    suffixes = []
    d = t.dtype
    default = d in (dtypes.DEFAULT_FLOAT, dtypes.int64, dtypes.bool)
    if array.size == 0:
        if array.ndim != 1:
            suffixes.append("size=" + str(tuple(array.shape)))
        if d is not dtypes.DEFAULT_FLOAT:
            suffixes.append("dtype=" + repr(d))
        body = "[]"
    else:
        if not default:
            suffixes.append("dtype=" + repr(d))
        summarize = array.size > PRINT_OPTS.threshold
        fmt = _Formatter(_summarized(array) if summarize else array)
        body = _tensor_str(array, indent, summarize, fmt)
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)
