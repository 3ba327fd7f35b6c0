"""Differential tests of the error paths: the same misuse on minigrad and on real PyTorch.

Every case in ``CASES`` is a snippet that PyTorch rejects. Run with ``torch`` = minigrad and with
``torch`` = real PyTorch, it must raise the same exception class, and the first line of minigrad's
message must be PyTorch's English text; the second (last) line is minigrad's Korean hint, starting
with 💡. The cases are generated as a matrix (operation x bad operands), so a new operation or a new
kind of misuse is one line here.

Next to the misuses: ``ACCEPTED``, valid near-misses that both libraries must run and print alike
(a check must not refuse what PyTorch accepts), and the differences that are known and explained
(``KNOWN_DIFFERENCES``, ``NOT_DETECTED``, ``NO_HINT``, ``MINIGRAD_ONLY``). Each of those lists is
checked too, so an entry that stops being true fails and has to be removed.

Both libraries run in this process (the snippets are independent; minigrad is never registered as
``torch``). Needs torch (``make parity`` installs torch==2.13.0); skipped otherwise, see
tests/conftest.py.
"""
import contextlib
import io
import warnings

import pytest

import minigrad

pytestmark = pytest.mark.parity


# ------------------------------------------------------------------------------ the matrix
def _t(shape, dtype=None, grad=False):
    """Source text of a tensor of ones with `shape` (a tuple; () is a 0-d tensor)."""
    args = "" if dtype is None else f", dtype=torch.{dtype}"
    args += ", requires_grad=True" if grad else ""
    if shape == ():
        return f"torch.tensor(1.{args})" if dtype is None else f"torch.tensor(1{args})"
    return f"torch.ones({', '.join(map(str, shape))}{args})"


def _name(shape):
    return "x".join(map(str, shape)) if shape else "0d"


# + - * / ** (operators, methods, functions) with operands that do not broadcast
ELEMENTWISE_OPS = {
    "add": "a + b", "sub": "a - b", "mul": "a * b", "div": "a / b", "pow": "a ** b",
    "add_method": "a.add(b)", "sub_method": "a.sub(b)", "mul_method": "a.mul(b)", "div_method": "a.div(b)",
    "pow_method": "a.pow(b)", "torch.add": "torch.add(a, b)", "torch.sub": "torch.sub(a, b)",
    "torch.mul": "torch.mul(a, b)", "torch.div": "torch.div(a, b)", "torch.pow": "torch.pow(a, b)",
}
NOT_BROADCASTABLE = [((3,), (2,)), ((2, 3), (3, 2)), ((2, 3), (2,)), ((2, 1, 3), (2, 4, 2)), ((5,), (2, 3)),
                     ((4, 3, 2), (3, 3, 2))]

# the in-place versions: also when b broadcasts but the result would be bigger than a
INPLACE_OPS = {"add_": "a.add_(b)", "sub_": "a.sub_(b)", "mul_": "a.mul_(b)", "div_": "a.div_(b)",
               "pow_": "a.pow_(b)", "iadd": "a += b", "isub": "a -= b", "imul": "a *= b", "idiv": "a /= b"}
INPLACE_SHAPES = [((3,), (2,)), ((3,), (2, 3)), ((2, 1), (2, 3)), ((1,), (4,))]

# matrix products with wrong dimensions or sizes (0-d operands included; 3-D ones go through
# PyTorch's folding into mm/mv or through bmm, whose messages differ)
MATMUL_OPS = {"matmul": "a @ b", "matmul_method": "a.matmul(b)", "torch.matmul": "torch.matmul(a, b)"}
MATMUL_SHAPES = [((2, 3), (2, 3)), ((3,), (2,)), ((2, 3), (4,)), ((4,), (2, 3)), ((), (3,)), ((3,), ()),
                 ((), ()), ((2, 3), (4, 3)), ((2, 2, 3), (2, 4, 2)), ((2, 3, 4), (5,)), ((5,), (2, 3, 4)),
                 ((2, 3, 4), (5, 6)), ((2, 3), (2, 5, 6)), ((2, 2, 3), (3, 3, 2)), ((5, 2, 2, 3), (3, 3, 2))]
MM_OPS = {"mm": "a.mm(b)", "torch.mm": "torch.mm(a, b)"}
MM_SHAPES = [((2, 3), (3,)), ((3,), (3, 2)), ((2, 3), (2, 3)), ((), (3, 2)), ((2, 3), ()), ((2, 2, 2), (2, 2)),
             ((3,), (3,))]
MV_OPS = {"mv": "a.mv(b)", "torch.mv": "torch.mv(a, b)"}
MV_SHAPES = [((2, 3), (4,)), ((3,), (3,)), ((2, 3), (3, 1)), ((), (3,)), ((2, 3), ()), ((2, 2, 3), (3,)),
             ((), ())]
DOT_OPS = {"dot": "a.dot(b)", "torch.dot": "torch.dot(a, b)"}
DOT_SHAPES = [((3,), (4,)), ((2, 3), (3,)), ((3,), (3, 1)), ((), ()), ((3,), ())]


