"""Snippets run twice, once with ``torch`` = minigrad and once with real PyTorch.

The printed text and the exception class must be identical (messages are compared by their first
line, PyTorch's English text). Used by tests/test_parity.py. Randomness is avoided: these use
fixed values so both libraries see the same numbers.
"""

PRINTING = [
    "print(torch.tensor(5))",
    "print(torch.tensor(3.))",
    "print(torch.tensor(-0.5))",
    "print(torch.tensor([1, 2, 3, 4]))",
    "print(torch.tensor([[1, 2, 3], [4, 5, 6]]))",
    "print(torch.tensor([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]))",
    "print(torch.ones(2, 3)); print(torch.zeros(2, 3))",
    "print(torch.ones(2, 2, 2))",
    "print(torch.ones(2, 1, 2, 2))",
    "print(torch.arange(0, 10)); print(torch.arange(5.)); print(torch.arange(1, 2, 0.25))",
    "print(torch.linspace(0, 1, steps=5))",
    "print(torch.linspace(-1, 1, 7))",
    "print(torch.tensor([5.12e1, 5.12e2, 5.12e-2]))",
    "print(torch.tensor([1e-5, 1.0])); print(torch.tensor([1e10])); print(torch.tensor([123456789.]))",
    "print(torch.tensor([[1e-5, 1], [1e5, 2]]))",
    "print(torch.tensor([-1.5, 2.0])); print(torch.tensor([0.1, 1, 10]))",
    "print(torch.tensor([float('nan'), 1., float('inf')])); print(torch.tensor([float('-inf'), 0.]))",
    "print(torch.tensor([0., 0.])); print(torch.tensor([1., -0.]))",
    "print(torch.tensor([True, False])); print(torch.tensor(True))",
    "print(torch.tensor([1, 2], dtype=torch.int32)); print(torch.tensor([1., 2.], dtype=torch.float64))",
    "print(torch.ones(2, dtype=torch.float64, requires_grad=True))",
    "print(torch.tensor([1, 2], dtype=torch.float16))",
    "print(torch.tensor([])); print(torch.zeros(0, 3)); print(torch.tensor([], dtype=torch.int64))",
    "print(torch.arange(2000.))",
    "print(torch.arange(1200).reshape(40, 30))",
    "print(torch.arange(30.).reshape(3, 10) / 7)",
    "print(torch.tensor([[1.5, -2.25], [3.125, 4.0]], requires_grad=True))",
    "x = torch.tensor([1., 2.], requires_grad=True); print(x * 2); print(x.sum()); print((x * 2).mean())",
    "print(torch.tensor([1, -2, 300]))",
    "print(torch.Tensor([0.1, 1, 10])); print(torch.Tensor(2, 3).shape); print(torch.FloatTensor([1, 2]))",
    "print(torch.tensor(2.5).item(), torch.tensor([3]).item(), torch.tensor([[1., 2.]]).tolist())",
    "print(torch.ones(2, 3).shape, torch.ones(2, 3).size(), torch.ones(2, 3).size(1), torch.ones(2, 3).dim())",
    "print(torch.ones(3).dtype, torch.tensor([1, 2]).dtype, torch.tensor([True]).dtype, torch.tensor(1.5).dtype)",
    "print(torch.float32, torch.int64, torch.float64, torch.bool, torch.Size([2, 3]))",
    "print(torch.ones(2).type(), torch.tensor([1]).type())",
    "print(f'{torch.tensor(3.14159):.2f}')",
    "print(torch.tensor([[0.1234567, 100.5], [2., 3.]]))",
    "print(torch.tensor([1e-3, 1e-2]))",
    "print(torch.tensor([1e8, 1.]))",
    "print(torch.tensor([0.5]) * torch.tensor([[1.], [2.], [3.]]))",
]

