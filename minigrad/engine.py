"""The backward engine (chapters 03, 04, 05 and 07).

``out.backward()`` walks the graph that forward recorded, from the output back to the leaves:

1. Count, for every node, how many edges lead into it (how many results still have to send it a
   gradient). This is one walk over ``next_functions`` with an explicit stack: no recursion, so a
   graph 100,000 operations deep is fine.
2. Start from the output with the gradient 1 (or the ``gradient`` you passed), and keep a queue of
   nodes that are *ready*: every result that uses them has already sent its gradient. A node runs
   exactly once, when its count reaches zero, so gradients arriving along several paths are summed
   first (the multivariable chain rule).
3. Running a node is its Function's ``backward``: the chain rule, one local step at a time. Each
   gradient it returns is checked against the input it belongs to: a gradient with the broadcast
   shape is summed back to the input's shape (chapter 04), and its dtype is made the input's.
4. ``AccumulateGrad`` nodes add what reaches them into ``leaf.grad`` (chapter 05).
5. Unless ``retain_graph=True``, every node frees its saved tensors after running (chapter 07).
"""
import warnings
from heapq import heappop, heappush

import numpy as np

from . import errors
from .function import BackwardNode
from .grad_mode import _state
from .tensor import Size, Tensor, is_expandable_to