def binary_cases():
    for ops, shapes in [(ELEMENTWISE_OPS, NOT_BROADCASTABLE), (INPLACE_OPS, INPLACE_SHAPES),
                        (MATMUL_OPS, MATMUL_SHAPES), (MM_OPS, MM_SHAPES), (MV_OPS, MV_SHAPES),
                        (DOT_OPS, DOT_SHAPES)]:
        for name, expr in ops.items():
            for sa, sb in shapes:
                yield f"{name}-{_name(sa)}-{_name(sb)}", f"a = {_t(sa)}; b = {_t(sb)}; {expr}"
    # PyTorch folds a 3-D operand into a matrix when the other one requires grad
    for sa, sb in [((3, 4), (2, 5, 6)), ((3,), (2, 5, 6)), ((2, 3, 4), (5,)), ((2, 2, 3), (2, 4, 2))]:
        yield f"matmul-grad-{_name(sa)}-{_name(sb)}", f"a = {_t(sa, grad=True)}; b = {_t(sb)}; a @ b"
    # dtypes: products do not promote (unlike + and *)
    for sa, da, sb, db in [((2, 2), "int64", (2, 2), None), ((2,), "int64", (2, 2), None),
                           ((2, 2), None, (2,), "int64"), ((2,), None, (2,), "int64"),
                           ((2, 2), "float64", (2, 2), None), ((2, 2, 2), "int64", (2, 2, 2), None),
                           ((2, 2, 2), None, (2, 2, 2), "int64"), ((2, 3, 4), "int64", (4, 4), None),
                           ((2, 3, 4), None, (4,), "float64"), ((2,), "int64", (2, 2, 2), None),
                           ((2, 2), None, (2, 2, 2), "float64"), ((2, 2, 3), None, (2, 2, 2), "int64")]:
        yield (f"matmul-dtype-{_name(sa)}{da or ''}-{_name(sb)}{db or ''}",
               f"a = {_t(sa, da)}; b = {_t(sb, db)}; a @ b")
    yield "matmul-dtype-grad-2d-3d", "a = torch.ones(2, 2, requires_grad=True); b = torch.ones(2, 2, 2, dtype=torch.float64); a @ b"
    yield "matmul-dtype-grad-1d-3d", "a = torch.ones(2, requires_grad=True); b = torch.ones(2, 2, 2, dtype=torch.float64); a @ b"
    yield "mm-dtype", "torch.ones(2, 2, dtype=torch.int64).mm(torch.ones(2, 2))"
    yield "mm-dtype-after-shape", "torch.ones(2, 3, dtype=torch.int64).mm(torch.ones(2, 3))"
    yield "mv-dtype", "torch.ones(2, 2, dtype=torch.int64).mv(torch.ones(2))"
    yield "mv-dtype-vec", "torch.mv(torch.ones(2, 2), torch.ones(2, dtype=torch.int64))"
    yield "dot-dtype", "torch.ones(2, dtype=torch.int64).dot(torch.ones(2))"
    yield "dot-dtype-before-size", "torch.dot(torch.ones(3, dtype=torch.float64), torch.ones(2))"
    # products of something that is not a tensor
    for name, code in [("matmul-list", "torch.ones(2) @ [1., 2.]"), ("matmul-number", "torch.ones(2) @ 2"),
                       ("rmatmul-list", "[1., 2.] @ torch.ones(2)"), ("rmatmul-number", "2 @ torch.ones(2)"),
                       ("torch.matmul-list", "torch.matmul([1., 2.], torch.ones(2))"),
                       ("torch.matmul-number", "torch.matmul(torch.ones(2), 2)"),
                       ("matmul_method-number", "torch.ones(2).matmul(2)"),
                       ("mm-number", "torch.ones(2, 2).mm(2)"), ("torch.mm-number", "torch.mm(torch.ones(2, 2), 2)"),
                       ("torch.mm-list", "torch.mm([[1.]], torch.ones(1, 2))"),
                       ("mv-list", "torch.ones(2, 2).mv([1., 2.])"), ("torch.mv-list", "torch.mv(torch.ones(2, 2), [1., 2.])"),
                       ("dot-number", "torch.ones(2).dot(3)"), ("torch.dot-number", "torch.dot(torch.ones(2), 3)")]:
        yield name, code
    # dtype misuse of the arithmetic operators
    yield "pow-int-negative", "torch.tensor([2, 3]) ** -1"
    yield "pow-int-negative-method", "torch.tensor([2, 3]).pow(-2)"
    # where
    yield "where-shapes", "torch.where(torch.tensor([True, False, True]), torch.ones(3), torch.ones(2))"
    yield "where-condition-shape", "torch.where(torch.ones(2) > 0, torch.ones(3), torch.ones(3))"
    yield "where-2d", "torch.where(torch.ones(3) > 0, torch.ones(2, 3), torch.ones(3, 2))"
    yield "where-number", "torch.where(torch.ones(2) > 0, 1., torch.ones(3))"
    yield "where-float-condition", "torch.where(torch.ones(2), torch.ones(2), torch.zeros(2))"
    yield "where-long-condition", "torch.where(torch.tensor([1, 0]), torch.ones(2), torch.zeros(2))"
    yield "where-float-condition-and-shape", "torch.where(torch.ones(2), torch.ones(3), torch.zeros(2))"


# reductions: dim out of range (several ranks), repeated dims, integer mean, empty max
REDUCTIONS = {"sum": "x.sum({})", "mean": "x.mean({})", "max": "x.max({})", "min": "x.min({})",
              "argmax": "x.argmax({})", "argmin": "x.argmin({})", "torch.sum": "torch.sum(x, {})",
              "torch.mean": "torch.mean(x, {})", "torch.max": "torch.max(x, {})", "torch.min": "torch.min(x, {})",
              "torch.argmax": "torch.argmax(x, {})", "norm": "x.norm(dim={})", "all": "x.all({})", "any": "x.any({})"}
BAD_DIMS = [((2, 3), "2"), ((2, 3), "-3"), ((3,), "1"), ((), "1"), ((), "-2"), ((2, 3, 4), "5")]


def reduction_cases():
    for name, expr in REDUCTIONS.items():
        for shape, dim in BAD_DIMS:
            yield f"{name}-dim{dim}-{_name(shape)}", f"x = {_t(shape)}; {expr.format(dim)}"
    for name in ["sum", "mean", "norm", "all"]:
        yield f"{name}-dims-out-of-range", f"torch.ones(2, 3).{name}(dim=(0, 2))"
        yield f"{name}-dims-repeated", f"torch.ones(2, 3).{name}(dim=(0, 0))"
        yield f"{name}-dims-repeated-negative", f"torch.ones(2, 3).{name}(dim=(1, -1))"
    for name in ["sum", "mean"]:
        yield f"{name}-dims-repeated-list", f"torch.ones(2, 3).{name}(dim=[0, 0])"
        yield f"{name}-keepdim-out-of-range", f"torch.ones(2, 3).{name}(2, keepdim=True)"
    for dtype in ["int64", "int32", "bool"]:
        yield f"mean-{dtype}", f"torch.ones(3, dtype=torch.{dtype}).mean()"
        yield f"mean-dim-{dtype}", f"torch.ones(2, 3, dtype=torch.{dtype}).mean(0)"
        yield f"torch.mean-{dtype}", f"torch.mean(torch.ones(3, dtype=torch.{dtype}))"
    yield "mean-int-list", "torch.tensor([1, 2, 3]).mean()"
    for name in ["max", "min"]:
        yield f"{name}-empty", f"torch.tensor([]).{name}()"
        yield f"torch.{name}-empty", f"torch.{name}(torch.tensor([]))"
        yield f"{name}-empty-int", f"torch.tensor([], dtype=torch.int64).{name}()"
        yield f"{name}-empty-dim", f"torch.zeros(0, 3).{name}(0)"
        yield f"{name}-empty-dim1", f"torch.zeros(3, 0).{name}(1)"
        yield f"{name}-empty-dim-negative", f"torch.zeros(2, 0).{name}(-1)"
    for name in ["argmax", "argmin"]:
        yield f"{name}-empty", f"torch.tensor([]).{name}()"
        yield f"{name}-empty-dim", f"torch.zeros(0, 3).{name}(0)"
    yield "size-dim", "torch.ones(2, 3).size(2)"
    yield "size-dim-negative", "torch.ones(2, 3).size(-3)"


