"""Checks for exercises/01_tensors.ipynb (chapter 01: the tensor and its autograd fields).

Task 1 asks the learner to predict ``requires_grad``, ``is_leaf`` and the ``grad_fn`` name of tensors
made by a short program (`FIELDS_PROGRAM`); the check runs that program and compares field by field.
Task 2 is the first piece of "my minigrad": ``gradient_edge(t)``, where a gradient for ``t`` goes.
"""
import minigrad as torch
from minigrad.accumulate import AccumulateGrad, accumulator_of
from minigrad.exercises.feedback import Check

__all__ = ["check_fields", "check_gradient_edge", "FIELDS_PROGRAM", "run_fields_program", "leaf_node"]

leaf_node = accumulator_of        # given to the learner: a leaf's AccumulateGrad node, made once

# The program of task 1 (the notebook shows the same text; the check runs this one).
FIELDS_PROGRAM = """\
a = torch.tensor([1., 2.])
b = torch.tensor([3., 4.], requires_grad=True)
c = a * 2
d = b * 2
e = c + d
f = torch.tensor([5., 6.])
f.requires_grad_(True)
"""
NAMES = "abcdef"

# Why each tensor has its fields (the hint for a wrong prediction of that tensor).
WHY = {
    "a": "a 는 여러분이 만든 텐서이고 requires_grad 를 주지 않았습니다: 기본값 False, 잎 텐서, grad_fn 없음.",
    "b": "b 는 requires_grad=True 로 만든 텐서입니다: 추적되지만 연산의 결과가 아니므로 잎 텐서, grad_fn 없음.",
    "c": "c = a * 2 의 입력 a 는 추적되지 않으므로 곱셈이 기록되지 않습니다: requires_grad=False 이고 "
         "(기록되지 않은 텐서는 모두) 잎 텐서, grad_fn 없음.",
    "d": "d = b * 2 는 추적되는 b 가 입력이라 기록됩니다: requires_grad=True, 잎이 아님, grad_fn 은 곱셈의 노드 "
         "MulBackward0.",
    "e": "e = c + d 는 입력 하나(d)만 추적되어도 기록됩니다: requires_grad=True, 잎이 아님, grad_fn 은 AddBackward0.",
    "f": "f.requires_grad_(True) 는 그 뒤의 연산부터 추적을 켤 뿐, f 를 만든 과거는 기록하지 않습니다: "
         "requires_grad=True 인 잎 텐서, grad_fn 없음.",
}


def run_fields_program():
    """The tensors of `FIELDS_PROGRAM`, by name."""
    namespace = {"torch": torch}
    exec(FIELDS_PROGRAM, namespace)
    return {name: namespace[name] for name in NAMES}


def _fields(t):
    return (t.requires_grad, t.is_leaf, None if t.grad_fn is None else t.grad_fn.name())


def check_fields(predictions):
    """Task 1: `predictions` maps each name a..f to (requires_grad, is_leaf, grad_fn name or None)."""
    c = Check("과제 1: 텐서의 자동 미분 필드 예측하기")
    real = run_fields_program()

    def prediction(name):
        table = predictions()
        if not isinstance(table, dict):
            raise TypeError(f"predictions 는 딕셔너리여야 합니다 ({type(table).__name__} 를 받았습니다)")
        if name not in table:
            raise KeyError(f"predictions 에 '{name}' 이 없습니다")
        value = table[name]
        if not isinstance(value, tuple) or len(value) != 3:
            raise TypeError(f"predictions['{name}'] 은 (requires_grad, is_leaf, grad_fn 이름) 세 값의 튜플이어야 합니다")
        return value

    for name in NAMES:
        c.equal(f"{name}: (requires_grad, is_leaf, grad_fn)", lambda name=name: prediction(name),
                expected=_fields(real[name]), hint=WHY[name])
    return c.done()


# ------------------------------------------------------------------------------ task 2
class _TwoOutputs(torch.autograd.Function):
    """A Function with two outputs: the second is output 1 of the same node."""

    @staticmethod
    def forward(ctx, a):
        return a * 1, a * 2

    @staticmethod
    def backward(ctx, first, second):
        return first + second * 2


