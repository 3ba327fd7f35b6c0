"""The object :func:`minigrad.viz.draw` returns: DOT text that shows itself as SVG."""

from __future__ import annotations

import os

from .render import RenderUnavailable, render_svg

__all__ = ["Picture"]


class Picture:
    """A graph picture.

    * ``.source`` - the DOT text;
    * ``.svg()``  - the SVG text (rendered once, then cached);
    * ``.save("graph.svg")`` / ``.save("graph.dot")``;
    * in Jupyter it displays itself as SVG.  When no Graphviz renderer is available it
      shows a Korean message saying how to fix that, followed by the DOT text.
    """

    def __init__(self, source: str, *, title: str | None = None, nodes: int = 0):
        self.source = source
        self.title = title
        self.nodes = nodes  # number of drawn nodes, for repr
        self._svg: str | None = None

    def svg(self) -> str:
        """SVG text.  Raises ``RenderUnavailable`` when nothing can render."""
        if self._svg is None:
            self._svg = render_svg(self.source)
        return self._svg

    def save(self, path) -> str:
        """Write ``.svg`` (rendered) or ``.dot``/``.gv`` (DOT text); return the path."""
        path = os.fspath(path)
        ext = os.path.splitext(path)[1].lower()
        if ext == ".svg":
            text = self.svg()
        elif ext in (".dot", ".gv"):
            text = self.source
        else:
            raise ValueError(
                f"저장할 수 있는 형식은 .svg, .dot, .gv 입니다 (받은 경로: {path!r})."
            )
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        return path

    # -- Jupyter ------------------------------------------------------------------
    def _repr_svg_(self):
        try:
            return self.svg()
        except RenderUnavailable:
            return None  # _repr_mimebundle_ / __repr__ show the message instead

    def _repr_mimebundle_(self, include=None, exclude=None):
        try:
            return {"image/svg+xml": self.svg(), "text/plain": repr(self)}
        except RenderUnavailable as exc:
            return {"text/plain": f"{exc}\n\n{self.source}"}

    def __repr__(self) -> str:
        what = f" {self.title!r}" if self.title else ""
        return f"<minigrad.viz 그림{what}: 노드 {self.nodes}개>"
