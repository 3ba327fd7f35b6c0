"""Checks for exercise 07 (그래프의 수명: retain_graph).

Task 1 (my minigrad, piece 7): the learner's ``SavedBox`` (save / get / free, with the version check), on
its own and then inside minigrad (``mine.trying``): ``saved.pack`` puts what forward saved into a box,
``ctx.saved_tensors`` is ``box.get()`` and the engine's release is ``box.free()``, so a second backward
raises, retain_graph keeps the tensors, memory comes back, and an in-place change is caught.
Task 2: the learner's ``MyCube`` Function (``ctx.save_for_backward`` / ``ctx.saved_tensors``, x³).
Task 3: ``second_derivative(f, x0)`` with create_graph=True (d²/dx² of x⁴ − 2x² at 2 is 44).
"""
from __future__ import annotations

import gc
import weakref

import minigrad as torch
from minigrad.exercises.feedback import Check
from minigrad.grad_mode import _state

__all__ = ["check_saved_box", "check_cube", "check_second_derivative"]

SECOND_TIME = "Trying to backward through the graph a second time"
INPLACE = "modified by an inplace operation"


def _fresh(fn):
    def run():
        _state.enabled = True
        try:
            return fn()
        finally:
            _state.enabled = True
    return run


# ------------------------------------------------------------------------------------ task 1
def check_saved_box(SavedBox):
    c = Check("과제 1: 저장 상자 SavedBox")

    def round_trip():
        a, b = torch.tensor([1.0, 2.0]), torch.tensor(3.0)
        box = SavedBox()
        box.save(a, b)
        got = box.get()
        return tuple(got), got[0] is a and got[1] is b

    c.equal("save(a, b) 뒤 get() 은 (a, b) 그대로", _fresh(round_trip),
            ((torch.tensor([1.0, 2.0]), torch.tensor(3.0)), True),
            "save 에 받은 텐서들을 튜플로 보관했다가 get 에서 그 튜플을 돌려주세요.")

    def twice():
        box = SavedBox()
        box.save(torch.tensor(1.0))
        return box.get(), box.get()

    c.equal("해제 전에는 get() 을 여러 번 해도 됨", _fresh(twice), ((torch.tensor(1.0),),) * 2,
            "get 이 상자를 비우면 안 됩니다. 비우는 것은 free 의 일입니다.")

    def after_free():
        box = SavedBox()
        box.save(torch.tensor(1.0))
        box.free()
        box.get()

    c.raises("free() 뒤 get() 은 RuntimeError (PyTorch 의 'second time' 문장)", _fresh(after_free), RuntimeError,
             "free 가 상자를 비웠다는 것을 get 이 알아야 합니다 (예: 보관한 튜플을 None 으로). 그때 "
             "SECOND_TIME 문장으로 RuntimeError 를 일으키세요.", match=SECOND_TIME)

    def memory():
        a = torch.tensor([1.0, 2.0, 3.0])
        ref = weakref.ref(a)
        box = SavedBox()
        box.save(a)
        del a
        gc.collect()
        alive_before = ref() is not None
        box.free()
        gc.collect()
        return alive_before, ref() is None

    c.equal("free() 는 텐서를 정말 놓아 줌 (weakref 로 확인: 해제 전 살아 있음, 해제 뒤 사라짐)",
            _fresh(memory), (True, True),
            "해제됐다는 표시만 하고 텐서를 계속 들고 있으면 메모리가 돌아오지 않습니다. 보관한 텐서에 대한 "
            "참조를 지우세요.")

    def modified():
        a = torch.tensor([1.0, 2.0])
        box = SavedBox()
        box.save(a)
        a.add_(1)
        box.get()

    c.raises("저장한 뒤 제자리 연산으로 바뀐 텐서: get() 은 RuntimeError", _fresh(modified), RuntimeError,
             "save 할 때 각 텐서의 t._version 을 함께 적어 두고, get 에서 지금의 _version 과 비교하세요. "
             "다르면 INPLACE 문장으로 RuntimeError 를 일으킵니다.", match=INPLACE)

    def none_allowed():
        box = SavedBox()
        box.save(torch.tensor(2.0), None)
        return box.get()

    c.equal("None 도 저장할 수 있음 (save(t, None))", _fresh(none_allowed), (torch.tensor(2.0), None),
            "None 에는 _version 이 없습니다. None 은 그대로 보관하고 버전 검사에서 건너뛰세요.")

    # --- inside minigrad: every node keeps what its forward saved in one of your boxes
    from minigrad.exercises import mine
    in_minigrad = "minigrad 안에서 (노드마다 내 상자): "

    def engine_second_time():
        with mine.trying("SavedBox", SavedBox):
            x = torch.tensor(2.0, requires_grad=True)
            y = x * x
            y.backward()
            y.backward()

    c.raises(in_minigrad + "x * x 를 두 번 backward 하면 두 번째는 RuntimeError", _fresh(engine_second_time),
             RuntimeError, "엔진은 노드를 실행한 뒤 box.free() 를 부르고, 다음 backward 는 box.get() 으로 꺼냅니다. "
             "위의 'free() 뒤 get()' 경우가 맞으면 이 경우도 맞습니다.", match=SECOND_TIME)

    def engine_retained():
        with mine.trying("SavedBox", SavedBox):
            x = torch.tensor(2.0, requires_grad=True)
            y = x * x
            y.backward(retain_graph=True)
            y.backward()
            return x.grad

    c.equal(in_minigrad + "retain_graph=True 뒤 두 번째 backward: x.grad = 4 + 4", _fresh(engine_retained),
            torch.tensor(8.0), "retain_graph=True 이면 엔진이 free() 를 부르지 않습니다. get() 이 상자를 비우지 "
            "않아야 여러 번 꺼낼 수 있습니다.")

    def engine_memory():
        leaf = torch.tensor([1.0, 2.0], requires_grad=True)
        with mine.trying("SavedBox", SavedBox):
            a = leaf.exp()
            y = (a * a).sum()                  # MulBackward0 keeps a in its box
            ref = weakref.ref(a)
            del a
            gc.collect()
            alive = ref() is not None
            y.backward()
            gc.collect()
            return alive, ref() is None

    c.equal(in_minigrad + "backward 가 끝나면 중간값 a 가 사라짐 (weakref)", _fresh(engine_memory), (True, True),
            "free() 가 보관한 텐서의 참조를 지워야 메모리가 돌아옵니다.")

    def engine_inplace():
        leaf = torch.tensor([1.0, 2.0], requires_grad=True)
        with mine.trying("SavedBox", SavedBox):
            a = leaf * 1
            y = (a * a).sum()
            a.add_(1)
            y.backward()

    c.raises(in_minigrad + "저장된 a 를 제자리 연산으로 바꾼 뒤 backward 는 RuntimeError", _fresh(engine_inplace),
             RuntimeError, "위의 버전 검사 경우가 맞으면 이 경우도 맞습니다: 저장할 때의 _version 과 꺼낼 때의 "
             "_version 을 비교하세요.", match=INPLACE)
    return c.done()


