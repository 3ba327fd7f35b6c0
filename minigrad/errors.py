"""Error messages that teach (all chapters).

Every misuse raises the exception class PyTorch raises. The message starts with PyTorch's own
English text (so it can be searched) and adds one Korean line saying what happened and how to fix it.
"""


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


def modified_inplace(tensor, owner_name, expected_version):
    english = (
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        f"[torch.{tensor.dtype.legacy_name} [{', '.join(map(str, tensor.shape))}]], which is output "
        f"0 of {owner_name}, is at version {tensor._version}; expected version {expected_version} instead. "
        "Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
        "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )
    return error(RuntimeError, english,
                 "역전파에 필요해 저장해 둔 텐서가 그 뒤 제자리 연산(add_, mul_, += ...)으로 바뀌었습니다. "
                 "바뀐 값으로는 올바른 기울기를 구할 수 없으니 제자리 연산 대신 새 텐서를 만드세요 (y = y * 2).")
