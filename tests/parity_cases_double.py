"""Parity cases for create_graph=True: the graph backward builds (its node names) and the values of
second derivatives, compared with real PyTorch like every case in parity_cases.py."""

# names(fn): the graph below a grad_fn, one node name a line, indented by depth
_NAMES = ("def names(fn, depth=0):\n"
          "    if fn is None: return ''\n"
          "    return '  ' * depth + fn.name() + '\\n' + ''.join(names(f, depth + 1) for f, _ in fn.next_functions)\n"
          "x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)\n"
          "w = torch.tensor([[1., 2., 3.], [4., 5., 6.]])\n")


def _second(expr):
    """g = d(expr.sum())/dx with create_graph=True: g (its repr shows grad_fn), g's graph, then g2."""
    return (_NAMES + f"y = {expr}\n"
            "g, = torch.autograd.grad(y.sum(), x, create_graph=True); print(g); print(names(g.grad_fn))\n"
            "g2, = torch.autograd.grad((g * w).sum(), x); print(g2)")


def _third(expr):
    """The graph of the second derivative too, and the third derivative."""
    return (_NAMES + f"y = {expr}\n"
            "g, = torch.autograd.grad(y.sum(), x, create_graph=True); print(g); print(names(g.grad_fn))\n"
            "g2, = torch.autograd.grad((g * w).sum(), x, create_graph=True); print(g2); print(names(g2.grad_fn))\n"
            "g3, = torch.autograd.grad(g2.sum(), x); print(g3)")


def _with_grad_output(expr, gg_graph=True):
    """A gradient that itself requires grad: the graph of the first-order backward formula itself,
    then the derivative by that gradient (and its graph, unless the engine's order of adding up
    two contributions shows in it)."""
    return (_NAMES + f"y = {expr}\n"
            "go = (torch.ones(y.shape) * 0.5).requires_grad_()\n"
            "g, = torch.autograd.grad(y, x, go, create_graph=True); print(g); print(names(g.grad_fn))\n"
            "gg, = torch.autograd.grad((g * w).sum(), go, create_graph=True); print(gg)"
            + ("; print(names(gg.grad_fn))" if gg_graph else ""))