# ------------------------------------------------------------------------------------ task 2
def check_cube(MyCube):
    c = Check("과제 2: 저장된 텐서로 역전파하는 MyCube (x³)")
    hint = ("d(x³)/dx = 3x² 입니다. backward 에서 ctx.saved_tensors 로 꺼낸 x 로 이 국소 도함수를 계산하고, 들어온 "
            "grad_output 을 곱해 돌려주세요 (연쇄 법칙).")

    def scalar():
        x = torch.tensor(2.0, requires_grad=True)
        y = MyCube.apply(x)
        y.backward()
        return y.detach(), x.grad

    c.equal("x = 2: (y, x.grad) = (8, 12)", _fresh(scalar), (torch.tensor(8.0), torch.tensor(12.0)), hint)

    def vector():
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        MyCube.apply(x).sum().backward()
        return x.grad

    c.equal("x = [1, 2, 3]: x.grad = [3, 12, 27]", _fresh(vector), torch.tensor([3.0, 12.0, 27.0]), hint)

    def used_twice():
        x = torch.tensor(2.0, requires_grad=True)
        (MyCube.apply(x) + MyCube.apply(x)).backward()
        return x.grad

    c.equal("같은 x 로 두 번 (MyCube(x) + MyCube(x)): x.grad = 24", _fresh(used_twice), torch.tensor(24.0), hint)

    def second_backward():
        x = torch.tensor(2.0, requires_grad=True)
        y = MyCube.apply(x)
        y.backward()
        y.backward()

    c.raises("retain_graph 없이 두 번째 backward 는 RuntimeError", _fresh(second_backward), RuntimeError,
             "엔진이 backward 뒤에 저장된 텐서를 놓고, 두 번째 backward 가 ctx.saved_tensors 로 꺼낼 때 오류가 납니다. "
             "x 를 ctx 의 속성(ctx.x = x)에 직접 두지 말고 ctx.save_for_backward(x) 로 저장하세요.", match=SECOND_TIME)

    def retained():
        x = torch.tensor(2.0, requires_grad=True)
        y = MyCube.apply(x)
        y.backward(retain_graph=True)
        first = x.grad.clone()
        y.backward()
        return first, x.grad

    c.equal("retain_graph=True 뒤 두 번째 backward: x.grad 가 12 → 24 로 누적", _fresh(retained),
            (torch.tensor(12.0), torch.tensor(24.0)), hint)

    def frees_memory():
        leaf = torch.tensor([1.0, 2.0], requires_grad=True)
        a = leaf.exp()
        ref = weakref.ref(a)
        y = MyCube.apply(a).sum()
        del a
        gc.collect()
        alive = ref() is not None
        y.backward()
        gc.collect()
        return alive, ref() is None

    c.equal("backward 가 끝나면 상자 속 중간값이 사라짐 (weakref)", _fresh(frees_memory), (True, True),
            "forward 에서 x 를 ctx.save_for_backward(x) 로 저장해야 엔진의 해제가 그것을 놓아 줍니다.")

    def inplace():
        leaf = torch.tensor([1.0, 2.0], requires_grad=True)
        a = leaf * 1
        y = MyCube.apply(a).sum()
        a.add_(1)
        y.backward()

    c.raises("저장한 입력을 제자리 연산으로 바꾼 뒤 backward 는 RuntimeError", _fresh(inplace), RuntimeError,
             "x 를 ctx.save_for_backward(x) 로 저장해야 버전이 검사됩니다.", match=INPLACE)

    def second_order():
        x = torch.tensor(2.0, requires_grad=True)
        g, = torch.autograd.grad(MyCube.apply(x), x, create_graph=True)
        g2, = torch.autograd.grad(g, x)
        return g.detach(), g2

    c.equal("create_graph=True 로 2계 도함수: (3x², 6x) at 2 = (12, 12)", _fresh(second_order),
            (torch.tensor(12.0), torch.tensor(12.0)),
            "backward 도 텐서 연산(*, ** 같은 minigrad 연산)으로 계산해야 create_graph=True 일 때 그 계산이 "
            "기록됩니다. .numpy() 나 .item() 을 거치면 기록이 끊깁니다.")
    return c.done()


