"""Parity cases for matmul of batched (3-D and more) operands: the graph it records and its gradients.

PyTorch's matmul (at::native::matmul) either folds the batch of the bigger operand into the rows of
one mm / mv and views the result back (UnsafeViewBackward0), or expands and flattens the batches for
one bmm. Which one it takes depends on the ranks, on which operand requires grad and on the memory
layout, so the cases below vary all three. Each prints the result (its repr names the grad_fn), the
whole graph below it, the gradients, and the graph of the gradients under create_graph=True.
"""

# graph(fn): the graph below a grad_fn on one line, e.g. UnsafeViewBackward0(MmBackward0(ViewBackward0(leaf), leaf))
# t(shape): a leaf with fixed small values (the same numbers in both libraries), shifted by `shift`
_HELPERS = (
    "def graph(fn):\n"
    "    if fn is None: return 'None'\n"
    "    if fn.name().endswith('AccumulateGrad'): return 'leaf'\n"
    "    return fn.name() + '(' + ', '.join(graph(f) for f, _ in fn.next_functions) + ')'\n"
    "def t(*shape, grad=True, dtype=None, shift=0):\n"
    "    n = 1\n"
    "    for s in shape: n *= s\n"
    "    x = (torch.arange(n) % 5 - 2).reshape(shape)\n"
    "    return x.to(dtype) if dtype is not None else (x + shift).float().requires_grad_(grad)\n")


def _product(a, b, create_graph=True):
    """y = a @ b: y, its graph, a.grad and b.grad after backward, then with create_graph=True the
    gradients' graphs and the second derivative."""
    code = (_HELPERS + f"a = {a}; b = {b}\n"
            "y = a @ b; print(y); print(graph(y.grad_fn))\n"
            "ins = [x for x in (a, b) if x.requires_grad]\n"
            "(y * y).sum().backward(retain_graph=True); print([x.grad for x in ins])")
    if create_graph:
        code += ("\ngs = torch.autograd.grad((y * y).sum(), ins, create_graph=True)\n"
                 "for g in gs: print(g); print(graph(g.grad_fn))\n"
                 "print(torch.autograd.grad(sum((g * g).sum() for g in gs), ins))")
    return code


