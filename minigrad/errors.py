"""Error messages that teach (all chapters).

Every misuse raises the exception class PyTorch raises. The message starts with PyTorch's own
English text (so it can be searched) and adds one Korean line saying what happened and how to fix it.
"""

import os
import sys
import warnings

import numpy as np


def error(cls, english, korean):
    """Build an exception of class `cls` with PyTorch's text and a Korean explanation."""
    return cls(f"{english}\n💡 {korean}")


BACKWARD_TWICE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they "
    "have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward."
)


def backward_twice():
    return error(RuntimeError, BACKWARD_TWICE,
                 "이 그래프는 이미 역전파에 쓰였고, 그때 저장해 둔 중간값이 해제되었습니다. 같은 그래프로 "
                 "두 번 역전파하려면 첫 번째 backward 에 retain_graph=True 를 주세요.")


def scalar_outputs():
    return error(RuntimeError, "grad can be implicitly created only for scalar outputs",
                 "출력이 스칼라가 아니면 backward() 가 시작 기울기를 스스로 만들 수 없습니다. "
                 "out.sum().backward() 처럼 스칼라로 만들거나 backward(gradient=...) 로 출력과 같은 모양의 "
                 "기울기를 넘기세요.")


def no_grad_fn(index=0):
    return error(RuntimeError,
                 f"element {index} of tensors does not require grad and does not have a grad_fn",
                 "이 텐서는 기울기를 추적하지 않습니다(requires_grad=False, grad_fn 없음). 입력 잎 텐서를 "
                 "requires_grad=True 로 만들었는지, no_grad 블록 안에서 계산하지 않았는지 확인하세요.")


def int_requires_grad(text="only Tensors of floating point dtype can require gradients"):
    return error(RuntimeError, text,
                 "정수·불리언 텐서는 미분할 수 없습니다. torch.tensor([1., 2.]) 처럼 실수로 만들거나 "
                 ".float() 로 바꾼 뒤 requires_grad 를 켜세요.")


def leaf_inplace(view=False):
    # x[0] = v writes into a view of x, and PyTorch says so
    return error(RuntimeError, f"a {'view of a ' if view else ''}leaf Variable that requires grad is being used in "
                 "an in-place operation.",
                 "requires_grad=True 인 잎 텐서를 제자리 연산으로 바꾸면 기울기 계산이 틀어집니다. "
                 "가중치 갱신처럼 의도한 변경이라면 with torch.no_grad(): 안에서 하세요.")



def view_made_without_grad():
    return error(RuntimeError,
                 "A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
                 "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify "
                 "your code by moving both the view and the inplace either both inside the no_grad block "
                 "(if you don't want the inplace to be tracked) or both outside (if you want the inplace "
                 "to be tracked).",
                 "no_grad 안에서 만든 뷰를 no_grad 밖에서 제자리 연산으로 바꾸면 기록할지 모호합니다. 뷰를 만드는 "
                 "줄과 제자리 연산을 둘 다 no_grad 안으로, 또는 둘 다 밖으로 옮기세요.")