# ------------------------------------------------------------------------------------ task 3
def check_second_derivative(second_derivative, MyCube=None):
    c = Check("과제 3: create_graph=True 로 2계 도함수")
    hint = ("첫 미분을 create_graph=True 로 구해야 그 기울기 자체가 그래프를 가진 텐서가 됩니다. backward 를 "
            "쓴다면 두 번째 미분 전에 x.grad 를 지우세요 (그러지 않으면 두 값이 더해집니다).")

    c.equal("f(x) = x⁴ − 2x², x = 2: (f'(2), f''(2)) = (24, 44)",
            _fresh(lambda: second_derivative(lambda x: x ** 4 - 2 * x ** 2, 2.0)),
            (torch.tensor(24.0), torch.tensor(44.0)), hint)
    c.equal("f(x) = x³, x = -1: (3, -6)", _fresh(lambda: second_derivative(lambda x: x ** 3, -1.0)),
            (torch.tensor(3.0), torch.tensor(-6.0)), hint)
    c.equal("f(x) = x·x·x + x (x 를 여러 번 사용), x = 1: (4, 6)",
            _fresh(lambda: second_derivative(lambda x: x * x * x + x, 1.0)),
            (torch.tensor(4.0), torch.tensor(6.0)), hint)

    def plain_numbers():
        first, second = second_derivative(lambda x: x ** 4 - 2 * x ** 2, 2.0)
        return first.requires_grad, second.requires_grad

    c.equal("돌려주는 두 값은 그래프가 없는 텐서 (requires_grad=False)", _fresh(plain_numbers), (False, False),
            "돌려주기 전에 .detach() 하세요.")
    if MyCube is not None:
        c.equal("과제 2 의 MyCube 로: x = 2 에서 (12, 12)",
                _fresh(lambda: second_derivative(MyCube.apply, 2.0)), (torch.tensor(12.0), torch.tensor(12.0)),
                hint)
    return c.done()