DTYPES = [
    "print((torch.tensor([1, 2]) * 1.5).dtype, (torch.tensor([1, 2]) * 2).dtype, (torch.tensor([1, 2]) / 2).dtype)",
    "print((torch.tensor([1., 2.]) * 2).dtype, (torch.tensor([1., 2.], dtype=torch.float64) * 2.5).dtype)",
    "print((torch.tensor([1, 2]) + torch.tensor([1., 2.])).dtype)",
    "print((torch.tensor([1., 2.]) + torch.tensor(1., dtype=torch.float64)).dtype)",
    "print((torch.tensor([1., 2.]) + torch.tensor([1., 2.], dtype=torch.float64)).dtype)",
    "print((torch.tensor([True, False]) + 1).dtype, (torch.tensor([True]) * 1.5).dtype)",
    "print((torch.tensor([1, 2], dtype=torch.int32) + 1).dtype, (torch.tensor([1, 2], dtype=torch.int32) + 1.5).dtype)",
    "print(torch.tensor([1, 2]).sum().dtype, torch.tensor([True, True]).sum(), torch.tensor([1, 2]) > 1)",
    "print(torch.tensor([1, 2]) ** 2, torch.tensor([1., 4.]) ** 0.5, 2 ** torch.tensor([1., 2.]))",
    "print(torch.tensor([1, 2, 3]) / torch.tensor([2, 2, 2]))",
    "print(torch.ones(2).double().dtype, torch.ones(2).long(), torch.tensor([1.7]).int(), torch.ones(2).to(torch.float64))",
    "print(torch.tensor([1.5, 2.5]).exp(), torch.tensor([1, 2]).exp())",
]

NAMES = [
    "x = torch.ones(3, requires_grad=True)\n"
    "for y in [x + 2, 2 + x, x - 4, 1 - x, x * 1.2, 2 * x, x / 0.5, 2 / x, x ** 2, x ** x, 2 ** x, -x]:\n"
    "    print(y.grad_fn.name(), [(None if n is None else n.name(), i) for n, i in y.grad_fn.next_functions])",
    "x = torch.ones(3, requires_grad=True); w = torch.ones(3, 2, requires_grad=True); m = torch.ones(2, 3, requires_grad=True)\n"
    "for y in [x @ w, m @ x, x @ x, m @ w, torch.matmul(x, w), x.sum(), x.sum(0), m.sum(dim=1, keepdim=True),\n"
    "          x.mean(), m.mean(0), m.T, m.t(), m.view(6), m.reshape(6), m.T.reshape(6), m[0], m[:, 0], m[0, 1],\n"
    "          m[1:], x[[0, 2]], x[x > 0], m[None], m[..., 1], x.exp(), x.log(), x.sigmoid(), x.tanh(), x.relu(),\n"
    "          torch.relu(x), x.sqrt(), x.abs(), x.norm(), x.unsqueeze(0), m.squeeze(0), m.permute(1, 0),\n"
    "          m.transpose(0, 1), x.clone(), x.double(), x.max(), x.clamp(0, 1), x.sin(), x.cos(), x.expand(2, 3), x + m,\n"
    "          torch.nn.functional.binary_cross_entropy_with_logits(x, torch.zeros(3)),\n"
    "          torch.nn.functional.binary_cross_entropy(x.sigmoid(), torch.zeros(3)),\n"
    "          torch.nn.functional.mse_loss(x, torch.zeros(3)), torch.nn.functional.sigmoid(x), torch.cat([x, x]),\n"
    "          torch.stack([x, x])]:\n"
    "    print(y.grad_fn.name(), [(None if n is None else n.name(), i) for n, i in y.grad_fn.next_functions])",
    "x = torch.ones(3, requires_grad=True); y = x * 2\n"
    "acc = y.grad_fn.next_functions[0][0]\n"
    "print(type(acc).__name__, acc.name(), acc.variable is x, x.is_leaf, y.is_leaf, acc.next_functions)",
    "a = torch.ones(2); print(a.is_leaf, a.requires_grad, a.grad_fn, (a * 2).is_leaf, (a * 2).grad_fn)",
    "x = torch.ones(2, 2); x1 = x + 3; x2 = x1 * 0.5\nx1.requires_grad_(True); x2.requires_grad_(True)\n"
    "print(x1, x2, x1.is_leaf, x2.grad_fn)\ny = (x2 * x2).sum(); y.backward(); print(x2.grad, x1.grad)",
]

