# Source: PyTorch docs, torch.autograd.functional (https://pytorch.org/docs/stable/autograd.html#functional-higher-level-api):
#   the examples of jacobian, hessian, vjp, jvp, vhp and hvp, run unchanged, plus a few error cases.
import torch
from torch.autograd.functional import jacobian, hessian, vjp, jvp, hvp, vhp
def attempt(f):
    try: print(f())
    except Exception as e: print(type(e).__name__, '|', str(e).splitlines()[0])
def exp_reducer(x):
    return x.exp().sum(dim=1)
inputs = torch.tensor([[0.5, -1.0], [0.2, 0.3]])
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, create_graph=True))
def exp_adder(x, y):
    return 2 * x.exp() + 3 * y
inputs = (torch.tensor([0.1, 0.7]), torch.tensor([1.5, -0.4]))
print(jacobian(exp_adder, inputs))
def pow_reducer(x):
    return x.pow(3).sum()
inputs = torch.tensor([[0.5, -1.0], [0.2, 0.3]])
print(hessian(pow_reducer, inputs))
print(hessian(pow_reducer, inputs, create_graph=True))
def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()
inputs = (torch.tensor([0.1, 0.7]), torch.tensor([1.5, -0.4]))
print(hessian(pow_adder_reducer, inputs))
def exp_reducer(x):
    return x.exp().sum(dim=1)
inputs = torch.tensor([[0.5, -1.0, 2.0], [0.2, 0.3, -0.6], [1.0, 1.0, 0.0], [0.4, -0.3, 0.9]])
v = torch.ones(4)
print(vjp(exp_reducer, inputs, v))
print(vjp(exp_reducer, inputs, v, create_graph=True))
def adder(x, y):
    return 2 * x + 3 * y
inputs = (torch.tensor([0.3, -0.2]), torch.tensor([1.1, 0.5]))
v = torch.ones(2)
print(vjp(adder, inputs, v))
def exp_reducer(x):
    return x.exp().sum(dim=1)
inputs = torch.tensor([[0.5, -1.0, 2.0, 0.1], [0.2, 0.3, -0.6, 0.0], [1.0, 1.0, 0.0, -0.5], [0.4, -0.3, 0.9, 0.2]])
v = torch.ones(4, 4)
print(jvp(exp_reducer, inputs, v))
print(jvp(exp_reducer, inputs, v, create_graph=True))
def adder(x, y):
    return 2 * x + 3 * y
inputs = (torch.tensor([0.3, -0.2]), torch.tensor([1.1, 0.5]))
v = (torch.ones(2), torch.ones(2))
print(jvp(adder, inputs, v))
def pow_reducer(x):
    return x.pow(3).sum()
inputs = torch.tensor([[0.5, -1.0], [0.2, 0.3]])
v = torch.ones(2, 2)
print(vhp(pow_reducer, inputs, v))
print(vhp(pow_reducer, inputs, v, create_graph=True))
def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()
inputs = (torch.tensor([0.1, 0.7]), torch.tensor([1.5, -0.4]))
v = (torch.zeros(2), torch.ones(2))
print(vhp(pow_adder_reducer, inputs, v))
print(hvp(pow_reducer, torch.tensor([[0.5, -1.0], [0.2, 0.3]]), torch.ones(2, 2)))
print(hvp(pow_adder_reducer, inputs, v))
print(jacobian(lambda x: x.sin(), torch.tensor(0.5)), jacobian(lambda x: (x * 2, x.sum()), torch.tensor([1., 2.])))
print(jacobian(lambda x, y: x * 2, (torch.tensor([1., 2.]), torch.tensor(3.))))
attempt(lambda: jacobian(lambda x, y: x * 2, (torch.tensor([1., 2.]), torch.tensor(3.)), strict=True))
attempt(lambda: jacobian(lambda x: x, [1., 2.]))
attempt(lambda: vjp(lambda x: x * 2, torch.ones(2)))
attempt(lambda: vjp(lambda x: x * 2, torch.ones(2), torch.ones(3)))
attempt(lambda: hessian(lambda x: x * 2, torch.ones(2)))
attempt(lambda: jvp(lambda x: x * 2, (torch.ones(2), torch.ones(2)), (torch.ones(2),)))
x = torch.tensor([1., 2.], requires_grad=True)
j = jacobian(lambda t: t ** 2, x, create_graph=True); print(j.requires_grad); j.sum().backward(); print(x.grad)
