"""``torch.autograd.functional``: Jacobians, Hessians and their products with a vector, built on
``torch.autograd.grad`` as PyTorch builds them (its torch/autograd/functional.py, non-vectorized).

- ``vjp(f, x, v)``: vᵀ·J, one backward pass with v as the starting gradient (chapter 04);
- ``jacobian(f, x)``: one backward pass per output element, the rows stacked;
- ``jvp(f, x, v)``: J·v by the "double backward trick": the vjp u ↦ uᵀJ is linear in u, so the
  gradient of (uᵀJ)·v with respect to u is J·v (it needs the backward formulas to be
  differentiable: ``create_graph=True``, chapter 07);
- ``hessian``, ``hvp``, ``vhp``: the same, one level of derivatives up.
"""
from .. import errors, grad_mode
from ..creation import zeros_like
from ..engine import grad as autograd_grad
from ..ops.shape import Stack
from ..tensor import Tensor

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]


# ------------------------------------------------------------------ helpers (PyTorch's names)
def _as_tuple(inp, arg_name, fn_name):
    is_tuple = isinstance(inp, tuple)
    inp = inp if is_tuple else (inp,)
    for i, el in enumerate(inp):
        if not isinstance(el, Tensor):
            where = f"the value at index {i}" if is_tuple else f"the given {arg_name}"
            raise errors.error(TypeError,
                               f"The {arg_name} given to {fn_name} must be either a Tensor or a tuple "
                               f"of Tensors but {where} has type {type(el)}.",
                               f"{fn_name} 에는 텐서 하나나 텐서의 튜플을 주세요.")
    return is_tuple, inp


def _tuple_postprocess(res, to_unpack):
    if isinstance(to_unpack, tuple):
        if not to_unpack[1]:
            res = tuple(el[0] for el in res)
        if not to_unpack[0]:
            res = res[0]
    elif not to_unpack:
        res = res[0]
    return res


def _grad_preprocess(inputs, create_graph, need_graph):
    """Fresh leaves (or, under create_graph, views that keep the inputs' history)."""
    return tuple(inp.view_as(inp) if create_graph and inp.requires_grad
                 else inp.detach().requires_grad_(need_graph) for inp in inputs)


def _grad_postprocess(inputs, create_graph):
    if isinstance(inputs[0], Tensor):
        return inputs if create_graph else tuple(inp.detach() for inp in inputs)
    return tuple(_grad_postprocess(inp, create_graph) for inp in inputs)


def _validate_v(v, other, is_other_tuple):
    if len(other) != len(v):
        english = (f"v is a tuple of invalid length: should be {len(other)} but got {len(v)}."
                   if is_other_tuple else "The given v should contain a single Tensor.")
        raise errors.error(RuntimeError, english, "v 는 입력(또는 출력)마다 하나씩, 같은 개수로 주세요.")
    for idx, (el_v, el_other) in enumerate(zip(v, other)):
        if el_v.size() != el_other.size():
            prepend = f"Entry {idx} in " if is_other_tuple else ""
            raise errors.error(RuntimeError,
                               f"{prepend}v has invalid size: should be {el_other.size()} but got "
                               f"{el_v.size()}.",
                               "v 는 짝이 되는 텐서와 모양이 같아야 합니다.")


def _check_requires_grad(tensors, input_type, strict):
    if not strict:
        return
    for i, t in enumerate(tensors):
        if t is None or not t.requires_grad:
            english = {
                "outputs": f"Output {i} of the user-provided function does not require gradients. "
                           "The outputs must be computed in a differentiable manner from the input "
                           "when running in strict mode.",
                "grad_inputs": f"The gradient with respect to input {i} is independent of the "
                               "inputs of the user-provided function. This is not allowed in strict mode.",
            }.get(input_type, f"The {input_type} of the user-provided function is independent of "
                              f"input {i}. This is not allowed in strict mode.")
            raise errors.error(RuntimeError, english,
                               "strict=True 에서는 모든 출력이 입력에 (미분 가능하게) 기대야 합니다.")