MATMUL = [
    # every rank combination with a batch, both operands requiring grad: mm / mv on the folded batch,
    # transposed (b.mT @ a.mT).mT when the batch is on the right, bmm when both have a batch
    _product("t(2, 2, 3)", "t(3, 2)"),
    _product("t(2, 2, 3)", "t(3)"),
    _product("t(2, 3)", "t(2, 3, 2)"),
    _product("t(3)", "t(2, 3, 2)"),
    _product("t(2, 2, 3)", "t(2, 3, 2)"),
    _product("t(2, 2, 2, 3)", "t(3, 2)"),
    _product("t(2, 2, 2, 3)", "t(3)"),
    _product("t(2, 3)", "t(2, 2, 3, 2)"),
    _product("t(3)", "t(2, 2, 3, 2)"),
    _product("t(2, 2, 2, 3)", "t(2, 3, 2)"),
    _product("t(2, 2, 3)", "t(2, 2, 3, 2)"),
    _product("t(2, 2, 2, 3)", "t(2, 2, 3, 2)"),
    # only the batched operand requires grad: no fold for a matrix or vector on the left (bmm of the
    # expanded operands); on the right a contiguous batch still folds
    _product("t(2, 3, grad=False)", "t(2, 3, 2)"),
    _product("t(3, grad=False)", "t(2, 3, 2)"),
    _product("t(2, 2, 3)", "t(3, 2, grad=False)"),
    _product("t(2, 2, 3)", "t(3, grad=False)"),
    # a batch that is not contiguous in memory: folding would copy, so bmm unless the other operand
    # requires grad (then it folds anyway, through a copy: CloneBackward0)
    _product("t(2, 2, 2, 3).transpose(0, 1)", "t(3, 2, grad=False)"),
    _product("t(2, 2, 2, 3).transpose(0, 1)", "t(3, grad=False)"),     # (squeeze(-1))
    _product("t(2, 2, 3).transpose(0, 1)", "t(3, 2)"),
    _product("t(2, 3, 2).transpose(0, 2)", "t(2, 4)"),
    # broadcast batches: expand + reshape (a copy when the expanded batch is not contiguous) + bmm
    _product("t(2, 1, 3, 4)", "t(5, 4, 2)"),
    _product("t(2, 1, 2, 3)", "t(2, 3)[None].expand(3, 2, 3).transpose(1, 2)"),
    _product("t(3, 1, 2, 3)", "t(3)"),         # (a vector that requires grad: folded, whatever the batch)
    # a batch of one that requires grad is squeezed away (a 2-D operand: folding again)
    _product("t(1, 2, 3)", "t(4, 3, 2)"),
    _product("t(4, 2, 3)", "t(1, 3, 2)"),
    _product("t(1, 2, 3, grad=False)", "t(4, 3, 2)"),
    _product("t(4, 2, 3)", "t(1, 3, 2, grad=False)"),
    # the transposed fold gives a copy only if the transposed result is not already contiguous
    _product("t(1, 3, shift=0.5)", "t(2, 3, 2, shift=0.5)"),
    _product("t(2, 3)", "t(2, 3, 1)"),
    # torch.bmm itself: its graph, what it saved, gradients and their graph
    _HELPERS + "a = t(2, 2, 3); b = t(2, 3, 2); y = torch.bmm(a, b); print(y, graph(y.grad_fn))\n"
    "print(y.grad_fn._saved_self.shape, y.grad_fn._saved_mat2.shape, torch.bmm(input=a, mat2=b).shape)\n"
    "ga, gb = torch.autograd.grad((y * y).sum(), (a, b), create_graph=True); print(ga, gb)\n"
    "print(graph(ga.grad_fn)); print(graph(gb.grad_fn)); print(torch.autograd.grad((ga * gb.sum()).sum(), (a, b)))",
    # 2-D products inside: PyTorch's mm backward keeps a column-major (transposed) input column-major,
    # and mv's gradient of the matrix is an outer product through a reshape
    _HELPERS + "x = t(2, 3); w = t(3, 2)\n"
    "for y in (w.t() @ x.t(), x.T @ x, x.mT @ x, x @ w.t().t()):\n"
    "    gx, gw = torch.autograd.grad((y * y).sum(), (x, w), create_graph=True, allow_unused=True)\n"
    "    print(gx, graph(gx.grad_fn)); print(None if gw is None else graph(gw.grad_fn))",
    _HELPERS + "x = t(2, 3); v = t(3)\n"
    "gx, gv = torch.autograd.grad(((x @ v) ** 2).sum(), (x, v), create_graph=True)\n"
    "print(gx, graph(gx.grad_fn)); print(gv, graph(gv.grad_fn)); print(torch.autograd.grad((gx.sum() * gv).sum(), (x, v)))",
    # integer tensors (no autograd): the same products, in the integer dtype
    _HELPERS + "i = lambda *s: t(*s, dtype=torch.int64)\n"
    "print(i(2, 2, 3) @ i(3, 2), i(2, 2, 3) @ i(3), i(2, 3) @ i(2, 3, 2), i(3) @ i(2, 3, 2))\n"
    "print(i(2, 1, 2, 3) @ i(5, 3, 2), torch.bmm(i(2, 2, 3), i(2, 3, 2)))\n"
    "print(t(2, 2, 3, dtype=torch.int32) @ t(2, 3, 2, dtype=torch.int32), t(2, 2, 3, dtype=torch.float64) @ t(3, dtype=torch.float64))",
    # empty batches and an empty inner dimension
    _HELPERS + "print(t(0, 2, 3) @ t(3, 2), t(2, 0, 3) @ t(2, 3, 4), t(2, 2, 0) @ t(2, 0, 3), t(2, 0) @ t(3, 0, 2))",
    # without recording (no_grad) the same values come out, and nothing is recorded
    _HELPERS + "with torch.no_grad():\n"
    "    for y in (t(2, 2, 3) @ t(3, 2), t(2, 3) @ t(2, 3, 2), t(2, 1, 3, 4) @ t(5, 4, 2)): print(y, y.requires_grad)",
    # shape errors: worded after the kernel PyTorch picks (mm / mv on the folded batch, or bmm)
    _HELPERS + "t(2, 2, 3) @ t(4, 2)",
    _HELPERS + "t(2, 2, 3) @ t(4, 2, grad=False)",
    _HELPERS + "t(2, 2, 3) @ t(4)",
    _HELPERS + "t(2, 3) @ t(2, 4, 2)",
    _HELPERS + "t(2, 3, grad=False) @ t(2, 4, 2)",
    _HELPERS + "t(4) @ t(2, 3, 2)",
    _HELPERS + "t(4, grad=False) @ t(2, 3, 2)",
    _HELPERS + "t(2, 2, 3) @ t(2, 2, 2)",
    _HELPERS + "t(2, 2, 3) @ t(3, 3, 2)",
    _HELPERS + "t(2, 3, 2, 3) @ t(4, 3, 2)",
    _HELPERS + "t(2, 3, 2, 3) @ t(3, 4, 2)",
    _HELPERS + "t(2, 2, 3).transpose(0, 1) @ t(4, grad=False)",
    _HELPERS + "t(2, 2, 3) @ torch.tensor(2.)",
    _HELPERS + "torch.matmul(t(2, 2, 3), [1.])",
    # dtype errors: mm's, addmv's or bmm's wording
    _HELPERS + "t(2, 2, 3, dtype=torch.int64) @ t(3, 2)",
    _HELPERS + "t(2, 2, 3, dtype=torch.int64) @ t(3)",
    _HELPERS + "t(2, 2, 3, dtype=torch.int64) @ t(2, 3, 2)",
    _HELPERS + "t(2, 3) @ t(2, 3, 2, dtype=torch.int64)",
    _HELPERS + "t(2, 3, grad=False) @ t(2, 3, 2, dtype=torch.int64)",
    _HELPERS + "t(2, 2, 2, dtype=torch.float64) @ t(2, 2)",
    _HELPERS + "t(2, 2, 2, dtype=torch.bool) @ t(2, 2, dtype=torch.bool)",
    _HELPERS + "t(2, 2, 2, dtype=torch.bool) @ t(2, 2, 2, dtype=torch.bool)",
    _HELPERS + "t(2, 2, dtype=torch.bool) @ t(2, dtype=torch.bool)",
    # torch.bmm's own checks: 3-D operands, matching batch and inner sizes, one dtype, tensors
    _HELPERS + "torch.bmm(t(2, 3), t(2, 3, 2))",
    _HELPERS + "torch.bmm(t(2, 2, 3), t(3, 2))",
    _HELPERS + "torch.bmm(t(1, 2, 2, 3), t(2, 3, 2))",
    _HELPERS + "torch.bmm(t(2, 2, 3), t(3, 3, 2))",
    _HELPERS + "torch.bmm(t(2, 2, 3), t(2, 4, 2))",
    _HELPERS + "torch.bmm(t(2, 2, 3), t(2, 3, 2, dtype=torch.int64))",
    _HELPERS + "torch.bmm(t(2, 2, 3, dtype=torch.int64), t(2, 4, 2))",
    _HELPERS + "torch.bmm(t(1, 2, 2, dtype=torch.bool), t(1, 2, 2, dtype=torch.bool))",
    _HELPERS + "torch.bmm([1.], t(2, 3, 2))",
    _HELPERS + "torch.bmm(t(2, 2, 3), 2)",
]

# reshape of a non-contiguous batch to the same shape (ReshapeAliasBackward0)
MATMUL += [
    _product("t(2, 2, 3).transpose(0, 1)", "t(3, 2, grad=False)"),
    _product("t(2, 2, 3).transpose(0, 1)", "t(3, grad=False)"),
]

MATMUL += [
    "a = torch.ones(2, 2, 3, requires_grad=True); b = torch.ones(2, 3, 4)\n"
    "c = a.bmm(b); print(c.grad_fn.name(), c.shape); c.sum().backward(); print(a.grad[0])",
    "torch.ones(2, 2, 3).bmm(torch.ones(3, 4))",
    "torch.ones(2, 2, 3).bmm([1.])",
    "torch.ones(2, 2, 3).bmm(torch.ones(2, 4, 4))",
]
