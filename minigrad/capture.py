"""``grad()`` and ``backward(inputs=...)``: the gradients of chosen inputs only (PyTorch-exact detail).

The engine's loop takes a `Capture` and, before each node runs, calls ``capture.visit``. It keeps
the gradient that reached each chosen input, and lets a node run only if it leads to one of them
(the rest of the graph is skipped, as PyTorch does). ``grad()`` never touches any ``.grad``;
``backward(inputs=...)`` accumulates into those inputs' ``.grad`` only.
"""
from . import errors
from .accumulate import AccumulateGrad, gradient_edge
from .hooks import accumulate_retained
from .tensor import Tensor


class Capture:
    """The chosen inputs, their edges, and the gradients that reached them."""

    def __init__(self, inputs, caller):
        self.inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
        self.caller = caller                       # "grad" or "backward"
        self.edges = [_input_edge(t, caller) for t in errors.check_inputs(self.inputs, caller)]
        self.grads = [None] * len(self.inputs)
        self.leads = None                           # node -> does it lead to an input?

    def __call__(self, node, grad_outputs):
        """The engine asks before each node a gradient reached: run it? Meanwhile keep the inputs'
        gradients."""
        if self.leads is None:                      # the first node is the root: look ahead
            self.leads = _nodes_leading_to(node, {target for target, _ in self.edges})
            return True
        for k, (target, nr) in enumerate(self.edges):
            if target is node:
                self._keep(k, grad_outputs[nr])
        if isinstance(node, AccumulateGrad):        # grad() never writes .grad; backward(inputs=)
            chosen = any(target is node for target, _ in self.edges)        # only the inputs'
            return self.caller == "backward" and chosen
        return self.leads.get(node, False)

    def _keep(self, k, grad):
        self.grads[k] = grad
        t = self.inputs[k]
        if self.caller == "backward" and grad is not None and t.grad_fn is not None:
            accumulate_retained(t, grad)            # backward(inputs=[y]): y.grad, y not a leaf

    def results(self, allow_unused, materialize_grads):
        """grad()'s return value: one gradient per input (checked as PyTorch does)."""
        results = []
        for i, (t, g) in enumerate(zip(self.inputs, self.grads)):
            if g is None and materialize_grads:
                g = t.new_zeros(t.shape)
            elif g is None and not allow_unused:
                raise errors.unused_input(i)
            results.append(g)
        return tuple(results)


def _input_edge(t, caller):
    if not t.requires_grad:
        raise errors.input_without_grad(caller)
    return gradient_edge(t)


def _nodes_leading_to(root, targets):
    """The nodes from which one of `targets` can be reached (only those must run)."""
    leads = {}
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            leads[node] = any(child in targets or leads.get(child, False)
                              for child, _ in node.next_functions if child is not None)
        elif node not in leads:
            leads[node] = False
            stack.append((node, True))
            stack.extend((child, False) for child, _ in node.next_functions
                         if child is not None and child not in leads)
    return leads