DOUBLE_BACKWARD = [
    # pow: tensor ** tensor (log of the base inside the graph), ** number (MulBackward1), number ** tensor
    _second("(x * x) ** x"),
    _second("x ** x.detach()"),
    _second("(x * x) ** 0.5"),
    _third("x ** 3"),
    _third("x ** 2"),
    _third("2 ** x"),
    # tanh, sigmoid, relu: backward is an op of its own (TanhBackwardBackward0 ...)
    _third("x.tanh()"),
    _third("x.sigmoid()"),
    _third("x.relu()"),
    _with_grad_output("x.tanh()"),
    _with_grad_output("x.sigmoid()"),
    _with_grad_output("x.relu()"),
    _NAMES + "g, = torch.autograd.grad(x.relu().sum(), x, create_graph=True)\n"
             "print(g.requires_grad, g.grad_fn._saved_threshold, g.grad_fn._saved_self)",
    _NAMES + "go = torch.ones(2, 3, requires_grad=True); g, = torch.autograd.grad(x.tanh(), x, go, create_graph=True)\n"
             "print(g.grad_fn._saved_output, g.grad_fn._saved_grad_output)",
    # abs (a recorded sgn), cos, sin, sqrt, log1p, exp, log
    _third("x.abs()"),
    _third("x.cos()"),
    _third("x.sin()"),
    _third("(x * x).sqrt()"),
    _third("(x * x).log1p()"),
    _third("x.exp()"),
    _second("(x * x).log()"),
    # division: other's gradient is -grad * ((self / other) / other); reciprocal -grad * (result * result)
    _second("x / (x * x + 1)"),
    _third("1 / (x * x + 1)"),
    _third("(x * x + 1).reciprocal()"),
    _third("x / 3"),
    _third("x * 3"),
    _with_grad_output("x / (x * x + 1)", gg_graph=False),
    _with_grad_output("x ** 3"),
    _with_grad_output("torch.where(x > 0, x * x, x)"),
    # losses
    _third("torch.nn.functional.mse_loss(x * x, torch.ones(2, 3))"),
    _third("torch.nn.functional.mse_loss(x * x, torch.ones(2, 3), reduction='sum')"),
    _with_grad_output("torch.nn.functional.mse_loss(x * x, torch.ones(2, 3), reduction='none')"),
    _third("torch.nn.functional.binary_cross_entropy(x.sigmoid(), torch.ones(2, 3) * 0.5)"),
    _second("torch.nn.functional.binary_cross_entropy(x.sigmoid(), torch.tensor([[0., 1., 1.], [0.25, 0., 1.]]), "
            "weight=torch.tensor([1., 2., 3.]), reduction='sum')"),
    _third("torch.nn.functional.binary_cross_entropy_with_logits(x, torch.ones(2, 3) * 0.5)"),
    _third("torch.nn.functional.binary_cross_entropy_with_logits(x, torch.ones(2, 3) * 0.5, reduction='sum')"),
    _with_grad_output("torch.nn.functional.binary_cross_entropy_with_logits(x, torch.ones(2, 3) * 0.5)"),
    _with_grad_output("torch.nn.functional.binary_cross_entropy(x.sigmoid(), torch.ones(2, 3) * 0.5)"),
    _second("torch.nn.functional.binary_cross_entropy_with_logits(x, torch.tensor([[0., 1., 1.], [0.25, 0., 1.]]), "
            "weight=torch.tensor([1., 2., 3.]), pos_weight=torch.tensor([2., 1., 0.5]))"),
    # the target's gradient, and a second derivative through it
    _NAMES + "t = torch.tensor([[0.2, 0.9, 0.5], [0.3, 0.6, 0.1]], requires_grad=True)\n"
             "F = torch.nn.functional\n"
             "for loss in (F.mse_loss(x, t), F.binary_cross_entropy(t, x.sigmoid()), F.binary_cross_entropy_with_logits(x, t)):\n"
             "    gx, gt = torch.autograd.grad(loss, (x, t), create_graph=True)\n"
             "    print(gx, gt); print(names(gt.grad_fn))\n"
             "    print(torch.autograd.grad((gt * w).sum(), (x, t), allow_unused=True))",
]

DOUBLE_BACKWARD += [
    # reductions, indexing, clamp, norm: their backward formulas' own graph (a grad_output that requires grad)
    _with_grad_output("(x * x).mean()"),
    _with_grad_output("(x * x).mean(1)"),
    _with_grad_output("(x * x).sum(0)"),
    _with_grad_output("(x * x).sum((0, 1))"),
    _with_grad_output("(x * x).unsqueeze(0).squeeze(0)"),
    _with_grad_output("(x * x).unsqueeze(0).squeeze()"),
    _with_grad_output("(x * x)[0]"),
    _with_grad_output("(x * x)[:, 1:]"),
    _with_grad_output("(x * x)[0:1].expand(4, 3)"),
    _with_grad_output("(x * x)[[0, 0, 1]]"),
    _with_grad_output("x.clamp(-0.5, 1.0)"),
    _with_grad_output("x.clamp(min=0.3)"),
    _with_grad_output("x.norm()"),
    _with_grad_output("x.norm(dim=1)"),
    _with_grad_output("x.norm(dim=0, keepdim=True)"),
    _third("x.norm()"),
    _third("x @ x[0]"),
    _second("torch.stack([x * x, x]).sum(0)"),
    _NAMES + "z = torch.zeros(2, 3, requires_grad=True); g, = torch.autograd.grad(z.norm(), z, create_graph=True)\n"
             "print(g); print(names(g.grad_fn)); print(torch.autograd.grad(z.norm(dim=1).sum(), z))",
]
DOUBLE_BACKWARD.append(   # a zero norm: masked_fill's 0 there, also in the second derivative
    _NAMES + "z = torch.tensor([[0., 0., 0.], [1., 2., 2.]], requires_grad=True)\n"
             "go = torch.ones(2, requires_grad=True)\n"
             "g, = torch.autograd.grad(z.norm(dim=1), z, go, create_graph=True); print(g)\n"
             "print(torch.autograd.grad((g * w).sum(), (z, go)))")