def shape_cases():
    # view / reshape
    for op in ["view", "reshape"]:
        yield f"{op}-size", f"torch.ones(2, 3).{op}(4)"
        yield f"{op}-size-tuple", f"torch.ones(2, 3).{op}((4, 2))"
        yield f"{op}-infer-twice", f"torch.ones(2, 3).{op}(-1, -1)"
        yield f"{op}-infer-twice-3", f"torch.ones(2, 3).{op}(2, -1, -1)"
        yield f"{op}-infer-indivisible", f"torch.ones(2, 3).{op}(-1, 4)"
        yield f"{op}-infer-zero", f"torch.ones(2, 3).{op}(0, -1)"
        yield f"{op}-zero", f"torch.ones(2, 3).{op}(2, 0)"
        yield f"{op}-negative", f"torch.ones(2, 3).{op}(-2, 3)"
        yield f"{op}-negatives", f"torch.ones(2, 3).{op}(-2, -3)"
        yield f"{op}-negative-after-infer", f"torch.ones(2, 3).{op}(-1, -2)"
        yield f"{op}-0d", f"torch.tensor(1.).{op}(2)"
        yield f"{op}-empty-ambiguous", f"torch.zeros(0).{op}(-1, 0)"
        yield f"{op}-empty-ambiguous-2d", f"torch.zeros(0, 2).{op}(0, -1)"
        yield f"{op}-empty-infer-twice", f"torch.zeros(0).{op}(-1, 0, -1)"
    yield "torch.reshape-size", "torch.reshape(torch.ones(2, 3), (4,))"
    yield "view-noncontiguous-T", "torch.ones(2, 3).T.view(6)"
    yield "view-noncontiguous-t", "torch.ones(2, 3).t().view(-1)"
    yield "view-noncontiguous-transpose", "torch.ones(2, 3, 4).transpose(0, 2).view(24)"
    yield "view-noncontiguous-transpose-merge", "torch.ones(2, 3, 4).transpose(0, 1).view(6, 4)"
    yield "view-noncontiguous-permute", "torch.ones(2, 3, 4).permute(2, 0, 1).view(6, 4)"
    yield "view-noncontiguous-row-step", "torch.ones(4, 4)[::2].view(8)"
    yield "view-noncontiguous-grad", "x = torch.ones(2, 3, requires_grad=True); (x.T * 2).T.T.view(6)"
    yield "view_as-size", "torch.ones(2, 3).view_as(torch.ones(4))"
    # expand
    for sizes in ["2, 4", "4, 3", "4, 5", "3", "-1, 2, 3", "2, 3, 2", "-2, 3", "0, 3", "1, 3"]:
        yield f"expand-2x3-to-{sizes.replace(', ', 'x')}", f"torch.ones(2, 3).expand({sizes})"
    yield "expand-3-to-2x4", "torch.ones(3).expand(2, 4)"
    yield "expand-1x3-to-0d", "torch.ones(1, 3).expand(())"
    yield "expand_as-size", "torch.ones(3).expand_as(torch.ones(2, 4))"
    yield "expand-negative-new-dim", "torch.ones(2, 3).expand(-2, 2, 3)"
    yield "expand-negative-size-1", "torch.ones(1, 3).expand(-2, 3)"
    # squeeze / unsqueeze / transpose / permute / t / mT
    for shape, dim in [((2, 3), "2"), ((2, 3), "-3"), ((), "1"), ((1,), "-2")]:
        yield f"squeeze-dim{dim}-{_name(shape)}", f"{_t(shape)}.squeeze({dim})"
        yield f"torch.squeeze-dim{dim}-{_name(shape)}", f"torch.squeeze({_t(shape)}, {dim})"
    for shape, dim in [((2, 3), "3"), ((2, 3), "-4"), ((), "2"), ((), "-2")]:
        yield f"unsqueeze-dim{dim}-{_name(shape)}", f"{_t(shape)}.unsqueeze({dim})"
        yield f"torch.unsqueeze-dim{dim}-{_name(shape)}", f"torch.unsqueeze({_t(shape)}, {dim})"
    for shape, dims in [((2, 3), "0, 2"), ((2, 3), "-3, 0"), ((), "0, 1"), ((3,), "0, 1")]:
        yield f"transpose-{dims.replace(', ', '_')}-{_name(shape)}", f"{_t(shape)}.transpose({dims})"
        yield f"torch.transpose-{dims.replace(', ', '_')}-{_name(shape)}", f"torch.transpose({_t(shape)}, {dims})"
    for dims in ["0", "0, 1, 2", "0, 1, 1", "0, 0", "1, 1", "1, -1", "0, 2", "0, 5", "0, -3", "(0,)"]:
        yield f"permute-2x3-{dims}", f"torch.ones(2, 3).permute({dims})"
    yield "permute-0d", "torch.tensor(1.).permute(0)"
    yield "t-3d", "torch.ones(2, 3, 4).t()"
    yield "torch.t-3d", "torch.t(torch.ones(2, 3, 4))"
    yield "mT-1d", "torch.ones(3).mT"
    # sum_to_size (the reverse of broadcasting)
    for sizes in ["4", "(4,)", "3, 3", "1, 3, 3", "2, 1, 3", "2, 3, 1", "3, 2"]:
        yield f"sum_to_size-2x3-to-{sizes}", f"torch.ones(2, 3).sum_to_size({sizes})"
    yield "sum_to_size-6-to-2x3", "torch.ones(6).sum_to_size(2, 3)"