BACKWARD = [
    "x = torch.tensor([1.]); x.requires_grad = True; y = x ** 2; print(y); y.backward(); print(x.grad)",
    "x = torch.tensor([1.], requires_grad=True); y = x ** 2; z = y * 10; print(y, y.requires_grad); print(z); z.backward(); print(x.grad)",
    "x = torch.tensor([1.], requires_grad=True); y = torch.tensor([1.], requires_grad=True)\nz = 2*x**2 + y**2; print(z); z.backward(); print(x.grad, y.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True); y = torch.sum(x**2); y.backward(); print(y, x.grad)",
    "x = torch.ones(2, 2, requires_grad=True); y = x + 2; z = y * y * 3; out = z.mean(); print(z, out); out.backward(); print(x.grad)",
    "x = torch.ones(3, requires_grad=True); y = x ** 2; z = y * 3; print(z); z.backward(torch.Tensor([0.1, 1, 10])); print(x.grad)",
    "x = torch.tensor(1., requires_grad=True); y = x ** 2; y.backward(); print(x.grad); z = x ** 2; z.backward(); print(x.grad)",
    "x = torch.tensor(1., requires_grad=True); y = x**2; y.backward(); x.grad = torch.tensor(0.); z = x**2; z.backward(); print(x.grad)",
    "x = torch.tensor(2., requires_grad=True); (x*x).backward(); x.grad.zero_(); (x**3).backward(); print(x.grad); x.grad = None; print(x.grad)",
    "a = torch.tensor([1., 2., 3.], requires_grad=True); b = torch.tensor([[1.], [2.]], requires_grad=True)\n"
    "c = (a * b).sum(); c.backward(); print(a.grad, b.grad)",
    "a = torch.tensor([1., 2., 3.], requires_grad=True); b = torch.tensor(2., requires_grad=True)\n"
    "(a + b).sum().backward(); print(a.grad, b.grad); (a / b).sum().backward(); print(a.grad, b.grad)",
    "a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True); b = torch.tensor([[0.5, -1.], [2., 1.]], requires_grad=True)\n"
    "(a @ b).sum().backward(); print(a.grad, b.grad)",
    "w = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True); v = torch.tensor([1., -1.], requires_grad=True)\n"
    "(v @ w).sum().backward(); print(w.grad, v.grad); u = torch.tensor([2., 0., 1.], requires_grad=True)\n"
    "(w @ u).sum().backward(); print(w.grad, u.grad); (u @ u).backward(); print(u.grad)",
    "x = torch.tensor([-1., 0.5, 2.], requires_grad=True)\n"
    "for f in ['exp', 'sigmoid', 'tanh', 'relu', 'abs', 'sin', 'cos']:\n"
    "    x.grad = None; getattr(x, f)().sum().backward(); print(f, x.grad)",
    "x = torch.tensor([0.5, 2.], requires_grad=True); x.log().sum().backward(); print(x.grad); x.grad = None; x.sqrt().sum().backward(); print(x.grad)",
    "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n"
    "x.sum(0).sum().backward(); print(x.grad); x.grad = None; (x.mean(1) * torch.tensor([1., 2.])).sum().backward(); print(x.grad)\n"
    "x.grad = None; x.norm().backward(); print(x.grad); x.grad = None; x.max().backward(); print(x.grad)",
    "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n"
    "(x[0] * 3).sum().backward(); print(x.grad); x.grad = None; (x[:, 1] ** 2).sum().backward(); print(x.grad)\n"
    "x.grad = None; x[[0, 0, 1]].sum().backward(); print(x.grad); x.grad = None; x.T.reshape(4)[1].backward(); print(x.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True); y = x * 2; y.retain_grad(); z = (y ** 2).sum(); z.backward(); print(y.grad, x.grad, y.retains_grad)",
    "x = torch.tensor([1., 2.], requires_grad=True); y = x * x\n"
    "g, = torch.autograd.grad(y.sum(), x, create_graph=True); print(g); g.sum().backward(); print(x.grad)",
    "x = torch.tensor(2., requires_grad=True); y = x**4 - 2*x**2\n"
    "g, = torch.autograd.grad(y, x, create_graph=True); g2, = torch.autograd.grad(g, x); print(g, g2)",
    "x = torch.tensor([1., 2.], requires_grad=True); y = (x * 3).sum(); print(torch.autograd.grad(y, [x])); print(x.grad)",
    "x = torch.tensor([1., 2.], requires_grad=True); z = x * x; z.sum().backward(retain_graph=True); z.sum().backward(); print(x.grad)",
    "x = torch.tensor([1., 2.], requires_grad=True); y = x * 2\n"
    "h = y.register_hook(lambda g: g * 10); y.sum().backward(); print(x.grad)",
    "x = torch.tensor([1., 2.], requires_grad=True); x.register_hook(lambda g: print('hook', g)); (x * 3).sum().backward(); print(x.grad)",
    "x = torch.ones(5); w = torch.tensor([[0.9698, -0.4488, -0.2511], [0.0960, -2.0260, -0.1918], [-0.6390, -0.2648, 1.2296],\n"
    "    [0.9061, -0.0338, -1.8336], [0.5091, 0.0953, -0.0344]], requires_grad=True)\n"
    "b = torch.tensor([-1.7136, 1.8476, -0.7694], requires_grad=True); y = torch.zeros(3)\n"
    "z = torch.matmul(x, w) + b; loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)\n"
    "print(z, loss); loss.backward(retain_graph=True); print(w.grad, b.grad)",
    "p = torch.tensor([0.2, 0.9], requires_grad=True); y = torch.tensor([0., 1.])\n"
    "l = torch.nn.functional.binary_cross_entropy(p, y); l.backward(); print(l, p.grad)\n"
    "q = torch.tensor([0.5, -1.], requires_grad=True); m = torch.nn.functional.mse_loss(q, y); m.backward(); print(m, q.grad)",
    "x = torch.tensor([0.5, -1., 2.], requires_grad=True); y = torch.tensor([1., 0., 1.])\n"
    "for r in ['sum', 'none']:\n"
    "    print(torch.nn.functional.binary_cross_entropy_with_logits(x, y, reduction=r))\n"
    "l = torch.nn.functional.binary_cross_entropy_with_logits(x, y, pos_weight=torch.tensor([2., 2., 2.])); l.backward(); print(l, x.grad)",
    "w = torch.tensor([1., -1.], requires_grad=True); opt = torch.optim.SGD([w], lr=0.1)\n"
    "for _ in range(3):\n"
    "    opt.zero_grad(); loss = ((w - 2) ** 2).sum(); loss.backward(); opt.step()\n"
    "print(w, w.grad)",
    "w = torch.tensor([1., -1.], requires_grad=True); opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)\n"
    "for _ in range(3):\n"
    "    opt.zero_grad(); loss = ((w - 2) ** 2).sum(); loss.backward(); opt.step()\n"
    "print(w)",
    "W = torch.tensor([[1., 2.]], requires_grad=True)\n"
    "for _ in range(2):\n"
    "    loss = (W * 3).sum(); loss.backward()\n"
    "    with torch.no_grad():\n"
    "        W -= 0.1 * W.grad\n"
    "    W.grad.zero_()\n"
    "print(W, W._version)",
]

