"""Recording the computation graph (chapters 02, 05 and 07).

An operation is a `Function`: a ``forward`` that computes the result from numpy arrays, and, right
beside it, a ``backward`` that turns the gradient of the result into gradients of the inputs.

When an operation runs while gradients are being tracked, ``Function.apply`` creates one
`BackwardNode` for it. The node is what PyTorch calls ``grad_fn`` (``MulBackward0`` ...), and it is
also the ``ctx`` that forward and backward share: forward stores what backward will need with
``ctx.save_for_backward(...)``. The node remembers where each input came from in
``next_functions``: the input's own ``grad_fn``, or for a leaf tensor an `AccumulateGrad` node that
adds the arriving gradient into ``leaf.grad``. Following ``next_functions`` from the output walks
the whole graph backwards; ``engine.py`` does exactly that.
"""
import itertools
import operator
import weakref

import numpy as np

from . import errors
from .grad_mode import _state
from .tensor import Tensor

_sequence_nr = itertools.count()


class BackwardNode:
    """A node of the backward graph: ``grad_fn`` of a result, and ``ctx`` inside its Function."""

    _forward_cls = None      # the Function whose backward this node runs
    _hooks = None            # fn(grad_inputs, grad_outputs), after this node ran
    _pre_hooks = None        # fn(grad_outputs), before this node runs
    _tensor_hooks = None     # {output_nr: [fn(grad)]}: hooks of the result tensor(s)
    _arg_positions = None    # which forward arguments are graph inputs, when not all are
    _retained = None         # {output_nr: weakref to a non-leaf result that called retain_grad()}
    _metadata = None
    _num_outputs = 1
    _output_shapes = None    # (shape, dtype) of each output, kept only for multi-output Functions
    next_functions = ()      # ((node or None, input_nr), ...): one pair per input, set by apply
    _needs = None            # needs_input_grad, once known
    _args = ()               # the forward arguments, kept only while nothing is recorded
    _to_save = ()            # what forward passed to save_for_backward
    _saved = ()              # the same, packed by apply (None once freed)
    _input_meta = ()         # (shape, numpy dtype) of each input, to check gradients
    _sequence_nr = 0         # creation order in the graph (PyTorch's sequence_nr), set by apply
    _recorded = False        # will this node be part of the graph? (set by apply before forward)

    # --- used inside forward / backward -------------------------------------------------------
    @property
    def needs_input_grad(self):
        """One bool per forward argument: is it a tensor that requires grad?"""
        if self._needs is None:
            self._needs = _needs_grad(self._args)
        return self._needs

    def save_for_backward(self, *tensors):
        """Keep tensors for backward. They are freed after backward unless retain_graph=True."""
        self._to_save = tensors

    @property
    def saved_tensors(self):
        if self._saved is None:
            raise errors.backward_twice()
        tensors = []
        for s in self._saved:
            tensors.append(None if s is None else s.unpack(self))
        return tuple(tensors)

    def _release_saved(self):
        """Free what forward saved (backward without retain_graph=True does this)."""
        if self._saved:
            self._saved = None

    # --- what PyTorch's grad_fn objects offer ---------------------------------------------------
    def name(self):
        return type(self).__name__

    @property
    def metadata(self):
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def apply(self, *grad_outputs):
        """Run this node's backward: gradients of the outputs -> one gradient per input edge."""
        grads = self._forward_cls.backward(self, *grad_outputs)
        if not isinstance(grads, tuple):
            grads = (grads,)
        if self._arg_positions is not None:            # drop gradients of non-tensor arguments
            n_args = len(self.needs_input_grad)
            if len(grads) != n_args:
                raise _gradient_count_error(self, n_args, len(grads))
            grads = tuple(grads[i] for i in self._arg_positions)
        if len(grads) != len(self.next_functions):
            raise _gradient_count_error(self, len(self.next_functions), len(grads))
        return grads

    __call__ = apply

    def register_hook(self, fn):
        """fn(grad_inputs, grad_outputs) runs after this node computed its gradients."""
        if self._hooks is None:
            self._hooks = []
        self._hooks.append(fn)
        return _RemovableHandle(self._hooks, fn)

    def register_prehook(self, fn):
        """fn(grad_outputs) runs before this node; it may return replacement gradients."""
        if self._pre_hooks is None:
            self._pre_hooks = []
        self._pre_hooks.append(fn)
        return _RemovableHandle(self._pre_hooks, fn)

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"


def _gradient_count_error(node, expected, got):
    return errors.error(RuntimeError, f"function {node.name()} returned an incorrect number of gradients "
                        f"(expected {expected}, got {got})",
                        "backward 는 forward 의 인자마다 기울기를 하나씩 돌려주어야 합니다. 미분하지 않는 인자"
                        "(숫자, 텐서가 아닌 값) 자리에는 None 을 돌려주세요.")


class _RemovableHandle:
    def __init__(self, hooks, fn):
        self._hooks, self._fn = hooks, fn

    def remove(self):
        if self._fn in self._hooks:
            self._hooks.remove(self._fn)


