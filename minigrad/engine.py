"""The backward engine (chapter 03).

``out.backward()`` sends gradients from the output back through the graph that forward recorded:

1. `count_dependencies`: for every node, how many edges lead into it, that is how many gradients
   it will receive. One walk over ``next_functions`` with a stack, so even a graph 100,000 nodes
   deep needs no recursion.
2. Start at the output with the gradient 1 (or the ``gradient`` you pass, chapter 04). A node is
   *ready* once all its gradients have arrived; they are summed (the multivariable chain rule) and
   the node runs, exactly once. Ready nodes wait in a heap that gives the newest node first.
3. Running a node is its Function's backward: one local step of the chain rule. Then the node's
   saved tensors are freed, unless ``retain_graph=True`` (chapter 07).
4. The last node before a leaf is its `AccumulateGrad`: it adds what arrives into ``leaf.grad``.
"""
import heapq

from . import errors, grad_mode, saved, vjp
from .accumulate import gradient_edge
from .capture import Capture
from .tensor import Tensor


class GraphRoot:
    """Where backward starts: edges to the outputs, and the gradients they start with."""

    hooks = None

    def __init__(self, edges, grads):
        self.next_functions, self.grads = tuple(edges), tuple(grads)

    def __call__(self):
        return self.grads


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """``torch.autograd.backward``: add the gradients of `tensors` into the leaves' ``.grad``."""
    capture = None if inputs is None else Capture(inputs, "backward")      # (capture.py)
    execute(tensors, grad_tensors, retain_graph, create_graph, capture)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, materialize_grads=False):
    """``torch.autograd.grad``: the gradients of `outputs` with respect to `inputs`, returned
    instead of added into ``.grad``."""
    capture = Capture(inputs, "grad")
    execute(outputs, grad_outputs, retain_graph, create_graph, capture)
    return capture.results(allow_unused, materialize_grads)


def execute(outputs, grad_outputs, retain_graph, create_graph, capture):
    """What backward() and grad() share: the starting gradients, then the engine's loop."""
    outputs = tuple(outputs) if isinstance(outputs, (tuple, list)) else (outputs,)
    grads = vjp.initial_gradients(outputs, grad_outputs)          # ones for a scalar (chapter 04)
    if not all(out.requires_grad for out in outputs):
        raise errors.no_grad_fn([out.requires_grad for out in outputs].index(False))
    root = GraphRoot([gradient_edge(out) for out in outputs], grads)
    retain_graph = create_graph if retain_graph is None else retain_graph
    with grad_mode.enable_grad() if create_graph else grad_mode.no_grad():   # record backward?
        run_backward(root, retain_graph, capture)


def run_backward(root, retain_graph, capture):
    """The loop: a node runs once all its gradients are in, and sends one to each of its inputs."""
    dependencies = count_dependencies(root)
    received = {root: []}              # node -> the gradients sent to it, one per output
    ready = [root]                     # a heap: heappop gives the newest node first
    while ready:
        node = heapq.heappop(ready)
        grad_outputs = received.pop(node, None)
        # a node runs when a gradient reached it (and, for grad(), when it leads to an input)
        if grad_outputs is not None and (capture is None or capture(node, grad_outputs)):
            grads = run_node(node, grad_outputs, retain_graph)
        else:
            grads = [None] * len(node.next_functions)
        for i, (child, nr) in enumerate(node.next_functions):
            if child is not None:          # (None: an input that needs no gradient)
                if grads[i] is not None:                 # in its input's shape (chapter 04)
                    add_gradient(received, child, nr, vjp.fit(node, i, grads[i], child.meta[nr]))
                dependencies[child] -= 1
                if dependencies[child] == 0:
                    heapq.heappush(ready, child)


def count_dependencies(root):
    """For every node reachable from `root`: how many edges lead into it."""
    dependencies = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is not None and child not in dependencies:    # new: walk on from it later
                stack.append(child)
            dependencies[child] = dependencies.get(child, 0) + 1    # (None's count is never used)
    return dependencies


def add_gradient(received, node, nr, grad):
    """Gradients for the same output of a node are summed: the multivariable chain rule."""
    grads = received.setdefault(node, [None] * node.num_outputs)
    grads[nr] = grad if grads[nr] is None else grads[nr] + grad


def run_node(node, grad_outputs, retain_graph):
    """One step of the chain rule: the node's backward, then its saved tensors are freed."""
    if node.hooks is None:
        grad_inputs = node(*grad_outputs)
    else:                              # with hooks and retain_grad around it (hooks.py)
        grad_inputs = node.hooks.run(node, grad_outputs)
    if not retain_graph:
        saved.release(node)
    return grad_inputs


def tensor_backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    """``out.backward()``: the gradients of `out` go into the leaves' ``.grad``."""
    backward(self, gradient, retain_graph, create_graph, inputs)


Tensor.backward = tensor_backward