GRAD_MODE = [
    "x = torch.tensor(1.0, requires_grad=True)\nwith torch.no_grad():\n    y = x**2\n    print(y.requires_grad, y, torch.is_grad_enabled())\nprint(torch.is_grad_enabled())",
    "x = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    with torch.enable_grad():\n        y = x * 2\nprint(y.requires_grad, y.grad_fn is not None)",
    "@torch.no_grad()\ndef f(x):\n    return x * 2\nx = torch.ones(2, requires_grad=True); print(f(x).requires_grad)",
    "x = torch.ones(2, requires_grad=True)\nwith torch.set_grad_enabled(False):\n    print((x * 2).requires_grad)\nprint((x * 2).requires_grad)",
    "x = torch.ones(2, requires_grad=True); torch.set_grad_enabled(False); print((x*2).requires_grad); torch.set_grad_enabled(True); print((x*2).requires_grad)",
    "x = torch.ones(2, requires_grad=True); z = (x * 2).detach(); print(z.requires_grad, z.is_leaf, z)",
    "x = torch.ones(2, requires_grad=True); d = x.detach(); d.add_(1); print(x, d, x._version)",
    "from torch.autograd import Variable\nx = Variable(torch.ones(2, 2), requires_grad=True); print(x); y = x + 2; print(y)\n"
    "print(isinstance(x, Variable), isinstance(y, torch.Tensor))",
    "x = torch.ones(2, requires_grad=True); print(x.data, x.data.requires_grad)",
]