class SavedTensor:
    """A tensor kept for backward, with its version at the time it was saved.

    If an in-place operation changes the tensor afterwards, its version moves on and unpacking
    raises instead of silently computing a wrong gradient.

    Like PyTorch, only a leaf is kept as the tensor object itself. For a computed tensor the node
    keeps its data, history and version counter and rebuilds a tensor on unpacking: the Python
    object can be freed as soon as your code drops it, and an output of the node itself creates no
    reference cycle (tensor -> grad_fn -> tensor) that only the garbage collector could free.
    """

    __slots__ = ("leaf", "array", "version_counter", "version", "grad_fn", "output_nr", "tensor_ref")

    def __init__(self, tensor, output_of_node=None):
        self.version = tensor._version_counter[0]
        if output_of_node is None and tensor.grad_fn is None:
            self.leaf = tensor
            return
        self.leaf = None
        self.array = tensor.array
        self.version_counter = tensor._version_counter
        # for an output, the node itself is the grad_fn (filled in on unpacking)
        self.grad_fn = None if output_of_node is not None else tensor.grad_fn
        self.output_nr = tensor._output_nr if output_of_node is None else output_of_node
        self.tensor_ref = weakref.ref(tensor)            # only to name it in an error message

    def unpack(self, node):
        if self.leaf is not None:
            t = self.leaf
        else:
            t = Tensor._make(self.array, True, self.grad_fn or node, self.output_nr)
            t._version_counter = self.version_counter
        if t._version_counter[0] != self.version:
            raise errors.modified_inplace(t, self._owner_name(node), self.version)
        return t

    def _owner_name(self, node):
        """'Exp' for an output of ExpBackward0; else the tensor's current grad_fn, like PyTorch."""
        if self.leaf is not None:
            name = "a leaf"
        elif self.grad_fn is None:
            name = node.name()
        else:
            alive = self.tensor_ref()
            name = (alive.grad_fn if alive is not None else self.grad_fn).name()
        name = name.rstrip("0123456789")
        return name[:-len("Backward")] if name.endswith("Backward") else name


class FunctionMeta(type):
    """Creates, for every Function, the node class its grad_fn objects belong to.

    The node class also gets PyTorch's ``_saved_<name>`` attributes (``grad_fn._saved_self``,
    ``._saved_result``, ``._saved_exponent``...): what forward kept, by name.
    """

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        node_name = attrs.get("node_name") or name + "Backward"
        node_attrs = {"_forward_cls": cls, "__module__": cls.__module__, "__qualname__": node_name}
        for i, saved in enumerate(cls.saved_names):
            node_attrs["_saved_" + saved] = property(_saved_tensor_getter(i))
        for attribute in cls.saved_attributes:
            node_attrs["_saved_" + attribute] = property(operator.attrgetter(attribute))
        cls._backward_cls = type(node_name, (BackwardNode,), node_attrs)


def _saved_tensor_getter(i):
    def get(node):
        value = node.saved_tensors[i]               # raises once freed, like PyTorch
        numbers = node.__dict__.get("numbers")
        if value is None and numbers and numbers[i] is not None:
            value = Tensor._make(np.asarray(numbers[i]))     # a Python number, wrapped as PyTorch does
        return value
    return get


class Function(metaclass=FunctionMeta):
    """Base class of every operation, built in or yours (like ``torch.autograd.Function``).

    Subclasses define ``forward(ctx, *args)`` (return a numpy array, a Tensor, or a tuple of them)
    and ``backward(ctx, *grad_outputs)`` (return one gradient per forward argument, None where
    there is none), and are called with ``MyFunction.apply(*args)``.
    """

    node_name = None        # PyTorch's class name of the node, e.g. "MulBackward0"
    saved_names = ()        # PyTorch's names of what forward saves (grad_fn._saved_self ...)
    saved_attributes = ()   # ctx attributes PyTorch also shows, e.g. ("exponent",): grad_fn._saved_exponent
    wrap_numbers = False    # treat Python numbers as inputs too (PyTorch does for + - * /)

    @staticmethod
    def forward(ctx, *args):
        raise errors.error(NotImplementedError, "You must implement the forward function for custom "
                           "autograd.Function.", "Function 을 상속한 클래스에 @staticmethod 인 "
                           "forward(ctx, ...) 를 정의하세요.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise errors.error(NotImplementedError, "You must implement either the backward or vjp method for your "
                           "custom autograd.Function to use it with backward mode AD.",
                           "역전파하려면 @staticmethod 인 backward(ctx, grad_output) 를 정의해 입력마다 기울기를 "
                           "돌려주세요.")

    @classmethod
    def apply(cls, *args):
        node = cls._backward_cls()
        if not _state.enabled:              # no_grad, or a backward pass: nothing is recorded
            node._args = args               # (needs_input_grad is then worked out only if asked)
            result = cls.forward(node, *args)
            if type(result) is np.ndarray:  # (what built-in operations return)
                return Tensor._make(result)
            return _as_outputs(result, args)
        needs = node._needs = _needs_grad(args)
        record = node._recorded = True in needs
        _state.enabled = False              # forward itself is never recorded
        try:
            result = cls.forward(node, *args)
        finally:
            _state.enabled = True           # (it was on: otherwise the first branch returned)
        if type(result) is np.ndarray:      # one output (all built-in operations but a few)
            output = Tensor._make(result)
            if record:
                _connect(cls, node, args, (output,))
            return output
        output = _as_outputs(result, args)
        if record:
            _connect(cls, node, args, output if type(output) is tuple else (output,))
        return output