def indexing_cases():
    for name, key in [("out-of-range", "[5]"), ("out-of-range-negative", "[-4]"), ("too-many", "[0, 0]"),
                      ("float", "[1.5]"), ("float-whole", "[1.0]"), ("str", "['a']"), ("too-many-str", "[0:2, 'a']"),
                      ("None-then-out-of-range", "[None, 5]"), ("float-tensor", "[torch.tensor(0.)]"),
                      ("float-tensor-1d", "[torch.tensor([0., 1.])]"),
                      ("int16-tensor", "[torch.tensor([0], dtype=torch.int16)]"),
                      ("list-out-of-range", "[[0, 5]]"), ("list-out-of-range-negative", "[[0, -4]]"),
                      ("tensor-out-of-range", "[torch.tensor([5])]"), ("0d-tensor-out-of-range", "[torch.tensor(5)]"),
                      ("mask-shape", "[torch.tensor([True, False])]"), ("mask-list-shape", "[[True, False]]"),
                      ("mask-2d-on-1d", "[torch.ones(3, 2) > 0]"), ("two-lists-on-1d", "[[0], [0]]"),
                      ("slice-step-zero", "[::0]"), ("slice-step-negative", "[::-1]"),
                      ("slice-step-negative-None", "[::-1, None]"), ("after-list-step-negative", "[[0]][::-1]")]:
        yield f"index-3-{name}", f"torch.ones(3){key}"
    for name, key in [("dim1", "[0, 5]"), ("dim0", "[2]"), ("after-slice", "[:, 3]"), ("too-many", "[0, 0, 0]"),
                      ("ellipsis", "[..., 5]"), ("None-first", "[None, 0, 5]"), ("None-middle", "[:, None, 5]"),
                      ("list-dim0", "[[0, 5]]"), ("list-dim1", "[:, [0, 5]]"), ("tensor-dim1", "[:, torch.tensor([3])]"),
                      ("lists-broadcast", "[[0, 1], [0, 1, 2]]"), ("mask-after-int", "[0, torch.tensor([True, False])]"),
                      ("mask-after-slice", "[:, torch.tensor([True, False])]"), ("mask-2d", "[torch.ones(3, 2) > 0]"),
                      ("too-many-with-list", "[0, 0, [0]]"), ("step-negative-with-list", "[::-1, [0]]"),
                      ("step-zero-second", "[0, ::0]")]:
        yield f"index-2x3-{name}", f"torch.ones(2, 3){key}"
    for name, key in [("list-dim2", "[:, :, [7]]"), ("lists-second", "[[0], [5]]"), ("lists-after-slice", "[:, [0], [7]]"),
                      ("lists-around-slice", "[[0], :, [7]]"), ("lists-around-slice-first", "[[5], :, [0]]"),
                      ("list-after-int", "[0, [5]]"), ("list-after-ellipsis", "[..., [5]]"),
                      ("list-after-None", "[None, :, [5]]"), ("mask-2d-dim1", "[torch.ones(2, 4) > 0]"),
                      ("mask-3d-dim2", "[torch.ones(2, 3, 5) > 0]")]:
        yield f"index-2x3x4-{name}", f"torch.ones(2, 3, 4){key}"
    yield "index-T-dim1", "torch.ones(3, 2).T[0, 5]"
    for name, key in [("int", "[0]"), ("slice", "[:1]"), ("two-ints", "[0, 0]"), ("None-int", "[None, 0]"),
                      ("ellipsis-int", "[..., 0]"), ("list", "[[0]]"), ("tensor", "[torch.tensor(0)]")]:
        yield f"index-0d-{name}", f"torch.tensor(1.){key}"
    # writing through an index
    yield "setitem-out-of-range", "x = torch.zeros(3); x[5] = 1."
    yield "setitem-out-of-range-dim1", "x = torch.zeros(2, 3); x[0, 5] = 1."
    yield "setitem-list-out-of-range", "x = torch.zeros(2, 3); x[:, [0, 5]] = 1."
    yield "setitem-mask-shape", "x = torch.zeros(2, 3); x[torch.tensor([True, False, True])] = 1."
    yield "setitem-float", "x = torch.zeros(3); x[1.5] = 1."
    # Python protocols
    yield "len-0d", "len(torch.tensor(1.))"
    yield "iter-0d", "iter(torch.tensor(1.))"
    yield "index-method-float", "[1, 2, 3][torch.tensor(1.)]"
    yield "index-method-many", "[1, 2, 3][torch.tensor([0, 1])]"


def joining_cases():
    for f in ["cat", "stack"]:
        yield f"{f}-empty", f"torch.{f}([])"
        yield f"{f}-empty-tuple", f"torch.{f}(())"
        yield f"{f}-sizes", f"torch.{f}([torch.ones(2, 3), torch.ones(2, 4)])"
        yield f"{f}-sizes-dim1", f"torch.{f}([torch.ones(2, 3), torch.ones(3, 3)], dim=1)"
        yield f"{f}-ndim", f"torch.{f}([torch.ones(2, 3), torch.ones(3)])"
        yield f"{f}-dim-out-of-range", f"torch.{f}([torch.ones(2, 3), torch.ones(2, 3)], dim=3)"
        yield f"{f}-dim-negative", f"torch.{f}([torch.ones(2), torch.ones(2)], dim=-3)"
        yield f"{f}-dim-before-sizes", f"torch.{f}([torch.ones(2, 3), torch.ones(3)], dim=4)"
        yield f"{f}-list-element", f"torch.{f}([torch.ones(2), [1., 2.]])"
        yield f"{f}-number-element", f"torch.{f}([torch.ones(2), 1.])"
        yield f"{f}-number-first", f"torch.{f}([1., torch.ones(2)])"
        yield f"{f}-None-element", f"torch.{f}([torch.ones(2), None])"
        yield f"{f}-tensor-not-list", f"torch.{f}(torch.ones(2, 3))"
        yield f"{f}-third-tensor", f"torch.{f}([torch.ones(2, 3), torch.ones(2, 3), torch.ones(2, 4)])"
    yield "cat-0d", "torch.cat([torch.tensor(1.), torch.tensor(2.)])"
    yield "cat-0d-second", "torch.cat([torch.ones(1), torch.tensor(2.)])"
    yield "cat-0d-before-dim", "torch.cat([torch.tensor(1.), torch.ones(2)], dim=5)"
    yield "cat-sizes-3d", "torch.cat([torch.ones(2, 3, 4), torch.ones(2, 3, 5)], dim=0)"
    yield "cat-sizes-first-mismatch", "torch.cat([torch.ones(2, 3), torch.ones(3, 4)], dim=1)"


FUNCTION = ("class F(torch.autograd.Function):\n"
            "    @staticmethod\n    def forward(ctx, {args}):\n        return {result}\n"
            "    @staticmethod\n    def backward(ctx, g):\n        return {grads}\n")