ERRORS = [
    "x = torch.ones(3, requires_grad=True); (x * 2).backward()",
    "torch.ones(2).sum().backward()",
    "x = torch.tensor([1.]); y = x ** 2; y.backward()",
    "torch.tensor([1, 2]).requires_grad_()",
    "torch.tensor([1, 2], requires_grad=True)",
    "x = torch.ones(3, requires_grad=True); z = (x * x).sum(); z.backward(); z.backward()",
    "x = torch.ones(3, requires_grad=True); z = (x + 2).sum(); z.backward(); z.backward(); print(x.grad)",
    "x = torch.ones(3, requires_grad=True); z = (x.exp()).sum(); z.backward(); z.backward()",
    "x = torch.ones(3, requires_grad=True); x.numpy()",
    "torch.ones(3).item()",
    "torch.tensor([[1, 2], [3]])",
    "x = torch.ones(3, requires_grad=True); x.grad = torch.ones(2)",
    "x = torch.ones(3, requires_grad=True); x.grad = torch.ones(3, dtype=torch.float64)",
    "x = torch.ones(3, requires_grad=True); x.grad = 3",
    "torch.ones(3) + torch.ones(2)",
    "torch.ones(2, 3) @ torch.ones(2, 3)",
    "torch.ones(3) @ torch.ones(2)",
    "x = torch.ones(3, requires_grad=True); (x * 2).backward(torch.ones(2))",
    "x = torch.ones(3, requires_grad=True); x.add_(1)",
    "x = torch.ones(3, requires_grad=True); x += 1",
    "x = torch.ones(3, requires_grad=True); y = x * 2; y.requires_grad = False",
    "x = torch.ones(3, requires_grad=True); a = x.exp(); a.mul_(2); a.sum().backward()",
    "x = torch.ones(3, requires_grad=True); a = x * 1; b = a * a; a.add_(1); b.sum().backward()",
    "x = torch.ones(3, requires_grad=True); torch.autograd.grad((x * 2).sum(), [torch.ones(2, requires_grad=True)])",
    "x = torch.ones(3, requires_grad=True); torch.autograd.grad((x * 2).sum(), [torch.ones(2)])",
    "torch.ones(2).view(3)",
    "torch.ones(2, 3).reshape(4)",
    "torch.ones(2, 3).sum(dim=2)",
    "torch.ones(3)[5]",
    "torch.tensor([1, 2]).mean()",
    "torch.tensor('a')",
    "bool(torch.ones(2))",
    "torch.ones(2, 3).T.view(6)",
    "x = torch.ones(3, requires_grad=True); y = x * 2; y.add_(1); y.sum().backward(); print(x.grad, y.grad_fn.name())",
    "torch.nn.functional.binary_cross_entropy_with_logits(torch.ones(3), torch.ones(2))",
    "x = torch.tensor([1, 2]); x += 1.5",
    "a = torch.ones(2, requires_grad=True); y = a * a; y.grad_fn.register_hook(lambda gi, go: (gi[0],)); y.sum().backward()",
    "a = torch.ones(2, requires_grad=True); y = a * 2; y.grad_fn.register_prehook(lambda go: (go[0], go[0])); y.sum().backward()",
    "torch.mm(torch.ones(2, 3), torch.ones(3)); torch.mm(torch.ones(3), torch.ones(3, 2))",
    "torch.mm(torch.ones(2), torch.ones(2, 3))",
    "torch.ones(2, 3).mv(torch.ones(4))",
    "torch.ones(3).dot(torch.ones(4))",
    "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True); y = x.repeat(2, 1, 2); print(y, y.shape)\n"
    "(y * torch.arange(24.).reshape(2, 2, 6)).sum().backward(); print(x.grad)\n"
    "w = torch.tensor(5., requires_grad=True); r = w.repeat(2, 2); r.sum().backward(); print(r, w.grad)\n"
    "e = torch.ones(2, 3, requires_grad=True); f = e.repeat(0, 1); f.sum().backward(); print(f, e.grad)",
    "x = torch.tensor([[1., 5., 3.], [4., 2., 6.]]); r = x.max(dim=1); print(r); print(x.min(0)); print(torch.max(x, 1))\n"
    "v, i = r; print(v, i, r.values, r.indices, r[0]); print(x.max(1, keepdim=True))",
    "print(torch.clamp(torch.tensor([1, 2, 3]), 0.5, 1.5), torch.tensor([1, 2, 3]).clamp(min=2), "
    "torch.tensor([1, 2, 3]).clamp(max=1.5), torch.tensor([1., 2.]).clamp(0, 1))",
    "l = torch.tensor(0.6931471824645996); print(f'loss: {l}', f'{l:.3f}', '{}'.format(l), format(l))\n"
    "print(f'{torch.tensor([1., 2.])}', f'{torch.tensor(3)}', f'{torch.tensor(2.5, dtype=torch.float64)}', "
    "f'{torch.tensor(True)}', f'{torch.tensor(2., requires_grad=True) * 3}')",
    "x = torch.ones(4, 6, requires_grad=True); a = x[:, :3]; r = a.reshape(2, 2, 3); c = x.t().reshape(24)\n"
    "print(r.grad_fn.name(), [n.name() for n, _ in r.grad_fn.next_functions], c.grad_fn.name())\n"
    "(r * 2).sum().backward(); print(x.grad)",
    "torch.ones(2, 3).repeat(2)",
    "torch.ones(2, 3).repeat(-1, 2)",
    "torch.ones(2, 3).mv(torch.ones(3, 1))",
    "torch.ones(3).mv(torch.ones(3))",
    "torch.ones(3).dot(torch.ones(3, 1))",
    "torch.ones(2, 3).dot(torch.ones(3))",
    "torch.ones(2, 3) @ torch.ones(4, 3)",
]