def _as_pair(edge):
    if not isinstance(edge, tuple) or len(edge) != 2:
        raise TypeError(f"gradient_edge 는 (노드, 번호) 두 값의 튜플을 돌려줘야 합니다 ({edge!r} 를 받았습니다)")
    return edge


def check_gradient_edge(gradient_edge):
    """Task 2 (my minigrad, piece 1): ``gradient_edge(t)`` -> (node, output number)."""
    c = Check("과제 2: 기울기가 가는 곳 gradient_edge")

    def result_edge():
        x = torch.ones(2, requires_grad=True)
        y = x * 3
        node, nr = _as_pair(gradient_edge(y))
        return node is y.grad_fn, nr

    c.equal("연산의 결과 y = x * 3: (y.grad_fn, 0)", result_edge, expected=(True, 0),
            hint="연산의 결과 텐서의 기울기는 그 텐서를 만든 노드, 곧 t.grad_fn 으로 갑니다. 번호는 t.output_nr 입니다.")

    def second_output():
        x = torch.ones(2, requires_grad=True)
        first, second = _TwoOutputs.apply(x)
        node, nr = _as_pair(gradient_edge(second))
        return node is second.grad_fn, nr

    c.equal("출력이 둘인 연산의 두 번째 출력: (grad_fn, 1)", second_output, expected=(True, 1),
            hint="노드 하나가 출력을 여럿 만들면 기울기가 그 중 몇 번째 출력의 것인지도 알려야 합니다. "
                 "번호를 0 으로 고정하지 말고 t.output_nr 를 쓰세요.")

    def leaf_edge():
        x = torch.ones(2, requires_grad=True)
        node, nr = _as_pair(gradient_edge(x))
        return isinstance(node, AccumulateGrad) and node.variable is x, nr

    c.equal("requires_grad=True 인 잎 x: (x 의 AccumulateGrad, 0)", leaf_edge, expected=(True, 0),
            hint="잎 텐서는 grad_fn 이 None 입니다. requires_grad=True 인 잎의 기울기는 그 잎의 AccumulateGrad 노드, "
                 "곧 leaf_node(t) 로 갑니다.")

    def same_node_twice():
        x = torch.ones(2, requires_grad=True)
        first, _ = _as_pair(gradient_edge(x))
        second, _ = _as_pair(gradient_edge(x))
        return first is second

    c.true("같은 잎에 두 번 물으면 같은 노드", same_node_twice,
           hint="잎 하나에 AccumulateGrad 노드는 하나뿐이어야 합니다 (그래야 두 경로의 기울기가 한 곳에 모입니다). "
                "노드를 새로 만들지 말고 leaf_node(t) 를 쓰세요: 처음에만 만들고 그다음부터는 같은 노드를 돌려줍니다.")

    def untracked():
        return _as_pair(gradient_edge(torch.ones(2)))

    c.equal("requires_grad=False 인 텐서: (None, 0)", untracked, expected=(None, 0),
            hint="추적하지 않는 텐서(requires_grad=False)에는 기울기를 보낼 곳이 없습니다: (None, 0) 을 돌려주세요. "
                 "t.requires_grad 를 먼저 보세요.")

    def untracked_result():
        a = torch.ones(2)
        return _as_pair(gradient_edge(a * 2))

    c.equal("기록되지 않은 연산의 결과 (a * 2, a 는 추적 안 함): (None, 0)", untracked_result, expected=(None, 0),
            hint="기록되지 않은 계산의 결과는 grad_fn 이 None 이고 requires_grad 도 False 입니다: (None, 0).")

    def in_the_engine():
        from minigrad.exercises import mine
        with mine.trying("gradient_edge", gradient_edge):
            x = torch.ones(2, 2, requires_grad=True)
            y = x + 2
            out = (y * y * 3).mean()
            out.backward()
            return x.grad

    c.equal("내 gradient_edge 로 중심 예제 mean(3(x+2)²) 역전파: x.grad", in_the_engine,
            expected=torch.full((2, 2), 4.5),
            hint="엔진은 record 와 backward 의 출발점에서 gradient_edge 를 씁니다. 위의 경우들이 모두 맞으면 이 경우도 맞습니다.")
    return c.done()