def autograd_cases():
    # in-place operations on a leaf that requires grad
    for name, expr in [("add_", "x.add_(1)"), ("sub_", "x.sub_(1)"), ("mul_", "x.mul_(2)"), ("div_", "x.div_(2)"),
                       ("pow_", "x.pow_(2)"), ("clamp_", "x.clamp_(0, 1)"), ("copy_", "x.copy_(torch.zeros(3))"),
                       ("zero_", "x.zero_()"), ("fill_", "x.fill_(2.)"), ("iadd", "x += 1"), ("isub", "x -= 1"),
                       ("imul", "x *= 2"), ("idiv", "x /= 2"), ("add_-tensor", "x.add_(torch.ones(3))"),
                       ("add_-bigger", "x.add_(torch.ones(2, 3))"), ("setitem", "x[0] = 2."),
                       ("setitem-slice", "x[:2] = 0.")]:
        yield f"leaf-inplace-{name}", f"x = torch.ones(3, requires_grad=True); {expr}"
    yield "leaf-inplace-view", "x = torch.ones(3, requires_grad=True); x[0].add_(1)"
    yield "leaf-inplace-by-other", "w = torch.ones(3, requires_grad=True); y = torch.ones(3, requires_grad=True); y.mul_(w)"
    # in-place results that do not fit the tensor (dtype, or elements sharing memory)
    for dtype, expr in [("int64", "x += 1.5"), ("int64", "x.add_(0.5)"), ("int64", "x *= 1.5"),
                        ("int64", "x /= 2"), ("int64", "x.div_(2)"), ("int64", "x.sub_(torch.ones(3))"),
                        ("int32", "x += 1.5"), ("bool", "x += 1"), ("bool", "x.mul_(2)"),
                        ("int64", "x.pow_(0.5)"), ("int64", "x.clamp_(0.5, 1.5)"), ("int64", "x.clamp_(0, 1.5)"),
                        ("int32", "x.clamp_(0.5)"), ("int64", "x.add_(torch.ones(2, 3) * 1.5)")]:
        yield f"inplace-dtype-{dtype}-{expr}", f"x = torch.ones(3, dtype=torch.{dtype}); {expr}"
    yield "inplace-expanded", "x = torch.ones(3).expand(2, 3); x.add_(1)"
    yield "inplace-expanded-bigger", "x = torch.ones(3).expand(2, 3); x.add_(torch.ones(4, 2, 3))"
    yield "inplace-expanded-dtype", "x = torch.ones(3, dtype=torch.int64).expand(2, 3); x.add_(1.5)"
    # backward without a starting gradient on a non-scalar, with a wrong one, twice, on no graph
    for expr in ["x * 2", "x.exp()", "x[:2]", "x.view(3, 1)", "x.unsqueeze(0) * x"]:
        yield f"backward-non-scalar-{expr}", f"x = torch.ones(3, requires_grad=True); ({expr}).backward()"
    yield "backward-non-scalar-autograd.backward", "x = torch.ones(3, requires_grad=True); torch.autograd.backward(x * 2)"
    yield "backward-non-scalar-grad", "x = torch.ones(3, requires_grad=True); torch.autograd.grad(x * 2, x)"
    yield "backward-non-scalar-grad-second", "x = torch.ones(2, requires_grad=True); y = x * 2; torch.autograd.grad([y.sum(), y], x)"
    yield "backward-gradient-shape", "x = torch.ones(3, requires_grad=True); (x * 2).backward(torch.ones(3, 1))"
    yield "backward-gradient-shape-scalar", "x = torch.ones(3, requires_grad=True); (x * 2).sum().backward(torch.ones(2))"
    yield "backward-gradient-1-for-scalar", "x = torch.ones(3, requires_grad=True); (x * 2).sum().backward(torch.tensor([2.]))"
    yield "backward-gradient-number", "x = torch.ones(3, requires_grad=True); (x * 2).sum().backward(2.)"
    yield "backward-gradient-list", "x = torch.ones(2, requires_grad=True); (x * 2).backward([1., 1.])"
    yield "backward-too-few-gradients", "x = torch.ones(2, requires_grad=True); y = x * 2; torch.autograd.backward([y.sum(), y.sum()], [torch.tensor(1.)])"
    yield "grad-grad_outputs-shape", "x = torch.ones(3, requires_grad=True); torch.autograd.grad(x * 2, x, torch.ones(2))"
    yield "grad-grad_outputs-number", "x = torch.ones(2, requires_grad=True); torch.autograd.grad((x * 2).sum(), x, 1.)"
    yield "grad-too-few-grad_outputs", "x = torch.ones(2, requires_grad=True); y = x * 2; torch.autograd.grad([y.sum(), y.sum()], x, [None])"
    yield "backward-no-grad", "torch.ones(3).sum().backward()"
    yield "backward-no-grad-leaf", "torch.tensor(2.).backward()"
    yield "backward-in-no_grad", "x = torch.ones(3, requires_grad=True)\nwith torch.no_grad():\n    y = (x * 2).sum()\ny.backward()"
    yield "backward-detached", "x = torch.ones(3, requires_grad=True); (x * 2).sum().detach().backward()"
    yield "grad-output-no-grad", "x = torch.ones(3, requires_grad=True); torch.autograd.grad(torch.ones(3).sum(), x)"
    for name, expr in [("mul", "x * x"), ("exp", "x.exp()"), ("pow", "x ** 2"), ("sigmoid", "x.sigmoid()"),
                       ("tanh", "x.tanh()"), ("div", "1 / x"), ("log", "x.log()"), ("sqrt", "x.sqrt()"),
                       ("matmul", "x @ x"), ("max", "x.max()"), ("norm", "x.norm()"), ("mul-const", "x * 2 * x"),
                       ("mse", "torch.nn.functional.mse_loss(x, torch.zeros(3))"),
                       ("bce-logits", "torch.nn.functional.binary_cross_entropy_with_logits(x, torch.zeros(3))")]:
        yield (f"backward-twice-{name}",
               f"x = torch.ones(3, requires_grad=True); z = ({expr}).sum(); z.backward(); z.backward()")
    yield "backward-twice-grad", "x = torch.ones(3, requires_grad=True); z = (x * x).sum(); torch.autograd.grad(z, x); torch.autograd.grad(z, x)"
    yield "backward-twice-shared", "x = torch.ones(3, requires_grad=True); y = x.exp(); y.sum().backward(); (y * 2).sum().backward()"
    yield "saved-after-backward", "x = torch.ones(3, requires_grad=True); y = x * x; y.sum().backward(); y.grad_fn._saved_self"
    # autograd.grad / backward(inputs=...) with inputs that do not take part or cannot
    yield "grad-unused", "x = torch.ones(3, requires_grad=True); w = torch.ones(3, requires_grad=True); torch.autograd.grad((x * 2).sum(), w)"
    yield "grad-unused-second", "x = torch.ones(3, requires_grad=True); w = torch.ones(3, requires_grad=True); torch.autograd.grad((x * 2).sum(), [x, w])"
    yield "grad-unused-intermediate", "x = torch.ones(3, requires_grad=True); y = x * 2; z = x * 3; torch.autograd.grad(y.sum(), z)"
    yield "grad-no-outputs", "x = torch.ones(2, requires_grad=True); torch.autograd.grad((), x)"
    yield "grad-input-no-grad", "x = torch.ones(3, requires_grad=True); torch.autograd.grad((x * 2).sum(), torch.ones(3))"
    yield "grad-inputs-one-no-grad", "x = torch.ones(2, requires_grad=True); torch.autograd.grad((x * 2).sum(), [x, torch.ones(2)])"
    yield "grad-inputs-empty", "x = torch.ones(2, requires_grad=True); torch.autograd.grad((x * 2).sum(), ())"
    yield "grad-inputs-number", "x = torch.ones(2, requires_grad=True); torch.autograd.grad((x * 2).sum(), [1.])"
    yield "backward-inputs-empty", "x = torch.ones(2, requires_grad=True); (x * 2).sum().backward(inputs=[])"
    yield "backward-inputs-no-grad", "x = torch.ones(2, requires_grad=True); (x * 2).sum().backward(inputs=torch.ones(2))"
    yield "backward-inputs-one-no-grad", "x = torch.ones(2, requires_grad=True); (x * 2).sum().backward(inputs=[x, torch.ones(2)])"
    yield "backward-inputs-detached", "x = torch.ones(2, requires_grad=True); y = x * 2; y.sum().backward(inputs=[y.detach()])"
    # hooks that return the wrong thing
    for name, hook in [("size", "lambda g: g[:1]"), ("shape", "lambda g: g.reshape(2, 1)"),
                       ("dtype", "lambda g: g.double()"), ("number", "lambda g: 3"), ("list", "lambda g: [1., 1.]")]:
        yield f"hook-{name}", f"x = torch.ones(2, requires_grad=True); y = x * 2; y.register_hook({hook}); y.sum().backward()"
        yield f"leaf-hook-{name}", f"x = torch.ones(2, requires_grad=True); x.register_hook({hook}); (x * 2).sum().backward()"
    yield "hook-named-function", ("def double_it(g):\n    return g.double()\n"
                                  "x = torch.ones(2, requires_grad=True); y = x * 2; y.register_hook(double_it); y.sum().backward()")
    yield "hook-size-in-grad", "x = torch.ones(2, requires_grad=True); y = x * 2; y.register_hook(lambda g: g[:1]); torch.autograd.grad(y.sum(), x)"
    yield "retain_grad-no-grad", "torch.ones(3).retain_grad()"
    yield "register_hook-no-grad", "torch.ones(3).register_hook(lambda g: g)"
    # custom Functions
    yield "function-too-few-gradients", FUNCTION.format(args="x, y", result="x * y", grads="g") + \
        "x = torch.ones(2, requires_grad=True); F.apply(x, x).sum().backward()"
    yield "function-too-many-gradients", FUNCTION.format(args="x", result="x * 2", grads="g, g") + \
        "x = torch.ones(2, requires_grad=True); F.apply(x).sum().backward()"
    yield "function-no-gradient-for-number", FUNCTION.format(args="x, n", result="x * n", grads="g") + \
        "x = torch.ones(2, requires_grad=True); F.apply(x, 2).sum().backward()"
    yield "function-no-forward", ("class F(torch.autograd.Function):\n    @staticmethod\n    def backward(ctx, g):\n"
                                  "        return g\nF.apply(torch.ones(2, requires_grad=True))")
    yield "function-no-backward", ("class F(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n"
                                   "        return x * 2\nF.apply(torch.ones(2, requires_grad=True)).sum().backward()")
    yield "Variable-not-tensor", "torch.autograd.Variable([1, 2])"
    # requires_grad on integer and boolean tensors
    for dtype in ["int64", "int32", "bool", "uint8"]:
        yield f"requires_grad-tensor-{dtype}", f"torch.tensor([1, 0], dtype=torch.{dtype}, requires_grad=True)"
        yield f"requires_grad_-{dtype}", f"torch.ones(2, dtype=torch.{dtype}).requires_grad_()"
        yield f"requires_grad-attr-{dtype}", f"x = torch.ones(2, dtype=torch.{dtype}); x.requires_grad = True"
        yield f"requires_grad-ones-{dtype}", f"torch.ones(2, dtype=torch.{dtype}, requires_grad=True)"
    yield "requires_grad-int-list", "torch.tensor([1, 2], requires_grad=True)"
    yield "requires_grad-int-scalar", "torch.tensor(1, requires_grad=True)"
    yield "requires_grad-arange", "torch.arange(3, requires_grad=True)"
    yield "requires_grad-zeros_like", "torch.zeros_like(torch.tensor([1, 2]), requires_grad=True)"
    yield "requires_grad-ones_like-dtype", "torch.ones_like(torch.ones(2), dtype=torch.int64, requires_grad=True)"
    yield "requires_grad-full", "torch.full((2,), 3, requires_grad=True)"
    yield "requires_grad-full-bool", "torch.full((2,), True, requires_grad=True)"
    yield "requires_grad-eye-int", "torch.eye(2, dtype=torch.int64, requires_grad=True)"
    yield "requires_grad-nonleaf-off", "x = torch.ones(3, requires_grad=True); (x * 2).requires_grad_(False)"
    # getting numbers out
    for shape in [(3,), (2, 2), (0,)]:
        yield f"item-{_name(shape)}", f"torch.ones({', '.join(map(str, shape))}).item()"
    yield "float-multi", "float(torch.ones(2))"
    yield "float-empty", "float(torch.ones(0))"
    yield "int-multi", "int(torch.ones(2))"
    yield "bool-multi", "bool(torch.ones(2))"
    yield "bool-empty", "bool(torch.ones(0))"
    yield "format-multi", "f'{torch.ones(2):.2f}'"
    yield "format-one-element-1d", "f'{torch.ones(1):.2f}'"
    yield "numpy-requires-grad", "torch.ones(3, requires_grad=True).numpy()"
    yield "numpy-requires-grad-nonleaf", "x = torch.ones(3, requires_grad=True); (x * 2).numpy()"
    yield "numpy-requires-grad-array", "import numpy as np; x = torch.ones(3, requires_grad=True); np.asarray(x)"
    yield "grad-assign-shape", "x = torch.ones(3, requires_grad=True); x.grad = torch.ones(2, 2)"
    yield "grad-assign-type", "x = torch.ones(3, requires_grad=True); x.grad = [1., 1., 1.]"
    yield "grad-None-zero_", "x = torch.ones(2, requires_grad=True); x.grad.zero_()"
    # clamp
    yield "clamp-no-bounds", "torch.ones(3).clamp()"
    yield "clamp_-no-bounds", "torch.ones(3).clamp_()"
    yield "torch.clamp-no-bounds", "torch.clamp(torch.ones(3))"


