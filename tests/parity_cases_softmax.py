"""Parity cases: softmax, log_softmax, nll_loss, cross_entropy (class indices and probabilities),
one_hot, gather, scatter / scatter_ (values, gradients, node names, PyTorch's errors)."""
_PRELUDE = "import warnings\nF = torch.nn.functional\ndef attempt(f):\n    try: print(f())\n    except Exception as e: print(type(e).__name__, '|', str(e).splitlines()[0])\nx = torch.tensor([[1., 2., 3.], [0., -1., 5.]], requires_grad=True)\nt = torch.tensor([2, 0]); w = torch.tensor([1., 2., 0.5])\n"

SOFTMAX = [_PRELUDE + code for code in [
    "for kw in [{}, {'reduction': 'sum'}, {'reduction': 'none'}, {'weight': w}, {'ignore_index': 0}, {'weight': w, 'reduction': 'sum'}, {'weight': w, 'reduction': 'none'}]:\n    x.grad = None\n    l = F.nll_loss(torch.log_softmax(x, 1), t, **kw); print(l); l.sum().backward(); print(x.grad)",
    'x.grad = None; l = F.cross_entropy(x, t); print(l, l.grad_fn.name(), [n.name() for n, _ in l.grad_fn.next_functions]); l.backward(); print(x.grad)',
    'print(F.cross_entropy(x, t, ignore_index=2), F.cross_entropy(x[0], torch.tensor(2)))',
    'p = torch.tensor([[0.2, 0.3, 0.5], [1., 0., 0.]])\nl = F.cross_entropy(x, p); print(l); x.grad = None; l.backward(); print(x.grad)',
    'print(torch.softmax(x, 1), F.softmax(x, dim=0), x.softmax(-1).sum(1), x.log_softmax(1), F.log_softmax(x, 0))',
    's = torch.softmax(x, 1); s[:, 0].sum().backward(); print(x.grad)',
    'print(torch.softmax(x, 1).grad_fn.name(), F.log_softmax(x, 1).grad_fn.name())',
    "with warnings.catch_warnings(record=True) as ws:\n    warnings.simplefilter('always'); print(F.softmax(torch.ones(2, 2)), [str(m.message) for m in ws])",
    'print(F.one_hot(torch.tensor([0, 2, 1])), F.one_hot(torch.tensor([0, 1]), 4), F.one_hot(torch.tensor([[1], [0]])).shape)',
    'g = torch.gather(x, 1, torch.tensor([[0], [2]])); print(g, g.grad_fn.name()); x.grad = None; (g * torch.tensor([[2.], [3.]])).sum().backward(); print(x.grad)',
    'print(x.gather(0, torch.tensor([[1, 0, 1]])))',
    'y = torch.zeros(2, 3); y.scatter_(1, torch.tensor([[1], [2]]), 1); print(y)',
    'y_one_hot = torch.zeros(4, 3); y_one_hot.scatter_(1, torch.tensor([0, 2, 1, 1]).unsqueeze(1), 1); print(y_one_hot)',
    's = x.scatter(1, torch.tensor([[0], [1]]), 0.5); print(s, s.grad_fn.name()); x.grad = None; s.sum().backward(); print(x.grad)',
    'src = torch.tensor([[10., 20.], [30., 40.]], requires_grad=True)\ns = x.scatter(1, torch.tensor([[2, 0], [1, 1]]), src); print(s, s.grad_fn.name()); (s * torch.arange(6.).reshape(2, 3)).sum().backward(); print(src.grad)',
    'z = x * 1; z.scatter_(1, torch.tensor([[0], [1]]), 7.); print(z, z.grad_fn.name())',
    "for bad in [lambda: F.nll_loss(x, torch.tensor([5, 0])), lambda: F.nll_loss(x, torch.tensor([1., 0.])), lambda: F.nll_loss(x, t.int()),\n            lambda: F.one_hot(torch.tensor([0., 1.])), lambda: F.one_hot(torch.tensor([0, 3]), 3), lambda: F.one_hot(torch.tensor([0, -1])),\n            lambda: F.cross_entropy(x, torch.tensor([0])), lambda: torch.softmax(x, 2), lambda: torch.gather(x, 1, torch.tensor([[5]])),\n            lambda: F.nll_loss(x, torch.tensor([[1], [0]])), lambda: torch.softmax(torch.tensor([1, 2]), 0), lambda: torch.log_softmax(torch.tensor([[1, 2]]), 0),\n            lambda: torch.gather(x, 1, torch.tensor([0, 1])), lambda: torch.gather(x, 1, torch.tensor([[0.]])), lambda: F.nll_loss(x, t, reduction='avg')]:\n    attempt(bad)",
    'print(torch.softmax(torch.tensor([1., 2., 3.]), 0, dtype=torch.float64))',
]]
