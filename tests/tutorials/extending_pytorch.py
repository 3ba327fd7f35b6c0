# Source: PyTorch docs, notes "Extending PyTorch" - "Extending torch.autograd"
#   https://pytorch.org/docs/stable/notes/extending.html (LinearFunction in both styles, MulConstant,
#   MyCube with mark_non_differentiable and once_differentiable, gradcheck). Run unchanged apart from
#   the prints.
import torch
from torch.autograd import Function
from torch.autograd.function import once_differentiable


class LinearFunction(Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


class LinearFunction2(Function):
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        tensor, constant = inputs
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


class MyCube(torch.autograd.Function):
    @staticmethod
    def forward(x):
        result = x ** 3
        dx = 3 * x ** 2
        return result, dx

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, = inputs
        result, dx = output
        ctx.mark_non_differentiable(dx)
        ctx.save_for_backward(x, dx)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output, grad_dx):
        x, dx = ctx.saved_tensors
        result = grad_output * dx
        return result


from torch.autograd import gradcheck  # noqa: E402

input = (torch.randn(20, 20, dtype=torch.double, requires_grad=True),
         torch.randn(30, 20, dtype=torch.double, requires_grad=True))
print(gradcheck(LinearFunction.apply, input, eps=1e-6, atol=1e-4))
print(gradcheck(LinearFunction2.apply, input + (None,), eps=1e-6, atol=1e-4))
with_bias = input + (torch.randn(30, dtype=torch.double, requires_grad=True),)
print(gradcheck(LinearFunction.apply, with_bias, eps=1e-6, atol=1e-4))
print(gradcheck(LinearFunction2.apply, with_bias, eps=1e-6, atol=1e-4))

x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
w = torch.tensor([[0.5, -1.], [2., 1.]], requires_grad=True)
out = LinearFunction.apply(x, w)
print(out, out.grad_fn.name())
out.sum().backward()
print(x.grad, w.grad)

y = MulConstant.apply(x, 3.0)
print(y)
x.grad = None
y.sum().backward()
print(x.grad)

c = torch.tensor([1., 2., 3.], requires_grad=True)
r, d = MyCube.apply(c)
print(r, d, d.requires_grad)
r.sum().backward()
print(c.grad)