def _autograd_grad(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None):
    """torch.autograd.grad over the outputs that require grad; all None when none does."""
    grad_outputs = (None,) * len(outputs) if grad_outputs is None else grad_outputs
    pairs = [(out, g) for out, g in zip(outputs, grad_outputs) if out is not None and out.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    return autograd_grad(tuple(p[0] for p in pairs), inputs, tuple(p[1] for p in pairs),
                         retain_graph=retain_graph, create_graph=create_graph, allow_unused=True)


def _fill_in_zeros(grads, refs, strict):
    res = ()
    for i, g in enumerate(grads):
        if g is None:
            if strict:
                raise errors.error(RuntimeError,
                                   f"The output of the user-provided function is independent of input {i}. "
                                   "This is not allowed in strict mode.",
                                   "strict=True 에서는 출력이 모든 입력에 기대야 합니다.")
            g = zeros_like(refs[i])
        res += (g,)
    return res


def _no_vectorize(vectorize, strategy="reverse-mode"):
    if vectorize or strategy != "reverse-mode":
        raise errors.error(NotImplementedError,
                           "minigrad's autograd.functional has no vectorize=True or forward-mode strategy",
                           "minigrad 에는 vmap(vectorize=True)과 순방향 모드가 없습니다. 기본값으로 부르세요.")


def _v_required(inputs, what):
    if len(inputs) != 1 or inputs[0].nelement() != 1:
        raise errors.error(RuntimeError,
                           f"The vector v can only be None if the {what} a single Tensor with a single element.",
                           "원소가 하나뿐일 때만 v 를 생략할 수 있습니다. v 를 주세요.")


# ------------------------------------------------------------------------------ the functions
def vjp(func, inputs, v=None, create_graph=False, strict=False):
    with grad_mode.enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _grad_preprocess(inputs, create_graph=create_graph, need_graph=True)
        outputs = func(*inputs)
        is_outputs_tuple, outputs = _as_tuple(outputs, "outputs of the user-provided function", "vjp")
        _check_requires_grad(outputs, "outputs", strict=strict)
        if v is not None:
            _, v = _as_tuple(v, "v", "vjp")
            v = _grad_preprocess(v, create_graph=create_graph, need_graph=False)
            _validate_v(v, outputs, is_outputs_tuple)
        else:
            _v_required(outputs, "user-provided function returns")
    with grad_mode.set_grad_enabled(True if create_graph else grad_mode.is_grad_enabled()):
        grad_res = _autograd_grad(outputs, inputs, v, create_graph=create_graph)
        result = _fill_in_zeros(grad_res, inputs, strict)
    outputs = _grad_postprocess(outputs, create_graph)
    result = _grad_postprocess(result, create_graph)
    return _tuple_postprocess(outputs, is_outputs_tuple), _tuple_postprocess(result, is_inputs_tuple)


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    with grad_mode.enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _grad_preprocess(inputs, create_graph=create_graph, need_graph=True)
        if v is not None:
            _, v = _as_tuple(v, "v", "jvp")
            v = _grad_preprocess(v, create_graph=create_graph, need_graph=False)
            _validate_v(v, inputs, is_inputs_tuple)
        else:
            _v_required(inputs, "input to the user-provided function is")
        outputs = func(*inputs)
        is_outputs_tuple, outputs = _as_tuple(outputs, "outputs of the user-provided function", "jvp")
        _check_requires_grad(outputs, "outputs", strict=strict)
        # u ↦ uᵀJ is linear in u: any u without inf/nan will do, zeros here (as PyTorch)
        grad_outputs = tuple(zeros_like(out, requires_grad=True) for out in outputs)
        grad_inputs = _autograd_grad(outputs, inputs, grad_outputs, create_graph=True)
        _check_requires_grad(grad_inputs, "grad_inputs", strict=strict)
    with grad_mode.set_grad_enabled(True if create_graph else grad_mode.is_grad_enabled()):
        grad_res = _autograd_grad(grad_inputs, grad_outputs, v, create_graph=create_graph)
        result = _fill_in_zeros(grad_res, outputs, strict)
    outputs = _grad_postprocess(outputs, create_graph)
    result = _grad_postprocess(result, create_graph)
    return _tuple_postprocess(outputs, is_outputs_tuple), _tuple_postprocess(result, is_outputs_tuple)


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    _no_vectorize(vectorize, strategy)
    with grad_mode.enable_grad():
        is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _grad_preprocess(inputs, create_graph=create_graph, need_graph=True)
        outputs = func(*inputs)
        is_outputs_tuple, outputs = _as_tuple(outputs, "outputs of the user-provided function",
                                              "jacobian")
        _check_requires_grad(outputs, "outputs", strict=strict)
        result = ()
        for i, out in enumerate(outputs):
            rows = tuple([] for _ in inputs)                 # one backward per output element
            for j in range(out.nelement()):
                vj = _autograd_grad((out.reshape(-1)[j],), inputs, retain_graph=True,
                                    create_graph=create_graph)
                for k, (row, g, inp) in enumerate(zip(rows, vj, inputs)):
                    if g is None and strict:
                        raise errors.error(RuntimeError,
                                           f"Output {i} of the user-provided function is independent "
                                           f"of input {k}. This is not allowed in strict mode.",
                                           "strict=True 에서는 출력이 모든 입력에 기대야 합니다.")
                    row.append(zeros_like(inp) if g is None else g)
            result += (tuple(Stack.apply(0, *row).view(tuple(out.size()) + tuple(inputs[k].size()))
                             for k, row in enumerate(rows)),)
        result = _grad_postprocess(result, create_graph)
        return _tuple_postprocess(result, (is_outputs_tuple, is_inputs_tuple))


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    _no_vectorize(vectorize, outer_jacobian_strategy)
    is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")

    def ensure_single_output_function(*inp):
        out = func(*inp)
        is_out_tuple, t_out = _as_tuple(out, "outputs of the user-provided function", "hessian")
        _check_requires_grad(t_out, "outputs", strict=strict)
        if is_out_tuple or not isinstance(out, Tensor):
            raise errors.error(RuntimeError, "The function given to hessian should return a single Tensor",
                               "hessian 에 주는 함수는 텐서 하나를 돌려주어야 합니다.")
        if out.nelement() != 1:
            raise errors.error(RuntimeError,
                               "The Tensor returned by the function given to hessian should contain a "
                               "single element",
                               "hessian 에 주는 함수의 결과는 원소가 하나(스칼라)여야 합니다. .sum() 등으로 "
                               "줄이세요.")
        return out.squeeze()

    def jac_func(*inp):
        jac = jacobian(ensure_single_output_function, inp, create_graph=True)
        _check_requires_grad(jac, "jacobian", strict=strict)
        return jac

    res = jacobian(jac_func, inputs, create_graph=create_graph, strict=strict)
    return _tuple_postprocess(res, (is_inputs_tuple, is_inputs_tuple))


def _single_scalar_output(outputs, is_outputs_tuple, fn_name):
    if is_outputs_tuple or not isinstance(outputs[0], Tensor):
        raise errors.error(RuntimeError, f"The function given to {fn_name} should return a single Tensor",
                           f"{fn_name} 에 주는 함수는 텐서 하나를 돌려주어야 합니다.")
    if outputs[0].nelement() != 1:
        raise errors.error(RuntimeError,
                           f"The Tensor returned by the function given to {fn_name} should contain a "
                           "single element",
                           f"{fn_name} 에 주는 함수의 결과는 원소가 하나(스칼라)여야 합니다.")


def _second_order(func, inputs, v, create_graph, strict, fn_name):
    """What vhp and hvp share: the inputs, v, the output and its gradient (with its graph)."""
    is_inputs_tuple, inputs = _as_tuple(inputs, "inputs", fn_name)
    inputs = _grad_preprocess(inputs, create_graph=create_graph, need_graph=True)
    if v is not None:
        _, v = _as_tuple(v, "v", fn_name)
        v = _grad_preprocess(v, create_graph=create_graph, need_graph=False)
        _validate_v(v, inputs, is_inputs_tuple)
    else:
        _v_required(inputs, "input to the user-provided function is")
    outputs = func(*inputs)
    is_outputs_tuple, outputs = _as_tuple(outputs, "outputs of the user-provided function", fn_name)
    _check_requires_grad(outputs, "outputs", strict=strict)
    _single_scalar_output(outputs, is_outputs_tuple, fn_name)
    jac = _autograd_grad(outputs, inputs, create_graph=True)
    _check_requires_grad(jac, "jacobian", strict=strict)
    return is_inputs_tuple, inputs, v, is_outputs_tuple, outputs, jac


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    with grad_mode.enable_grad():
        is_inputs_tuple, inputs, v, is_outputs_tuple, outputs, jac = _second_order(
            func, inputs, v, create_graph, strict, "vhp")
    with grad_mode.set_grad_enabled(True if create_graph else grad_mode.is_grad_enabled()):
        grad_res = _autograd_grad(jac, inputs, v, create_graph=create_graph)
        result = _fill_in_zeros(grad_res, inputs, strict)
    outputs = _grad_postprocess(outputs, create_graph)
    result = _grad_postprocess(result, create_graph)
    return _tuple_postprocess(outputs, is_outputs_tuple), _tuple_postprocess(result, is_inputs_tuple)


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    with grad_mode.enable_grad():
        is_inputs_tuple, inputs, v, is_outputs_tuple, outputs, jac = _second_order(
            func, inputs, v, create_graph, strict, "hvp")
        grad_jac = tuple(zeros_like(inp, requires_grad=True) for inp in inputs)
        double_back = _autograd_grad(jac, inputs, grad_jac, create_graph=True)
        _check_requires_grad(jac, "hessian", strict=strict)
    with grad_mode.set_grad_enabled(True if create_graph else grad_mode.is_grad_enabled()):
        grad_res = _autograd_grad(double_back, grad_jac, v, create_graph=create_graph)
        result = _fill_in_zeros(grad_res, inputs, strict)
    outputs = _grad_postprocess(outputs, create_graph)
    result = _grad_postprocess(result, create_graph)
    return _tuple_postprocess(outputs, is_outputs_tuple), _tuple_postprocess(result, is_inputs_tuple)