# needs_input_grad of a binary operation is one of these four tuples: shared, not built for every op
_BINARY_NEEDS = (((False, False), (False, True)),
                 ((True, False), (True, True)))


def _needs_grad(args):
    """needs_input_grad: one bool per argument, True for a tensor that requires grad."""
    if len(args) == 2:                       # (a binary operation, the common case: no loop)
        a, b = args
        a_needs = isinstance(a, Tensor) and a._requires_grad
        b_needs = isinstance(b, Tensor) and b._requires_grad
        return _BINARY_NEEDS[a_needs][b_needs]
    needs = []
    for a in args:                           # (a plain loop: in Python 3.11 it is quicker than a
        needs.append(isinstance(a, Tensor) and a._requires_grad)      # list comprehension)
    return tuple(needs)


def _as_outputs(result, args):
    """forward's result as the output Tensor, or a tuple of them for several outputs."""
    if type(result) is tuple:
        return tuple([_as_tensor(r, args) for r in result])
    return _as_tensor(result, args)


def _as_tensor(result, args):
    if type(result) is np.ndarray:               # (what built-in operations return)
        return Tensor._make(result)
    if isinstance(result, Tensor):
        if any(result is a for a in args):       # an input returned as it is: the output must be a
            return Tensor._make(result.array)    # new tensor (sharing memory), not the input itself
        return result
    return Tensor._make(np.asarray(result))


def _connect(cls, node, args, outputs):
    """Hang the new node into the graph: edges to the inputs, grad_fn on the outputs."""
    edges, meta = [], []
    for a in args:
        if isinstance(a, Tensor):
            fn = a.grad_fn                   # (what a._edge() gives, without the call in the common case)
            edges.append((fn, a._output_nr) if fn is not None else a._edge())
            array = a.array
            meta.append((array.shape, array.dtype))
        elif cls.wrap_numbers and isinstance(a, (int, float)):
            edges.append((None, 0))          # PyTorch wraps the number in a tensor: an edge to nothing
            meta.append(None)
    node.next_functions = tuple(edges)
    node._input_meta = tuple(meta)
    node._sequence_nr = next(_sequence_nr)
    if len(edges) != len(args):              # backward returns one gradient per argument: remember
        node._arg_positions = tuple(         # which arguments are graph inputs
            i for i, a in enumerate(args)
            if isinstance(a, Tensor) or (cls.wrap_numbers and isinstance(a, (int, float))))
    if len(outputs) == 1:                    # (the common case, without a loop: ~3% of an op)
        out = outputs[0]
        out._requires_grad = True
        out.grad_fn = node
        out._output_nr = 0
    else:
        node._num_outputs = len(outputs)
        node._output_shapes = tuple([(o.array.shape, o.array.dtype) for o in outputs])
        for nr, out in enumerate(outputs):
            out._requires_grad = True
            out.grad_fn = node
            out._output_nr = nr
    if node._to_save:
        saved = []
        for t in node._to_save:
            saved.append(None if t is None else _pack(t, outputs))
        node._saved = tuple(saved)
        node._to_save = ()


def _pack(t, outputs):
    if t is outputs[0]:                      # (the common case first: a single output)
        return SavedTensor(t, output_of_node=0)
    for nr in range(1, len(outputs)):
        if t is outputs[nr]:
            return SavedTensor(t, output_of_node=nr)
    return SavedTensor(t)


class AccumulateGrad(BackwardNode):
    """The node behind a leaf tensor: adds the gradient that reaches it into ``leaf.grad``.

    The first gradient is stored as a copy; later ones are added to it (chapter 05: gradients
    accumulate until you reset them with ``x.grad = None`` or ``x.grad.zero_()``).
    """

    def __init__(self, variable):
        self.variable = variable
        self._sequence_nr = 2**64 - 1     # as in PyTorch: runs as soon as it is ready

    @property
    def _tensor_hooks(self):              # hooks registered on the leaf tensor itself
        hooks = self.variable._leaf_hooks
        return {0: hooks} if hooks else None

    def name(self):
        return "torch::autograd::AccumulateGrad"

    def apply(self, grad):
        var = self.variable
        if var._grad is None:
            if _state.enabled:       # create_graph=True: a copy that is itself part of the graph
                var._grad = _copy_with_history(grad)
            else:
                var._grad = Tensor._make(grad.array.copy())
        elif _state.enabled:
            var._grad = var._grad + grad
        else:
            var._grad.array += grad.array       # in place, as PyTorch does
        return ()

    __call__ = apply


def _copy_with_history(grad):
    from .ops import Copy             # (ops import this module)
    return Copy.apply(Tensor._make(np.empty_like(grad.array)), grad)
