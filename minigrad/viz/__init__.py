"""Pictures of the computation graph (계산 그래프 그림).

Usage::

    from minigrad import viz
    viz.draw(out)                        # torchviz 의 make_dot 처럼
    viz.draw(out, derivatives=True)      # 간선마다 국소 도함수
    viz.backward_steps(out)              # backward 가 노드를 방문하는 순서와 기울기
    viz.fields(x=x, y=y)                 # 텐서마다 자동 미분 필드 (requires_grad, grad, grad_fn ...)

Works on minigrad tensors and on real torch tensors (only PyTorch's public graph API
is used).  Rendering: system ``dot`` or in-process wasm, chosen by
``MINIGRAD_GRAPHVIZ=auto|dot|wasm``.
"""

from .fields import fields
from .graph import FONT, draw, format_values, walk
from .picture import Picture
from .render import RenderUnavailable, render_svg
from .steps import backward_steps

__all__ = [
    "draw", "backward_steps", "fields", "Picture", "walk", "format_values", "render_svg",
    "RenderUnavailable", "FONT",
]