def creation_cases():
    for data in ["[[1, 2], [3]]", "[[1], [2, 3]]", "[[1, 2], 3]", "[1, [2, 3]]", "[[[1, 2], [3, 4]], [[5, 6], [7]]]",
                 "[[1, 2], [3, 4], [5]]", "[[1., 2.], []]", "[True, [False]]", "[1, (2,)]", "[1, [2.]]",
                 "[[1, 2], (3,)]", "[[1, 2], [3, [4]]]", "[[1, [2]], [3, 4]]", "[[[1], [2]], [[3], 4]]",
                 "[[1], 2, [3]]"]:
        yield f"tensor-ragged-{data}", f"torch.tensor({data})"
    yield "tensor-ragged-float-dtype", "torch.tensor([1, [2]], dtype=torch.float32)"
    for data in ["'abc'", "['a', 'b']", "['a', 1]", "[['a']]", "[1.5, 'a']", "[[1, 2], [3, 'a']]", "[[1, 2], 'ab']",
                 "b'ab'", "[b'a']", "None", "[None]", "[1, None]", "[[1, 2], None]", "{'a': 1}", "{1, 2}",
                 "object()", "[object()]"]:
        yield f"tensor-data-{data}", f"torch.tensor({data})"
    yield "Tensor-ragged", "torch.Tensor([[1, 2], [3]])"
    yield "Tensor-not-a-sequence", "torch.Tensor([[1], 2])"
    yield "as_tensor-ragged", "torch.as_tensor([[1], [2, 3]])"
    yield "new_tensor-ragged", "torch.ones(2, 3).new_tensor([[1], [2, 3]])"
    yield "from_numpy-list", "torch.from_numpy([1, 2])"
    yield "from_numpy-str", "import numpy as np; torch.from_numpy(np.array(['a']))"
    yield "from_numpy-object", "import numpy as np; torch.from_numpy(np.array([None]))"
    for f in ["ones", "zeros", "empty", "rand", "randn"]:
        yield f"{f}-negative", f"torch.{f}(2, -3)"
        yield f"{f}-negative-tuple", f"torch.{f}((-1,))"
        yield f"{f}-negatives", f"torch.{f}(2, -1, -3)"
    yield "Tensor-negative", "torch.Tensor(2, -3)"
    yield "new_zeros-negative", "torch.ones(2).new_zeros(-1)"
    yield "new_ones-negative", "torch.ones(2).new_ones(2, -1)"
    yield "full-negative", "torch.full((-2,), 1.)"
    yield "full-negative-2d", "torch.full((2, -1), 1.)"
    yield "eye-negative", "torch.eye(-1)"
    yield "eye-negative-m", "torch.eye(2, -1)"
    yield "eye-negative-both", "torch.eye(-1, -2)"
    yield "arange-step-zero", "torch.arange(0, 10, 0)"
    yield "arange-step-zero-float", "torch.arange(0, 10, 0.)"
    yield "arange-wrong-sign", "torch.arange(10, 0)"
    yield "arange-negative-end", "torch.arange(-1)"
    yield "arange-wrong-sign-step", "torch.arange(0, 10, -1)"
    yield "arange-float-wrong-sign", "torch.arange(1., 0., 0.5)"
    yield "linspace-negative", "torch.linspace(0, 1, -1)"
    yield "randint-empty-range", "torch.randint(5, 2, (3,))"
    yield "randint-equal-bounds", "torch.randint(5, 5, (2,))"
    yield "randint-zero", "torch.randint(0, (3,))"
    yield "randint-negative-high", "torch.randint(-1, (3,))"
    yield "randint-negative-size", "torch.randint(3, (-1,))"
    yield "ones-device", "torch.ones(2, device='cuda')"
    yield "tensor-device", "torch.tensor([1.], device='cuda:0')"


