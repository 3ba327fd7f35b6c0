"""Parity cases: PyTorch 2's forward without ctx plus setup_context, mark_non_differentiable,
once_differentiable (the examples of the docs' "Extending torch.autograd" note, in the course's
words); float32 transcendental functions printed in full.
"""
_CLASSES = 'Function = torch.autograd.Function\nonce_differentiable = torch.autograd.function.once_differentiable\nimport torch\n\nclass LinearFunction(Function):\n    @staticmethod\n    def forward(input, weight, bias):\n        output = input.mm(weight.t())\n        if bias is not None:\n            output += bias.unsqueeze(0).expand_as(output)\n        return output\n    @staticmethod\n    def setup_context(ctx, inputs, output):\n        input, weight, bias = inputs\n        ctx.save_for_backward(input, weight, bias)\n    @staticmethod\n    def backward(ctx, grad_output):\n        input, weight, bias = ctx.saved_tensors\n        grad_input = grad_weight = grad_bias = None\n        if ctx.needs_input_grad[0]:\n            grad_input = grad_output.mm(weight)\n        if ctx.needs_input_grad[1]:\n            grad_weight = grad_output.t().mm(input)\n        if bias is not None and ctx.needs_input_grad[2]:\n            grad_bias = grad_output.sum(0)\n        return grad_input, grad_weight, grad_bias\n\nclass MulConstant(Function):\n    @staticmethod\n    def forward(tensor, constant):\n        return tensor * constant\n    @staticmethod\n    def setup_context(ctx, inputs, output):\n        tensor, constant = inputs\n        ctx.constant = constant\n    @staticmethod\n    def backward(ctx, grad_output):\n        return grad_output * ctx.constant, None\n\nclass MyCube(Function):\n    @staticmethod\n    def forward(x):\n        result = x ** 3\n        dx = 3 * x ** 2\n        return result, dx\n    @staticmethod\n    def setup_context(ctx, inputs, output):\n        x, = inputs\n        result, dx = output\n        ctx.mark_non_differentiable(dx)\n        ctx.save_for_backward(x, dx)\n    @staticmethod\n    @once_differentiable\n    def backward(ctx, grad_output, grad_dx):\n        x, dx = ctx.saved_tensors\n        return grad_output * dx\n\nclass NoSetup(Function):\n    @staticmethod\n    def forward(x):\n        return x * 2\n'

EXTENDING = [_CLASSES + code for code in [
    'x = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.double, requires_grad=True)\nw = torch.tensor([[0.5, -1.], [2., 1.]], dtype=torch.double, requires_grad=True)\nb = torch.tensor([0.1, 0.2], dtype=torch.double, requires_grad=True)\ny = LinearFunction.apply(x, w, b); print(y, y.grad_fn.name())\ny.sum().backward(); print(x.grad, w.grad, b.grad)',
    'x = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.double, requires_grad=True)\nw = torch.tensor([[0.5, -1.], [2., 1.]], dtype=torch.double, requires_grad=True)\nb = torch.tensor([0.1, 0.2], dtype=torch.double, requires_grad=True)\nprint(torch.autograd.gradcheck(LinearFunction.apply, (x, w, b), eps=1e-6, atol=1e-4))\nprint(torch.autograd.gradcheck(LinearFunction.apply, (x, w, None), eps=1e-6, atol=1e-4))',
    'x = torch.tensor([1., -2.], requires_grad=True)\nz = MulConstant.apply(x, 3.0); z.sum().backward(); print(z, x.grad)\nimport re; print(re.sub("0x[0-9a-f]+", "0x...", repr(z.grad_fn)))',
    'c = torch.tensor([1., 2.], requires_grad=True)\nr, d = MyCube.apply(c); print(r, d, r.requires_grad, d.requires_grad, d.grad_fn)\nr.sum().backward(); print(c.grad)',
    'c = torch.tensor([1., 2.], requires_grad=True)\nNoSetup.apply(c)',
]]

FLOAT32_MATH = [
    'print(torch.tensor(2.0).exp().item())',
    'print(torch.tensor(1.0).sin().item())',
    'print(torch.tensor(0.5).tanh().item())',
    'print(torch.tensor(3.0).log().item())',
    'print(torch.tensor(0.3).sigmoid().item())',
    'print(torch.tensor(2.0).cos().item())',
    'print(torch.tensor(0.25).log1p().item())',
    'x = torch.linspace(-3.14159, 3.14159, 9); print(torch.sin(x).tolist(), torch.exp(x).tolist())',
]
