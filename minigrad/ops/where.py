"""``torch.where(condition, a, b)``: elementwise choice between two tensors (or numbers)."""
import numpy as np

from .. import errors
from ..function import Function
from ..tensor import Tensor


class Where(Function):
    node_name = "WhereBackward0"

    @staticmethod
    def forward(ctx, condition, a, b):
        if condition.array.dtype != np.bool_ and condition.array.dtype != np.uint8:
            raise errors.error(RuntimeError, "where expected condition to be a boolean tensor, but got a tensor with "
                               f"dtype {condition.dtype.short_name}",
                               "where 의 조건은 x > 0 처럼 비교로 만든 불리언 텐서여야 합니다. 0/1 텐서라면 "
                               "cond.bool() 로 바꾸세요.")
        ctx.condition = condition.array
        x = a.array if isinstance(a, Tensor) else a
        y = b.array if isinstance(b, Tensor) else b
        try:
            return np.where(ctx.condition, x, y)
        except ValueError:                          # PyTorch broadcasts condition with a, then with b
            shapes = [np.shape(ctx.condition), np.shape(x), np.shape(y)]
            broadcast = shapes[0]
            for shape in shapes[1:]:
                errors.check_broadcast(broadcast, shape)
                broadcast = np.broadcast_shapes(broadcast, shape)
            raise

    @staticmethod
    def backward(ctx, grad):
        # the gradient goes where each element came from; 0 to the other side
        condition = Tensor._make(ctx.condition)
        grad_a = Where.apply(condition, grad, 0.0) if ctx.needs_input_grad[1] else None
        grad_b = Where.apply(condition, 0.0, grad) if ctx.needs_input_grad[2] else None
        return None, grad_a, grad_b
