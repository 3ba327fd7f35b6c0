"""Parity cases: views share their base's version counter; an in-place operation through a view
(or into a base with views) rewrites the histories as PyTorch does (CopySlices,
AsStridedBackward0), or raises PyTorch's error; x[i] = v in the graph; fill_ and zero_ recorded.
"""
_HELPERS = 'import re\ndef show(*a): print(*[re.sub(r" object at 0x[0-9a-f]+", "", str(v)) for v in a])\ndef attempt(f):\n    try: f()\n    except Exception as e: print(type(e).__name__, str(e).splitlines()[0][:150])\n'

VIEWS = [_HELPERS + code for code in [
    'x = torch.ones(3, requires_grad=True)\ny = x * 1; v = y.view(3); z = (y * y).sum(); v.mul_(2); attempt(z.backward)',
    'x = torch.ones(3, requires_grad=True); y = x * 1; y.view(3).mul_(2); y.sum().backward(); show(x.grad, y.grad_fn, y.grad_fn.next_functions)',
    'x = torch.ones(2, 3, requires_grad=True); y = x * 1; v = y[0]; w = y[:, 1]; v.mul_(3)\nshow(v.grad_fn, w.grad_fn, y._version, v._version, w._version, v._base is y, v._is_view(), y._is_view())\n(w * 1).sum().backward(); show(x.grad)',
    'x = torch.ones(2, 3, requires_grad=True); y = x * 2; v = y[1:]; y.add_(1); show(v._version, v.grad_fn, v); (v * v).sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); attempt(lambda: x[0].mul_(2))\nwith torch.no_grad(): v = x[:2]\nattempt(lambda: v.mul_(2))\ny = x * 1\nwith torch.no_grad(): v = y[:2]\nattempt(lambda: v.mul_(2))\ny = torch.zeros(3); v = y[:2]; v.copy_(x[1:]); show(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); show(x.grad)\nx = torch.ones(3, requires_grad=True); y = x * 1; y.fill_(2); show(y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); show(x.grad)\nx = torch.ones(3, requires_grad=True); y = x * 1; y.zero_(); show(y.grad_fn); (y + x).sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); y = x * 1; y[0].fill_(5); show(y, y.grad_fn); y.sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); y = x * 1; z = y * y; y[1:].zero_(); attempt(lambda: z.sum().backward())',
    'x = torch.arange(6.).reshape(2, 3).requires_grad_(); y = x * 1; t = y.t(); t[0].mul_(10); (y * torch.arange(6.).reshape(2, 3)).sum().backward(); show(y, x.grad)',
    'x = torch.ones(2, 2, requires_grad=True); y = x * 1; u = y.unsqueeze(0); s = y[0]; u.add_(1); show(s, s.grad_fn); (s * 3).sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); y = x * 1; v = y[:2]; v.mul_(x[:2]); v.sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); y = x.detach(); show(y._is_view(), y._base)',
    'a = torch.ones(4); b = a[1:3]; b.add_(1); show(a, a._version, b._version, a.requires_grad)',
    'x = torch.ones(3, requires_grad=True); y = x * 2; y[0] = 5; show(y, y.grad_fn); y.sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); w = torch.tensor(4., requires_grad=True); y = x * 2; y[1:] = w; y.sum().backward(); show(y, x.grad, w.grad)',
    'x = torch.ones(2, 2, requires_grad=True); y = x * 2; y[:, 0] = torch.tensor([7., 8.]); show(y); (y * y).sum().backward(); show(x.grad)',
    'x = torch.ones(3, requires_grad=True); attempt(lambda: x.__setitem__(0, 2.))',
]]