def loss_and_optimizer_cases():
    F = "torch.nn.functional."
    for loss, x in [("binary_cross_entropy_with_logits", "torch.ones(3)"), ("binary_cross_entropy", "torch.ones(3) / 2"),
                    ("mse_loss", "torch.ones(3)")]:
        yield f"{loss}-reduction", f"{F}{loss}({x}, torch.ones(3), reduction='avg')"
        yield f"{loss}-target-list", f"{F}{loss}({x}, [1., 0., 1.])"
    yield "bce_with_logits-shapes", f"{F}binary_cross_entropy_with_logits(torch.ones(3), torch.ones(2))"
    yield "bce-shapes", f"{F}binary_cross_entropy(torch.ones(3) / 2, torch.ones(2))"
    yield "bce-not-probabilities", f"{F}binary_cross_entropy(torch.ones(3) * 2, torch.ones(3))"
    yield "bce-target-above-1", f"{F}binary_cross_entropy(torch.tensor([0.2, 0.7]), torch.tensor([0., 1.5]))"
    yield "bce-target-below-0", f"{F}binary_cross_entropy(torch.tensor([0.2, 0.7]), torch.tensor([-0.1, 1.]))"
    yield "bce-target-first", f"{F}binary_cross_entropy(torch.tensor([0.5, 1.2]), torch.tensor([1.5, 0.]))"
    yield "bce-input-first", f"{F}binary_cross_entropy(torch.tensor([1.2, 0.5]), torch.tensor([0., 1.5]))"
    yield "bce-target-nan", f"{F}binary_cross_entropy(torch.tensor([0.5]), torch.tensor([float('nan')]))"
    yield "mse-not-broadcastable", f"{F}mse_loss(torch.ones(3), torch.ones(2))"
    w = "[torch.ones(2, requires_grad=True)]"
    for name, args in [("empty", "[], lr=0.1"), ("lr", f"{w}, lr=-1"), ("momentum", f"{w}, lr=0.1, momentum=-1"),
                       ("weight_decay", f"{w}, lr=0.1, weight_decay=-1"), ("nesterov", f"{w}, lr=0.1, nesterov=True"),
                       ("nesterov-dampening", f"{w}, lr=0.1, momentum=0.9, dampening=0.1, nesterov=True"),
                       ("lr-before-momentum", f"{w}, lr=-1, momentum=-1"),
                       ("momentum-before-weight_decay", f"{w}, lr=0.1, momentum=-1, weight_decay=-1"),
                       ("list-param", "[[1., 2.]], lr=0.1"), ("tensor-not-list", "torch.ones(2, requires_grad=True), lr=0.1"),
                       ("double-tensor-not-list", "torch.ones(2, dtype=torch.float64), lr=0.1"),
                       ("non-leaf", "[torch.ones(2, requires_grad=True) * 2], lr=0.1")]:
        yield f"SGD-{name}", f"torch.optim.SGD({args})"


CASES = dict(case for gen in [binary_cases, reduction_cases, shape_cases, indexing_cases, joining_cases,
                               autograd_cases, creation_cases, loss_and_optimizer_cases] for case in gen())

# --- Known differences, each with its reason. Every entry is checked (see the tests below), so an
# entry that stops being true fails and must be removed.

# Same exception class, different first line.
KNOWN_DIFFERENCES = {
    # PyTorch accepts the negative size in expand's checks and fails later, inside numel() (C++
    # internals); minigrad names the negative size instead.
    "expand-negative-new-dim": "torch: 'numel: integer multiplication overflow'",
    "expand-negative-size-1": "torch: 'numel: integer multiplication overflow'",
}

# PyTorch raises, minigrad does not notice.
NOT_DETECTED = {}

# Same class and first line, but no Korean line: the exception is Python's own.
NO_HINT = {
    "grad-None-zero_": "x.grad is None before backward; None.zero_() raises Python's AttributeError",
}

# PyTorch accepts these, minigrad refuses them (with a Korean hint).
MINIGRAD_ONLY = {
    "int-tensor-to-negative-int-tensor-power": (
        "torch.tensor([2, 3]) ** torch.tensor([1, -1])",
        "numpy refuses integers to negative integer powers; PyTorch computes them (2 ** -1 = 0)"),
    "from_numpy-uint16": (
        "import numpy as np; torch.from_numpy(np.array([1], dtype='uint16'))",
        "minigrad has no uint16/32/64 or complex dtypes"),
    "cat-legacy-empty": (
        "torch.cat([torch.ones(2, 3), torch.tensor([])])",
        "PyTorch skips 1-D empty tensors in cat (a legacy rule); numpy does not"),
    "tensor-empty-first-row": (
        "torch.tensor([[], [1]])",
        "PyTorch checks no row lengths when the first row is empty (the result has no elements)"),
}