MORE = [
    "print(torch.sigmoid(torch.tensor([-100., -90., 100., 0.5])), torch.exp(torch.tensor([89., 100., -200.])))",
    "print(torch.tensor([1., 0., -1.]) / 0, 1 / torch.tensor([0., 2.]), torch.tensor([0., 4.]).log(), torch.tensor([-1.]).sqrt())",
    "w = torch.ones(2, requires_grad=True); print(torch.optim.SGD([w], lr=0.1)); print(torch.optim.SGD([w], lr=0.1, momentum=0.9))",
    "x = torch.tensor([0.5, 2.], requires_grad=True); y = torch.log1p(x); print(y); y.sum().backward(); print(x.grad)",
    "torch.ones(2, device='cuda')",
    "torch.ones(2).cuda()",
    "print(torch.tensor([0.1, 0.2], dtype=torch.float64).tolist(), torch.tensor([0.1], dtype=torch.float64) * 100000)\n"
    "print(torch.tensor(1e40, dtype=torch.float64), torch.tensor([1e-50], dtype=torch.float64), torch.tensor([1.7], dtype=torch.int64))",
    "x = torch.tensor([1., 2.], requires_grad=True); y = torch.tensor([3., 4.], requires_grad=True)\n"
    "m = x * y; print(m.grad_fn._saved_self, m.grad_fn._saved_other)\n"
    "n = x * 1.5; print(repr(n.grad_fn._saved_other), n.grad_fn._saved_self)\n"
    "p = x ** 2; print(p.grad_fn._saved_self, repr(p.grad_fn._saved_exponent))\n"
    "e = x.exp(); print(e.grad_fn._saved_result, e.grad_fn._saved_result is e, x.sigmoid().grad_fn._saved_result)\n"
    "z = x * y; z.sum().backward(); z.grad_fn._saved_self",
    "x = torch.ones(2, 3, requires_grad=True)\n"
    "print(x.sum(0).grad_fn._saved_keepdim, x.mean(1, keepdim=True).grad_fn._saved_keepdim)\n"
    "print(hasattr(x.sum().grad_fn, '_saved_keepdim'))\n"
    "x.sum().grad_fn._saved_other",
    "x = torch.ones(2, requires_grad=True); z = (x * 2).sum(); z.backward()\n"
    "with torch.no_grad(): w = x * 3; print(w, w.grad_fn)\n"
    "z.backward()",
    "x = torch.ones(3, requires_grad=True); e = x.expand(2, 3)\n"
    "print(e.is_contiguous(), e.contiguous().grad_fn.name(), x.contiguous() is x, x.is_contiguous(), torch.ones(2, 3).T.is_contiguous())",
    "print(torch.cuda.is_available(), torch.cuda.device_count()); device = 'cuda' if torch.cuda.is_available() else 'cpu'\n"
    "print(torch.ones(2, device=device))",
    "torch.ones(2).to('cuda')",
    "print(torch.ones(2).to('cpu'), torch.ones(2, device='cpu'), torch.tensor([1.], device='cpu'))",
    "print(torch.tensor([1, 2]) / 2, torch.tensor([3]) / torch.tensor([2]), 7 / torch.tensor([2]))",
    "print(torch.ones(2, dtype=torch.uint8) + (-3), torch.tensor([250], dtype=torch.uint8) + 10)",
    "x = torch.tensor([1, 2]); x.requires_grad = True",
    "x = torch.tensor(2.0, requires_grad=True); (x ** 3).backward(create_graph=True); print(x.grad)\n"
    "print([(None if n is None else n.name(), i) for n, i in x.grad.grad_fn.next_functions])\n"
    "(x ** 3).backward(create_graph=True); print(x.grad); x.grad = None\n"
    "(x ** 3).backward(create_graph=True); x.grad.backward(); print(x.grad)",
    "import weakref\na = torch.ones(3, requires_grad=True); e = a.exp(); out = (e * 3).sum(); ref = weakref.ref(e); del e\n"
    "print(ref() is None); out.backward(); print(a.grad)",
    # SGD as PyTorch's _single_tensor_sgd: a state dict per parameter, momentum buffer updated in place
    "w = torch.tensor([1.0, -2.0], requires_grad=True)\n"
    "opt = torch.optim.SGD([w], lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)\n"
    "for i in range(3):\n"
    "    opt.zero_grad(); (w * w * torch.tensor([1.0, 3.0])).sum().backward(); opt.step()\n"
    "buf = opt.state[w]['momentum_buffer']; print(w, opt.state[w], len(opt.state), w._version)\n"
    "opt.zero_grad(); (w * w).sum().backward(); opt.step(); print(buf, opt.state[w]['momentum_buffer'] is buf)\n"
    "v = torch.tensor([1.0, 2.0], requires_grad=True); o2 = torch.optim.SGD([v], lr=0.5, dampening=0.5, momentum=0.5, maximize=True)\n"
    "for i in range(2):\n"
    "    o2.zero_grad(); (v ** 2).sum().backward(); o2.step()\n"
    "print(v, o2.state[v]); o3 = torch.optim.SGD([v], lr=0.5); o3.zero_grad(); (v ** 2).sum().backward(); o3.step(); print(v, dict(o3.state))",
    # add_/sub_/mul_ outside autograd write into the tensor's memory; the same dtype rules and errors
    "a = torch.ones(3); a.add_(torch.tensor([1., 2., 3.]), alpha=-0.5); print(a, a._version)\n"
    "b = torch.ones(3, dtype=torch.int64); b.add_(torch.tensor([1, 2, 3]), alpha=2); print(b)\n"
    "c = torch.ones(2, 3); c.sub_(torch.tensor([1., 2., 3.]), alpha=2); print(c)\n"
    "d = torch.ones(3, dtype=torch.float16); d.mul_(torch.tensor([1., 2., 3.], dtype=torch.float64)); print(d)\n"
    "e = torch.tensor([True, False]); e.add_(torch.tensor([True, True])); print(e)\n"
    "f = torch.tensor([1, 2], dtype=torch.int32); f.mul_(3); print(f); f.sub_(torch.tensor(1)); print(f)\n"
    "g = torch.tensor([250], dtype=torch.uint8); g.add_(10); print(g); g.mul_(2.0 if False else 2); print(g)\n"
    "h = torch.tensor([1., 2.]); h.add_(2, alpha=3); print(h); h.mul_(torch.tensor([[1.], [1.]])[0]); print(h)",
    "b = torch.ones(3, dtype=torch.int64); b.add_(torch.tensor([1, 2, 3]), alpha=0.5)",
    "b = torch.ones(3, dtype=torch.int64); b.add_(torch.tensor([1., 2, 3]))",
    "b = torch.ones(3, dtype=torch.int64); b.mul_(1.5)",
    "torch.tensor([True]).add_(1)",
    "torch.ones(3).add_(torch.ones(2, 3))",
    "torch.ones(3).sub_(torch.ones(2))",
    "torch.ones(1).expand(3).mul_(2)",
    "torch.tensor([1., 2.]).add_(torch.tensor(1.), alpha=True)",
    "with torch.no_grad():\n    w = torch.ones(2, requires_grad=True); w.add_(w, alpha=-0.5); print(w, w._version)\n"
    "x = torch.tensor([1., 2.], requires_grad=True); y = x * 2; y.add_(x, alpha=3); print(y); y.sum().backward(); print(x.grad)\n"
    "w.add_(1)",
    "a = torch.tensor([1., 2.], requires_grad=True); b = torch.tensor([3., 4.], requires_grad=True)\n"
    "c = torch.add(a, b, alpha=2); print(c); c.sum().backward(); print(a.grad, b.grad)\n"
    "print(a.add(b, alpha=0.5), a.sub(b, alpha=2), torch.sub(a, b, alpha=3), torch.add(a, 1, alpha=2), a.sub(1))",
    "torch.add(torch.tensor([1, 2]), torch.tensor([1, 2]), alpha=0.5)",
    "torch.tensor([1, 2]).add(1, alpha=True)",
    "print(torch.tensor([True]).add(torch.tensor([True]), alpha=True))\ntorch.tensor([1., 2.]).sub(1, alpha=False)",
    # reshape of a non-contiguous tensor that needs no copy: ReshapeAliasBackward0, also to its own shape
    "x = torch.ones(2, 3, requires_grad=True)\n"
    "for y in [x.t().reshape(3, 2), x.t().reshape(6), x.reshape(2, 3), x.t().reshape(-1, 2), x[:, 1:].reshape(2, 2),\n"
    "          x.expand(2, 2, 3).reshape(2, 2, 3), x.t()[0:1].reshape(1, 2)]:\n"
    "    print(y.grad_fn.name(), [n[0].name() for n in y.grad_fn.next_functions if n[0]])",
    # PyTorch has no subtraction or negation of bool tensors
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b - b",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b - True",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); True - b",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b - 1",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); 1 - b",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); i - b",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b - i",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); torch.sub(b, b)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b.sub(b)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b.sub_(b)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); -b",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b - 1.5",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); torch.tensor(True) - torch.tensor(False)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b.float() - b",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); i.sub_(True)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); i.float().sub_(b)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); b.sub_(1)",
    "b = torch.tensor([True, False]); i = torch.tensor([1, 2]); i.sub_(torch.tensor(True))",
]

from parity_cases_double import DOUBLE_BACKWARD  # noqa: E402  (cases kept in their own files)
from parity_cases_matmul import MATMUL  # noqa: E402
from parity_cases_extending import EXTENDING, FLOAT32_MATH  # noqa: E402
from parity_cases_views import VIEWS  # noqa: E402
from parity_cases_softmax import SOFTMAX  # noqa: E402
from parity_cases_functional import FUNCTIONAL  # noqa: E402
from parity_cases_inplace import INPLACE_POINTWISE  # noqa: E402
from parity_cases_random import RANDOM  # noqa: E402
from parity_cases_nn import NN  # noqa: E402

ALL = {"printing": PRINTING, "dtypes": DTYPES, "names": NAMES, "backward": BACKWARD,
       "grad_mode": GRAD_MODE, "errors": ERRORS, "more": MORE, "double_backward": DOUBLE_BACKWARD,
       "matmul": MATMUL, "extending": EXTENDING, "float32_math": FLOAT32_MATH,
       "views": VIEWS, "softmax": SOFTMAX,
       "functional": FUNCTIONAL,
       "inplace_pointwise": INPLACE_POINTWISE,
       "random": RANDOM, "nn": NN}