# --- the kernel's checks: the kernel line reads `raise errors.<name>(...)` ----------------------------
def modified_inplace(saved, node):
    """A saved tensor changed in place after it was saved (saved.py)."""
    t = saved.tensor
    if saved.is_output:                 # PyTorch names the node that made the tensor
        owner = node.name()
    elif t.grad_fn is None:
        owner = "a leaf"
    else:
        owner = t.grad_fn.name()
    if owner == "CopySlices":           # (a node PyTorch names by its C++ class)
        owner = "torch::autograd::CopySlices"
    owner = owner.rstrip("0123456789")
    owner = owner[:-len("Backward")] if owner.endswith("Backward") else owner
    english = (
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        f"[torch.{t.dtype.legacy_name} [{', '.join(map(str, t.shape))}]], which is output "
        f"0 of {owner}, is at version {t._version}; expected version {saved.version} instead. "
        "Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
        "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )
    return error(RuntimeError, english,
                 "역전파에 필요해 저장해 둔 텐서가 그 뒤 제자리 연산(add_, mul_, += ...)으로 바뀌었습니다. "
                 "바뀐 값으로는 올바른 기울기를 구할 수 없으니 제자리 연산 대신 새 텐서를 만드세요 (y = y * 2).")


def forward_not_implemented():
    return error(NotImplementedError, "You must implement the forward function for custom autograd.Function.",
                 "Function 을 상속한 클래스에 @staticmethod 인 forward(ctx, ...) 를 정의하세요.")


def backward_not_implemented():
    return error(NotImplementedError, "You must implement either the backward or vjp method for your custom "
                 "autograd.Function to use it with backward mode AD.",
                 "역전파하려면 @staticmethod 인 backward(ctx, grad_output) 를 정의해 입력마다 기울기를 돌려주세요.")


def gradient_count(name, expected, got):
    return error(RuntimeError, f"function {name} returned an incorrect number of gradients (expected {expected}, "
                 f"got {got})",
                 "backward 는 forward 의 인자마다 기울기를 하나씩 돌려주어야 합니다. 미분하지 않는 인자"
                 "(숫자, 텐서가 아닌 값) 자리에는 None 을 돌려주세요.")


def gradient_for_non_tensor(name, i):
    return error(RuntimeError, f"function {name} returned a gradient different than None at position {i + 1}, "
                 "but the corresponding forward input was not a Variable",
                 "텐서가 아닌 forward 인자(숫자, 모양 ...)에는 기울기가 없습니다. 그 자리에는 None 을 돌려주세요.")


def invalid_gradient_shape(name, i, got, expected):
    return error(RuntimeError, f"Function {name} returned an invalid gradient at index {i} - got {list(got)} but "
                 f"expected shape compatible with {list(expected)}",
                 "backward 가 돌려준 기울기의 모양이 입력의 모양과 맞지 않습니다. 입력 하나마다 그 입력과 같은 "
                 "모양의 기울기를 돌려주세요.")


_GRADIENT_HINT = ("시작 기울기(gradient, grad_outputs)는 출력과 같은 모양의 텐서로 주세요: "
                  "out.backward(torch.ones_like(out)) 처럼.")


def check_gradients(outputs, gradients, ones):
    """backward(gradient) / grad(grad_outputs): one tensor (or None: `ones(out)`) per output, checked
    as PyTorch checks them."""
    tensor_type = type(outputs[0])
    if isinstance(gradients, tensor_type):
        gradients = (gradients,)
    elif not isinstance(gradients, (tuple, list)):
        raise error(TypeError, f"'{type(gradients).__name__}' object is not iterable", _GRADIENT_HINT)
    for g in gradients:
        if g is not None and not isinstance(g, tensor_type):
            raise error(TypeError, f"gradients can be either Tensors or None, but got {type(g).__name__}",
                        _GRADIENT_HINT)
    if len(gradients) < len(outputs):
        raise error(RuntimeError, f"got {len(outputs)} tensors and {len(gradients)} gradients",
                    "출력마다 시작 기울기를 하나씩 주어야 합니다 (기본값을 쓸 자리에는 None).")
    checked = []
    for i, (out, grad) in enumerate(zip(outputs, gradients)):
        if grad is None:
            if out.requires_grad and out.numel() != 1:
                raise scalar_outputs()
            grad = ones(out)
        elif grad.shape != out.shape:
            raise gradient_shape_mismatch(i, grad, out)
        checked.append(grad)
    return checked


def gradient_shape_mismatch(i, grad, out):
    return error(RuntimeError, f"Mismatch in shape: grad_output[{i}] has a shape of {grad.shape} and output[{i}] "
                 f"has a shape of {out.shape}.",
                 "backward(gradient) 의 gradient 는 출력과 모양이 같아야 합니다: 출력의 원소마다 '그 원소의 "
                 "기울기'를 하나씩 주는 것입니다 (벡터-야코비안 곱의 벡터).")


_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def _user_stacklevel():
    """The stacklevel that makes a warning point at the caller's code, outside minigrad."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    return level


def warn_backward_create_graph():
    warnings.warn(
        "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
        "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
        "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters "
        "to None after use to break the cycle and avoid the leak.\n"
        "💡 create_graph=True 로 만든 .grad 는 그래프를 붙잡고 있습니다. 2차 미분에는 "
        "torch.autograd.grad(..., create_graph=True) 를 쓰거나, 다 쓴 뒤 x.grad = None 으로 비우세요.",
        UserWarning, stacklevel=_user_stacklevel())


def warn_non_leaf_grad():
    warnings.warn(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
        "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
        "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you "
        "access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
        "github.com/pytorch/pytorch/pull/30531 for more information.\n"
        "💡 잎 텐서가 아닌 텐서의 .grad 는 채워지지 않아 None 입니다. 중간 결과의 기울기가 "
        "필요하면 backward 전에 .retain_grad() 를 부르세요.", UserWarning, stacklevel=_user_stacklevel())


# --- hooks.py ----------------------------------------------------------------------------------------
_HOOK_HINT = "텐서 훅은 받은 기울기와 모양·dtype 이 같은 텐서를 돌려주어야 합니다 (바꾸지 않으려면 None)."


def hook_without_grad():
    return error(RuntimeError, "cannot register a hook on a tensor that doesn't require gradient",
                 "기울기를 추적하지 않는 텐서에는 기울기가 흐르지 않으니 훅이 불릴 일도 없습니다. "
                 "requires_grad=True 인 텐서(또는 그것으로 계산한 텐서)에 등록하세요.")


def retain_grad_without_grad():
    return error(RuntimeError, "can't retain_grad on Tensor that has requires_grad=False",
                 "기울기를 추적하지 않는 텐서에는 .grad 가 생기지 않습니다. 입력 잎 텐서를 "
                 "requires_grad=True 로 만들었는지 확인하세요.")


def tensor_hook_result(hook, new, old, tensor_type):
    name = getattr(hook, "__name__", hook)
    if not isinstance(new, tensor_type):
        return error(TypeError, f"expected Variable, but hook returned '{type(new).__name__}'", _HOOK_HINT)
    if new.array.shape != old.array.shape:
        return error(RuntimeError, f"hook '{name}' has changed the size of value", _HOOK_HINT)
    return error(RuntimeError, f"hook '{name}' has changed the type of value (was {old.type()} got "
                 f"{new.type()})", _HOOK_HINT)


def node_hook_result(hook, got, expected):
    return error(RuntimeError, f"hook '{getattr(hook, '__name__', hook)}' has returned an incorrect number of "
                 f"values (got {got}, but expected {expected})",
                 "노드 훅은 받은 기울기와 같은 개수의 값을 (튜플로) 돌려주어야 합니다. 바꾸지 않을 자리에는 받은 "
                 "값을 그대로 두세요.")


# --- capture.py ----------------------------------------------------------------------------------------
def check_inputs(inputs, caller):
    """The inputs of grad() / backward(inputs=...), checked as PyTorch checks them."""
    if not inputs:
        raise error(RuntimeError, f"`inputs` argument to `{caller}()` cannot be empty.",
                    "기울기를 구할 입력 텐서를 적어도 하나 주세요 (예: inputs=[w]).")
    for t in inputs:
        if not hasattr(t, "grad_fn"):
            raise error(RuntimeError, f"all inputs have to be Tensors or GradientEdges, but got "
                        f"{type(t).__name__}", "inputs 에는 기울기를 구할 텐서들을 넘기세요.")
    return inputs


def input_without_grad(caller):
    english = ("One of the differentiated Tensors does not require grad" if caller == "grad"
               else "can't retain_grad on Tensor that has requires_grad=False")   # (PyTorch's words)
    return error(RuntimeError, english, "기울기를 구하려는 입력 텐서가 requires_grad=False 입니다. "
                 "requires_grad=True 로 만든 텐서를 넘기세요.")


def unused_input(i):
    return error(RuntimeError, f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                 "Set allow_unused=True if this is the desired behavior.",
                 f"inputs[{i}] 는 outputs 를 계산하는 데 쓰이지 않았습니다. 빠뜨린 입력이 없는지 보거나 "
                 "allow_unused=True 를 주면 그 자리에 None 을 돌려받습니다.")


# --- promotion.py ------------------------------------------------------------------------------------
def check_broadcast(sx, sy):
    """PyTorch's error for two shapes that do not broadcast."""
    for i in range(1, max(len(sx), len(sy)) + 1):
        dx = sx[-i] if i <= len(sx) else 1
        dy = sy[-i] if i <= len(sy) else 1
        if dx != dy and dx != 1 and dy != 1:
            dim = max(len(sx), len(sy)) - i
            raise error(RuntimeError,
                        f"The size of tensor a ({dx}) must match the size of tensor b ({dy}) at non-singleton "
                        f"dimension {dim}",
                        f"두 텐서의 모양 {list(sx)} 와 {list(sy)} 는 브로드캐스팅할 수 없습니다: 뒤에서부터 맞춘 각 "
                        "차원은 크기가 같거나 한쪽이 1 이어야 합니다.")


def int_power():
    return error(RuntimeError, "Integers to negative integer powers are not allowed.",
                 "정수 텐서의 음의 정수 거듭제곱은 정수가 아니므로 구할 수 없습니다. x.float() ** -1 처럼 "
                 "실수 텐서로 바꾼 뒤 계산하세요.")


def check_sub(a_is_bool, b_is_bool):
    """PyTorch's sub_check: no subtraction with a bool tensor (a Python True/False counts as one)."""
    if a_is_bool and b_is_bool:
        raise error(RuntimeError, "Subtraction, the `-` operator, with two bool tensors is not supported. "
                    "Use the `^` or `logical_xor()` operator instead.",
                    "bool 텐서끼리는 뺄 수 없습니다. 서로 다른 곳을 찾으려면 a ^ b 를 쓰고, 수로 빼려면 "
                    "a.int() - b.int() 처럼 바꾸세요.")
    if a_is_bool or b_is_bool:
        raise error(RuntimeError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you "
                    "are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                    "bool 텐서로는 뺄셈을 할 수 없습니다. 마스크를 뒤집으려면 ~mask 를, 수로 계산하려면 "
                    "mask.float() 처럼 바꾼 뒤 빼세요.")


def negate_bool():
    return error(RuntimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are "
                 "trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                 "bool 텐서에는 부호를 바꾸는 - 가 없습니다. 마스크를 뒤집으려면 ~mask 를 쓰세요.")


def bad_operand(op, a, b):
    return error(TypeError, f"unsupported operand type(s) for {op}: '{type(a).__name__}' and '{type(b).__name__}'",
                 "텐서와는 텐서나 숫자로만 계산할 수 있습니다. 리스트는 torch.tensor(...) 로 감싸세요.")


def check_alpha(alpha, result_kind):
    """PyTorch's checks of add/sub's alpha against the result's dtype kind."""
    if isinstance(alpha, bool) and result_kind != "b":
        raise error(RuntimeError, "Boolean alpha only supported for Boolean results.",
                    "alpha=True/False 는 bool 텐서끼리 더할 때만 씁니다. alpha=1 처럼 숫자를 주세요.")
    if isinstance(alpha, float) and result_kind in "biu":
        raise error(RuntimeError, "For integral input tensors, argument alpha must not be a floating point number.",
                    "정수 텐서의 덧셈·뺄셈에는 alpha 로 실수를 줄 수 없습니다. alpha 를 정수로 주거나 텐서를 .float() 로 "
                    "바꾸세요.")


def not_expandable(size, shape):
    return error(RuntimeError, f"size {{{list(size)}}} is not expandable to size {{{list(shape)}}}.",
                 "sum_to_size 는 브로드캐스팅을 거꾸로 합니다: 목표 모양을 expand 해서 이 텐서 모양이 되어야 "
                 "합니다 (뒤에서부터 맞춘 각 차원이 같거나 1).")


def matmul_operand(a, b):
    return error(TypeError, f"unsupported operand type(s) for @: '{type(a).__name__}' and '{type(b).__name__}'",
                 "행렬곱 @ 의 두 피연산자는 모두 텐서여야 합니다. 리스트는 torch.tensor(...) 로 감싸고, "
                 "숫자를 곱하려면 * 를 쓰세요.")


def empty_reduction(name, d):
    return error(IndexError, f"{name}(): Expected reduction dim {d} to have non-zero size.",
                 f"{d}번 차원의 크기가 0 이라 그 차원을 따라 고를 값이 없습니다. 텐서의 모양을 확인하세요.")


# --- tensor.py ---------------------------------------------------------------------------------------
def requires_grad_of_result():
    return error(RuntimeError,
                 "you can only change requires_grad flags of leaf variables. If you want to use a computed "
                 "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
                 "연산으로 만든 텐서(잎 텐서가 아닌 것)의 requires_grad 는 끌 수 없습니다. "
                 "그래프에서 떼어 낸 사본이 필요하면 var.detach() 를 쓰세요.")


def grad_not_a_tensor(value):
    return error(TypeError, "assigned grad expected to be a Tensor or None but got grad of type "
                 + type(value).__name__,
                 ".grad 에는 텐서나 None 만 넣을 수 있습니다. torch.zeros_like(x) 처럼 텐서로 만들어 넣으세요.")


_C_TYPE_NAMES = {"float64": "double", "float32": "float", "float16": "c10::Half", "int64": "long int",
                 "int32": "int", "bool": "bool"}


def grad_does_not_fit(t, value):
    """A .grad that is no tensor, or of another shape, or of another dtype, than the tensor."""
    if not hasattr(value, "array"):
        return grad_not_a_tensor(value)
    if value.array.shape != t.array.shape:
        return error(RuntimeError,
                     f"attempting to assign a gradient of size '{list(value.array.shape)}' to a tensor of size "
                     f"'{list(t.array.shape)}'. Please ensure that the gradient and the tensor are the same size",
                     ".grad 에는 텐서와 같은 모양의 기울기만 넣을 수 있습니다. 0 으로 되돌리려면 "
                     "x.grad = None 이나 x.grad.zero_() 를 쓰세요.")
    name = value.dtype.name
    return error(RuntimeError,
                 f"attempting to assign a gradient with dtype '{_C_TYPE_NAMES.get(name, name)}' to a tensor "
                 f"with grad_dtype '{t.dtype.short_name}'. The gradient must match the tensor's grad_dtype "
                 "(defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific "
                 "dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a "
                 "tensor and its gradient may break downstream systems that assume they match.",
                 f".grad 의 dtype 은 텐서와 같아야 합니다({t.dtype}). torch.tensor(0.) 처럼 같은 dtype 으로 "
                 "만들어 넣으세요.")


def mean_of_integers(a):
    return error(RuntimeError, "mean(): could not infer output dtype. Input dtype must be either a floating point or "
                 f"complex dtype. Got: {a.dtype.short_name}",
                 "정수 텐서의 평균은 구하지 않습니다. x.float().mean() 처럼 실수로 바꾼 뒤 구하세요.")


def check_probabilities(p, y):
    """binary_cross_entropy's check, element by element as PyTorch's loop: input, then target."""
    bad_p = (p < 0) | (p > 1) | np.isnan(p)
    bad_y = (y < 0) | (y > 1) | np.isnan(y)
    bad = np.broadcast_to(bad_p, np.broadcast_shapes(bad_p.shape, bad_y.shape)) | bad_y
    if not bad.any():
        return
    first = np.unravel_index(np.argmax(bad), bad.shape)
    if np.broadcast_to(bad_p, bad.shape)[first]:
        raise error(RuntimeError, "all elements of input should be between 0 and 1",
                    "binary_cross_entropy 의 입력은 확률(0~1)이어야 합니다. 로짓이라면 "
                    "binary_cross_entropy_with_logits 를 쓰세요.")
    raise error(RuntimeError, "all elements of target should be between 0 and 1",
                "binary_cross_entropy 의 정답(target)은 0 과 1 사이의 값이어야 합니다. 정답이 0/1 이 아닌 값으로 "
                "들어오지 않았는지 확인하세요.")