class GraphRoot(BackwardNode):
    """A starting node whose edges point at the outputs backward was called on."""

    def __init__(self, edges, grads):
        self.next_functions = tuple(edges)
        self.grads = tuple(grads)

    def apply(self):
        return self.grads


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Compute the gradients of `tensors` and add them into the ``.grad`` of the leaves."""
    tensors = (tensors,) if isinstance(tensors, Tensor) else tuple(tensors)
    grads = _initial_grads(tensors, grad_tensors)
    if retain_graph is None:
        retain_graph = create_graph
    if create_graph:
        warnings.warn(
            "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
            "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
            "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters "
            "to None after use to break the cycle and avoid the leak.\n"
            "💡 create_graph=True 로 만든 .grad 는 그래프를 붙잡고 있습니다. 2차 미분에는 "
            "torch.autograd.grad(..., create_graph=True) 를 쓰거나, 다 쓴 뒤 x.grad = None 으로 비우세요.",
            UserWarning, stacklevel=3)
    roots = [_root_edge(t, i) for i, t in enumerate(tensors)]
    capture = None
    if inputs is not None:
        inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
        capture = _input_edges(inputs, "backward")
    captured = run_backward(roots, grads, retain_graph, create_graph, capture, accumulate=True)
    if inputs is not None:                  # backward(inputs=...) accumulates only into those
        for t, g in zip(inputs, captured):
            if g is not None and t.grad_fn is not None:
                t._accumulate_retained(g)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=None, materialize_grads=False):
    """Return the gradients of `outputs` with respect to `inputs` (nothing goes into ``.grad``)."""
    single = isinstance(inputs, Tensor)
    outputs = (outputs,) if isinstance(outputs, Tensor) else tuple(outputs)
    inputs = (inputs,) if single else tuple(inputs)
    grads = _initial_grads(outputs, grad_outputs)
    if retain_graph is None:
        retain_graph = create_graph
    roots = [_root_edge(t, i) for i, t in enumerate(outputs)]
    captured = run_backward(roots, grads, retain_graph, create_graph, _input_edges(inputs, "grad"),
                            accumulate=False)
    result = []
    for i, (t, g) in enumerate(zip(inputs, captured)):
        if g is None:
            if materialize_grads:
                g = Tensor._make(np.zeros_like(t.array))
            elif not allow_unused:
                raise errors.error(
                    RuntimeError,
                    f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior.",
                    f"inputs[{i}] 는 outputs 를 계산하는 데 쓰이지 않았습니다. 빠뜨린 입력이 없는지 보거나 "
                    "allow_unused=True 를 주면 그 자리에 None 을 돌려받습니다.")
        result.append(g)
    return tuple(result)


def _root_edge(t, i):
    if not t._requires_grad:
        raise errors.no_grad_fn(i)
    return t._edge()


def _input_edges(inputs, caller):
    """The edges whose gradients grad() / backward(inputs=...) must capture (checked as PyTorch does)."""
    if not inputs:
        raise errors.error(RuntimeError, f"`inputs` argument to `{caller}()` cannot be empty.",
                           "기울기를 구할 입력 텐서를 적어도 하나 주세요 (예: inputs=[w]).")
    edges = []
    for t in inputs:
        if not isinstance(t, Tensor):
            raise errors.error(RuntimeError, f"all inputs have to be Tensors or GradientEdges, but got "
                               f"{type(t).__name__}", "inputs 에는 기울기를 구할 텐서들을 넘기세요.")
        if not t._requires_grad:
            english = ("One of the differentiated Tensors does not require grad" if caller == "grad"
                       else "can't retain_grad on Tensor that has requires_grad=False")   # (PyTorch's words)
            raise errors.error(RuntimeError, english, "기울기를 구하려는 입력 텐서가 requires_grad=False 입니다. "
                               "requires_grad=True 로 만든 텐서를 넘기세요.")
        edges.append(t._edge())
    return edges


def _initial_grads(outputs, grad_outputs):
    """The gradient each output starts with: 1 for a one-element output, else the one you gave."""
    if grad_outputs is None or isinstance(grad_outputs, Tensor):
        grad_outputs = (grad_outputs,) * len(outputs) if grad_outputs is None else (grad_outputs,)
    elif not isinstance(grad_outputs, (tuple, list)):
        raise errors.error(TypeError, f"'{type(grad_outputs).__name__}' object is not iterable", _GRADIENT_HINT)
    grads = []
    for i, (out, g) in enumerate(zip(outputs, grad_outputs)):
        if g is None:
            if out._requires_grad and out.array.size != 1:
                raise errors.scalar_outputs()
            g = Tensor._make(np.ones_like(out.array))
        else:
            if not isinstance(g, Tensor):
                raise errors.error(TypeError, f"gradients can be either Tensors or None, but got {type(g).__name__}",
                                   _GRADIENT_HINT)
            if g.array.shape != out.array.shape:
                raise errors.error(
                    RuntimeError,
                    f"Mismatch in shape: grad_output[{i}] has a shape of {Size(g.array.shape)} and "
                    f"output[{i}] has a shape of {Size(out.array.shape)}.",
                    "backward(gradient) 의 gradient 는 출력과 모양이 같아야 합니다: 출력의 원소마다 "
                    "'그 원소의 기울기'를 하나씩 주는 것입니다 (벡터-야코비안 곱의 벡터).")
        grads.append(g)
    if len(grads) < len(outputs):
        raise errors.error(RuntimeError, f"got {len(outputs)} tensors and {len(grads)} gradients",
                           "출력마다 시작 기울기를 하나씩 주어야 합니다 (기본값을 쓸 자리에는 None).")
    return grads


_GRADIENT_HINT = ("시작 기울기(gradient, grad_outputs)는 출력과 같은 모양의 텐서로 주세요: "
                  "out.backward(torch.ones_like(out)) 처럼.")


def count_dependencies(root):
    """For every node reachable from `root`: how many edges point into it."""
    dependencies = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child, _ in node.next_functions:
            if child is None:
                continue
            if child in dependencies:
                dependencies[child] += 1
            else:                          # seen for the first time: walk on from it later
                dependencies[child] = 1
                stack.append(child)
    return dependencies


def _nodes_leading_to(root, targets):
    """The nodes from which one of `targets` can be reached (only those must run for grad())."""
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


def run_backward(root_edges, root_grads, retain_graph, create_graph, capture=None, accumulate=True):
    """The engine loop. Returns the gradients that reached the `capture` edges, if any."""
    root = GraphRoot(root_edges, root_grads)
    dependencies = count_dependencies(root)
    must_run = None
    captured = None
    if capture is not None:
        captured = [None] * len(capture)
        targets = {node for node, _ in capture if node is not None}
        must_run = _nodes_leading_to(root, targets)
    buffers = {root: []}               # node -> [gradient of output 0, of output 1, ...]
    ready = [(0, 0, root)]             # a heap: the most recently created node runs first
    tie = 0
    previous_mode = _state.enabled
    _state.enabled = create_graph      # with create_graph=True the backward pass is recorded too
    try:
        while ready:
            node = heappop(ready)[2]
            grad_outputs = buffers.pop(node, None)
            if capture is not None:
                for k, (target, nr) in enumerate(capture):
                    if target is node and grad_outputs:
                        captured[k] = grad_outputs[nr]
            if must_run is None or node is root:
                runs = grad_outputs is not None      # plain backward(): every node a gradient reached
            else:
                runs = _should_run(node, grad_outputs, must_run, capture, accumulate)
            if runs:
                grad_inputs = _run_node(node, grad_outputs, retain_graph)   # one per edge
            else:
                grad_inputs = (None,) * len(node.next_functions)
            for (child, nr), g in zip(node.next_functions, grad_inputs):
                if child is None:
                    continue
                if g is not None:
                    buffer = buffers.get(child)
                    if buffer is None:
                        buffer = buffers[child] = [None] * child._num_outputs
                    buffer[nr] = g if buffer[nr] is None else buffer[nr] + g
                left = dependencies[child] - 1
                dependencies[child] = left
                if left == 0:
                    tie += 1
                    heappush(ready, (-child._sequence_nr, tie, child))
    finally:
        _state.enabled = previous_mode
    return captured


def _should_run(node, grad_outputs, must_run, capture, accumulate):
    """With inputs given (grad(), backward(inputs=)): run only what leads to them."""
    if grad_outputs is None:
        return False                      # no gradient reached it: nothing to do
    if isinstance(node, _AccumulateGrad): # grad() never touches .grad; backward(inputs=) only theirs
        return accumulate and any(target is node for target, _ in capture)
    return must_run.get(node, False)


def _run_node(node, grad_outputs, retain_graph):
    """Hooks, then the node's backward, then free its saved tensors."""
    if node._tensor_hooks:
        for nr, hooks in node._tensor_hooks.items():
            for hook in list(hooks):
                if grad_outputs[nr] is not None:
                    replaced = hook(grad_outputs[nr])
                    if replaced is not None:
                        grad_outputs[nr] = _tensor_hook_result(hook, replaced, grad_outputs[nr])
    if node._retained:
        for nr, ref in node._retained.items():
            t = ref()
            if t is not None and grad_outputs[nr] is not None:
                t._accumulate_retained(grad_outputs[nr])
    if node._pre_hooks:
        for hook in list(node._pre_hooks):
            replaced = hook(tuple(grad_outputs))
            if replaced is not None:
                grad_outputs = list(_hook_result(hook, replaced, len(grad_outputs)))
    if node._output_shapes is not None:            # a multi-output Function: unused outputs get 0
        grad_outputs = [Tensor._make(np.zeros(shape, dtype)) if g is None else g
                        for g, (shape, dtype) in zip(grad_outputs, node._output_shapes)]
    grad_inputs = node.apply(*grad_outputs)
    for g, meta in zip(grad_inputs, node._input_meta):     # does each gradient fit its input?
        if g is None or meta is None:                      # (no gradient, or a Python number's edge)
            continue
        if type(g) is not Tensor or (g.array.shape, g.array.dtype) != meta:
            grad_inputs = _fit_gradients(node, grad_inputs)     # (rare: broadcasting, another dtype)
            break
    if node._hooks:
        for hook in list(node._hooks):
            replaced = hook(grad_inputs, tuple(grad_outputs))
            if replaced is not None:
                grad_inputs = _hook_result(hook, replaced, len(grad_inputs))
    if not retain_graph:
        node._release_saved()
    return grad_inputs


