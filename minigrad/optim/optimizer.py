"""What every optimizer shares: parameter groups and ``zero_grad``."""
import collections

from .. import errors
from ..tensor import Tensor


class Optimizer:
    def __init__(self, params, defaults):
        if isinstance(params, Tensor):
            raise errors.error(TypeError, "params argument given to the optimizer should be an iterable of Tensors or "
                               f"dicts, but got {params.type()}",
                               "옵티마이저에는 텐서 하나가 아니라 텐서들의 리스트를 넘깁니다: SGD([w], lr=0.1) 처럼 "
                               "대괄호로 감싸세요.")
        params = list(params)
        if not params:
            raise errors.error(ValueError, "optimizer got an empty parameter list",
                               "옵티마이저에 갱신할 텐서가 하나도 없습니다. SGD([w, b], lr=0.1) 처럼 가중치 텐서들을 "
                               "넘기세요.")
        if not isinstance(params[0], dict):
            params = [{"params": params}]
        self.defaults = defaults
        self.param_groups = []
        self.state = collections.defaultdict(dict)      # per parameter, e.g. SGD's momentum buffer
        for group in params:
            group = dict(group)
            group["params"] = list(group["params"])
            for p in group["params"]:
                if not isinstance(p, Tensor):
                    raise errors.error(TypeError, "optimizer can only optimize Tensors, but one of the params is "
                                       + type(p).__name__,
                                       "옵티마이저는 텐서만 갱신합니다. 리스트나 숫자는 "
                                       "torch.tensor(..., requires_grad=True) 로 만든 뒤 넘기세요.")
                if not p.is_leaf:
                    raise errors.error(ValueError, "can't optimize a non-leaf Tensor",
                                       "연산으로 만든 텐서(잎 텐서가 아닌 것)는 갱신할 수 없습니다. "
                                       "w = torch.randn(2, requires_grad=True) 처럼 직접 만든 텐서를 넘기세요.")
            for key, value in defaults.items():
                group.setdefault(key, value)
            self.param_groups.append(group)

    def __repr__(self):
        lines = [type(self).__name__ + " ("]
        for i, group in enumerate(self.param_groups):
            lines.append(f"Parameter Group {i}")
            lines += [f"    {key}: {group[key]}" for key in sorted(group) if key != "params"]
        lines.append(")")
        return "\n".join(lines)

    def zero_grad(self, set_to_none=True):
        """Forget the gradients of the last backward (PyTorch 2.x sets them to None)."""
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.zero_()
