# Source: PyTorch docs, notes "Autograd mechanics" https://pytorch.org/docs/stable/notes/autograd.html
#   (requires_grad and freezing, grad modes as context managers and decorators, in-place operations
#   and the version counter, backward hooks on tensors, retain_grad). Small examples written for
#   this suite in the notes' terms; each runs unchanged under torch.
import torch

x = torch.randn(5, 5)
y = torch.randn(5, 5)
z = torch.randn((5, 5), requires_grad=True)
a = x + y
print(a.requires_grad)
b = a + z
print(b.requires_grad)

# freezing: requires_grad_(False) on some parameters
w1 = torch.ones(3, requires_grad=True)
w2 = torch.ones(3, requires_grad=True)
w1.requires_grad_(False)
out = (w1 * 2 + w2 * 3).sum()
out.backward()
print(w1.grad, w2.grad)

# grad modes
x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    print((x * 2).requires_grad)
    with torch.enable_grad():
        print((x * 2).requires_grad)
with torch.set_grad_enabled(False):
    print((x * 2).requires_grad)
print(torch.is_grad_enabled())


@torch.no_grad()
def doubler(t):
    return t * 2


@torch.enable_grad()
def tripler(t):
    return t * 3


@torch.inference_mode()
def halver(t):
    return t / 2


print(doubler(x).requires_grad, tripler(x).requires_grad, halver(x).requires_grad)
with torch.no_grad():
    print(tripler(x).requires_grad)
torch.set_grad_enabled(True)

# in-place operations and the version counter
a = torch.ones(3, requires_grad=True)
h = a * 2
out = h.sin()
print(h._version)
h.add_(1)
print(h._version)
try:
    out.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])

# tensor hooks and retain_grad
v = torch.tensor([0., 0., 0.], requires_grad=True)
h = v.register_hook(lambda grad: grad * 2)
v.backward(torch.tensor([1., 2., 3.]))
print(v.grad)
h.remove()
v.grad = None
v.backward(torch.tensor([1., 2., 3.]))
print(v.grad)

p = torch.tensor([1., 2.], requires_grad=True)
q = p * 3
q.retain_grad()
r = (q * q).sum()
r.backward()
print(q.grad, p.grad, q.is_leaf, q.retains_grad)
print(q.grad_fn.name(), [f.name() for f, _ in r.grad_fn.next_functions])