def _tensor_hook_result(hook, new, old):
    """A tensor hook may replace the gradient, but not by something of another size or dtype."""
    if isinstance(new, Tensor) and new.array.shape == old.array.shape and new.array.dtype == old.array.dtype:
        return new
    name = getattr(hook, "__name__", hook)
    hint = "텐서 훅은 받은 기울기와 모양·dtype 이 같은 텐서를 돌려주어야 합니다 (바꾸지 않으려면 None)."
    if not isinstance(new, Tensor):
        raise errors.error(TypeError, f"expected Variable, but hook returned '{type(new).__name__}'", hint)
    if new.array.shape != old.array.shape:
        raise errors.error(RuntimeError, f"hook '{name}' has changed the size of value", hint)
    raise errors.error(RuntimeError, f"hook '{name}' has changed the type of value (was {old.type()} got "
                       f"{new.type()})", hint)


def _hook_result(hook, replaced, expected):
    """A node hook may replace the gradients, but must return as many as it was given."""
    replaced = tuple(replaced)
    if len(replaced) != expected:
        raise errors.error(
            RuntimeError,
            f"hook '{getattr(hook, '__name__', hook)}' has returned an incorrect number of values "
            f"(got {len(replaced)}, but expected {expected})",
            "노드 훅은 받은 기울기와 같은 개수의 값을 (튜플로) 돌려주어야 합니다. 바꾸지 않을 자리에는 받은 값을 "
            "그대로 두세요.")
    return replaced


def _fit_gradients(node, grad_inputs):
    """Each gradient made to fit its input, whose (shape, dtype) forward kept in ``_input_meta``."""
    return tuple([g if g is None or meta is None else _check_gradient(node, i, g, meta)
                  for i, (g, meta) in enumerate(zip(grad_inputs, node._input_meta))])


def _check_gradient(node, i, g, meta):
    """Make gradient `g` fit input `i` of `node`, whose (shape, dtype) is `meta`: sum away broadcast
    dimensions, match the dtype."""
    if not isinstance(g, Tensor):
        g = Tensor._make(np.asarray(g))
    shape, dtype = meta
    if g.array.shape != shape:
        if not is_expandable_to(shape, g.array.shape):
            raise errors.error(
                RuntimeError,
                f"Function {node.name()} returned an invalid gradient at index {i} - got "
                f"{list(g.array.shape)} but expected shape compatible with {list(shape)}",
                "backward 가 돌려준 기울기의 모양이 입력의 모양과 맞지 않습니다. 입력 하나마다 그 입력과 "
                "같은 모양의 기울기를 돌려주세요.")
        g = g.sum_to_size(shape)
    if g.array.dtype != dtype:
        g = g.to(dtype)
    return g


from .function import AccumulateGrad as _AccumulateGrad  # noqa: E402