# Valid code next to the misuses above: both libraries run it and print the same.
ACCEPTED = [
    "print(torch.ones(4, 4)[:, ::2].view(8))",                     # a non-contiguous tensor that view accepts
    "print(torch.ones(4, 4)[::2].view(2, 2, 2).shape, torch.ones(2, 3, 4).transpose(0, 1).view(3, 2, 2, 2).shape)",
    "print(torch.ones(2, 3)[..., ...].shape, torch.ones(2, 3)[..., 0, ...].shape)",
    "print(torch.ones(2, 3).expand(2, -1, 3).shape, torch.ones(1, 3).expand(0, 3).shape)",
    "print(torch.cat([torch.ones(2), torch.ones(2), torch.ones(3)]))",
    "print(torch.ones(2, 3).sum_to_size(1, 1), torch.ones(2, 3).sum_to_size(3), torch.ones(2, 3).sum_to_size(2, 1))",
    "print(torch.zeros(0, 2).view(-1), torch.zeros(0, 2).view(3, -1), torch.ones(6).view(-1, 1, 2).shape)",
    "print(torch.tensor(1.)[None], torch.tensor(1.)[...], torch.tensor(1.)[()])",
    "print(torch.ones(3)[torch.tensor(1, dtype=torch.int32)], torch.ones(3)[[True, False, True]])",
    "print(torch.ones(2, 3)[torch.tensor([True, False])], torch.ones(2, 3)[:, [0, -1]])",
    "print(torch.where(torch.tensor([1, 0], dtype=torch.uint8), torch.ones(2), torch.zeros(2)))",
    "print(torch.stack([torch.tensor(1.), torch.tensor(2.)]), torch.stack([torch.ones(2), torch.ones(2)], dim=-1))",
    "print(torch.arange(0), torch.arange(5, 5, -1), torch.arange(10, 0, -3), torch.linspace(0, 1, 0), torch.eye(0))",
    "print(torch.full((2, 0), 1.), torch.randint(1, (2, 2)), torch.randint(0, 1, (2,)), torch.zeros(0))",
    "print(torch.tensor([torch.tensor(1.), torch.tensor(2.)]), torch.tensor([[1, 2], (3, 4)]), torch.tensor(()))",
    "print(torch.tensor([[]]), torch.tensor([[1.5]], dtype=torch.int64), torch.tensor([True, 1]))",
    "import numpy as np; print(torch.ones(2) @ np.ones(2), torch.ones(2, 2) @ np.ones(2, dtype='float32'))",
    "print(f'{torch.tensor(3.14159):.2f}', f'{torch.tensor(3):d}', f'{torch.ones(2)}')",
    "x = torch.tensor(1., requires_grad=True); print(x.mT, x.mT.grad_fn, torch.ones(2, 3).mT.shape)",
    "x = torch.ones(2, requires_grad=True); y = x * 2; print(torch.autograd.grad(y.sum(), x, [torch.tensor(1.), None]))",
    "x = torch.ones(2, requires_grad=True); y = x * 2; y.register_hook(lambda g: g * 10); y.sum().backward(); print(x.grad)",
    "x = torch.ones(2, requires_grad=True); (x * 2).sum().backward(inputs=[x]); print(x.grad)",
    "print(torch.nn.functional.mse_loss(torch.ones(3), torch.ones(1)), torch.tensor([2., 4.]) ** -1)",
    "x = torch.ones(3, 4, requires_grad=True); print((x @ torch.ones(2, 4, 5)).shape, (torch.ones(2, 5, 3) @ x).shape)",
    "x = torch.tensor(2., requires_grad=True); (x ** 2).backward(torch.tensor(3.)); print(x.grad)",
]


# --------------------------------------------------------------------------------- running
def outcome(lib, code):
    """What running `code` with ``torch`` = `lib` printed, and (class name, first line, rest of the
    message) of the exception it raised, or None."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(code, {"torch": lib})
        except Exception as e:  # noqa: BLE001 - the exception is the result
            first, _, rest = str(e).partition("\n")
            return out.getvalue(), (type(e).__name__, first, rest)
    return out.getvalue(), None


def _has_hint(error):
    return error[2].startswith("💡 ") and "\n" not in error[2]


@pytest.fixture(scope="module")
def real_torch():
    return pytest.importorskip("torch")


@pytest.mark.parametrize("key,code", CASES.items(), ids=CASES.keys())
def test_same_error_as_torch(real_torch, key, code):
    theirs = outcome(real_torch, code)[1]
    assert theirs is not None, f"not a misuse in PyTorch; take it out of the matrix:\n{code}"
    mine = outcome(minigrad, code)[1]
    if key in NOT_DETECTED:
        assert mine is None, f"{key} is now detected: remove it from NOT_DETECTED"
        return
    assert mine is not None, f"PyTorch raises {theirs[0]}: {theirs[1]!r}, minigrad raises nothing for:\n{code}"
    assert mine[0] == theirs[0], f"exception class differs ({mine[0]}: {mine[1]!r}) for:\n{code}"
    if key in KNOWN_DIFFERENCES:
        assert mine[1] != theirs[1], f"{key} now matches PyTorch: remove it from KNOWN_DIFFERENCES"
    else:
        assert mine[1] == theirs[1], f"first line of the message differs for:\n{code}"
    if key in NO_HINT:
        assert not _has_hint(mine), f"{key} now has a hint: remove it from NO_HINT"
    else:
        assert _has_hint(mine), f"the message needs one Korean line starting with '💡' after PyTorch's text:\n{mine[2]!r}"


def test_known_differences_are_cases():
    assert set(KNOWN_DIFFERENCES) | set(NOT_DETECTED) | set(NO_HINT) <= set(CASES)


@pytest.mark.parametrize("code,reason", MINIGRAD_ONLY.values(), ids=MINIGRAD_ONLY.keys())
def test_refused_only_by_minigrad(real_torch, code, reason):
    assert outcome(real_torch, code)[1] is None, f"PyTorch refuses this now: move it into CASES\n{code}"
    mine = outcome(minigrad, code)[1]
    assert mine is not None, f"minigrad accepts this now: remove it from MINIGRAD_ONLY ({reason})"
    assert _has_hint(mine), f"the message needs one Korean line starting with '💡':\n{mine[2]!r}"


@pytest.mark.parametrize("code", ACCEPTED)
def test_accepted_by_both(real_torch, code):
    theirs, mine = outcome(real_torch, code), outcome(minigrad, code)
    assert theirs[1] is None, f"PyTorch refuses this: {theirs[1]}"
    assert mine[1] is None, f"minigrad refuses what PyTorch accepts: {mine[1][0]}: {mine[1][1]}"
    assert mine[0] == theirs[0], f"printed output differs for:\n{code}"
