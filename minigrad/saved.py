"""Tensors kept for backward, and when they are freed (chapter 07).

forward hands what backward will need to ``ctx.save_for_backward(...)``. Once the node is in the
graph, `pack` keeps each of those tensors as a `SavedTensor`, together with its version: every
in-place operation (``add_``, ``mul_``, ``+=`` ...) moves a tensor's version on. backward gets them
back with ``ctx.saved_tensors`` (`unpack`), which raises if a tensor has changed since it was saved:
the gradient computed from it would be wrong. After a node has run, the engine calls `release`
unless ``retain_graph=True``: the memory is freed, and another backward through the node raises.
"""
from . import errors


class SavedTensor:
    """One tensor kept for backward, with the version it had when it was saved."""

    output_nr = 0                # which output of the node it is, when it is one

    def __init__(self, tensor, is_output):
        self.version, self.is_output = tensor._version, is_output
        # An output of the node itself is kept without its grad_fn (the node): node -> output -> node
        # would be a reference cycle that only Python's garbage collector can free.
        self.tensor = tensor.detach() if is_output else tensor

    def unpack(self, node):
        if self.tensor._version != self.version:
            raise errors.modified_inplace(self, node)
        return self.output_of(node) if self.is_output else self.tensor

    def output_of(self, node):
        """The node's output again: the same data, and the node as its grad_fn."""
        output = self.tensor.detach()
        output.grad_fn, output.output_nr, output._requires_grad = node, self.output_nr, True
        return output


def pack(node, output):
    """Keep what forward passed to save_for_backward, with versions (None stays None)."""
    node.saved, node.to_save = tuple([None if t is None else SavedTensor(t, t is output)
                                      for t in node.to_save]), ()


def unpack(node):
    """``ctx.saved_tensors``: the saved tensors, checked; an error once they have been released."""
    if node.saved is None:
        raise errors.backward_twice()
    return tuple([None if s is None else s.unpack(node) for s in node.saved])


def release(node):
    """Free what the node's forward saved (backward does this unless retain_graph=True)."""
    node.saved = None
