"""Checks for exercise 06 (기울기 추적 멈추기).

Task 1 (my minigrad, piece 6) runs real minigrad operations inside the learner's ``MyNoGrad`` (which
toggles ``minigrad.grad_mode._state.enabled``): the chapter's examples on it, nesting, exceptions, the
decorator, and finally minigrad with it in place of ``no_grad`` (``mine.trying``).
Task 2 checks ``freeze(params)`` on a tiny two-layer network (only the second layer gets ``.grad``).
Task 3 checks ``sgd_step(params, lr)`` (in place under no_grad, skipping parameters without a grad).
Every case resets the grad mode to "on" afterwards, so a broken context manager cannot leak into
the next case or the rest of the notebook.
"""
from __future__ import annotations

import minigrad as torch
from minigrad.exercises.feedback import Check
from minigrad.grad_mode import _state

__all__ = ["check_no_grad", "check_freeze", "check_sgd_step"]


def _fresh(fn):
    """Run ``fn`` with grad mode on, and switch it back on afterwards whatever happened."""
    def run():
        _state.enabled = True
        try:
            return fn()
        finally:
            _state.enabled = True
    return run


class _Boom(Exception):
    pass


# ------------------------------------------------------------------------------------ task 1
def check_no_grad(MyNoGrad):
    c = Check("과제 1: 나만의 no_grad (MyNoGrad)")
    restore = ("__enter__ 에서 들어가기 전의 값(_state.enabled)을 기억해 두고, __exit__ 에서 True 가 아니라 "
               "그 기억한 값으로 되돌리세요.")

    def no_grad_example():
        x = torch.tensor(1.0, requires_grad = True)
        seen = [x.requires_grad]
        with MyNoGrad():
            seen.append(x.requires_grad)
            y = x**2
            seen.append(y.requires_grad)
            seen.append(y.grad_fn is None)
        seen.append(x.requires_grad)
        return tuple(seen)

    c.equal("06장의 예제: 블록 안의 y = x**2 는 requires_grad=False, grad_fn 없음",
            _fresh(no_grad_example), (True, True, False, True, True),
            "__enter__ 에서 minigrad.grad_mode._state.enabled 를 False 로 바꾸세요.")

    def backward_in_block_example():
        x = torch.tensor(1.0, requires_grad = True)
        with MyNoGrad():
            y = x**2
        y.backward()

    c.raises("06장의 예제: 블록 안에서 만든 y 의 backward() 는 RuntimeError", _fresh(backward_in_block_example), RuntimeError,
             "블록 안의 연산이 기록되지 않아야 합니다.", match="does not require grad")

    def after_block():
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        with MyNoGrad():
            pass
        y = x * 3
        y.sum().backward()
        return torch.is_grad_enabled(), y.requires_grad, x.grad

    c.equal("블록이 끝나면 다시 기록: is_grad_enabled(), (x*3).requires_grad, x.grad",
            _fresh(after_block), (True, True, torch.tensor([3.0, 3.0])), restore)

    def nested():
        with MyNoGrad():
            with MyNoGrad():
                pass
            inner_after = torch.is_grad_enabled()
        return inner_after, torch.is_grad_enabled()

    c.equal("중첩: 안쪽 블록이 끝나도 바깥 블록 안은 여전히 꺼짐", _fresh(nested), (False, True), restore)

    def inside_real_no_grad():
        with torch.no_grad():
            with MyNoGrad():
                pass
            return torch.is_grad_enabled()

    c.equal("torch.no_grad() 안에서 쓰고 나와도 꺼진 상태 유지", _fresh(inside_real_no_grad), False, restore)

    def exception_restores():
        try:
            with MyNoGrad():
                raise _Boom()
        except _Boom:
            pass
        return torch.is_grad_enabled()

    c.equal("블록 안에서 예외가 나도 되돌림", _fresh(exception_restores), True,
            "__exit__ 은 예외가 날 때도 불립니다. 거기서 되돌리면 됩니다.")

    def exception_propagates():
        with MyNoGrad():
            raise _Boom()

    c.raises("블록 안의 예외를 삼키지 않음", _fresh(exception_propagates), _Boom,
             "__exit__ 이 True 를 돌려주면 예외가 사라집니다. False(또는 None)를 돌려주세요.")

    def decorated():
        w = torch.tensor([1.0, 2.0], requires_grad=True)

        @MyNoGrad()
        def predict(v):
            return v * 2

        out = predict(w)
        return out.requires_grad, torch.is_grad_enabled(), predict.__name__

    c.equal("데코레이터: @MyNoGrad() 를 붙인 함수 안의 연산은 기록 안 됨, 끝나면 복구, 이름 유지",
            _fresh(decorated), (False, True, "predict"),
            "__call__(self, func) 은 func 를 감싼 새 함수를 돌려줍니다. 감싼 함수는 with MyNoGrad(): 안에서 "
            "func 를 부르면 됩니다. functools.wraps(func) 로 이름을 유지하세요.")

    def decorated_exception():
        @MyNoGrad()
        def broken():
            raise _Boom()

        try:
            broken()
        except _Boom:
            pass
        return torch.is_grad_enabled()

    c.equal("데코레이터: 함수가 예외를 내도 되돌림", _fresh(decorated_exception), True,
            "감싼 함수에서도 try/finally 나 with 문으로 되돌리세요.")

    def in_minigrad():
        from minigrad.exercises import mine
        with mine.trying("MyNoGrad", MyNoGrad):
            w = torch.tensor([1.0, 2.0], requires_grad=True)
            (w ** 2).sum().backward()          # the engine runs backward inside grad_mode.no_grad(): yours
            with torch.no_grad():              # torch.no_grad is yours too
                w -= 0.1 * w.grad
            return w.detach(), w.is_leaf, torch.is_grad_enabled()

    c.equal("torch.no_grad 자리에 끼워 역전파와 경사 하강 한 걸음: (w, w.is_leaf, 끝난 뒤 기록 켜짐)", _fresh(in_minigrad),
            (torch.tensor([0.8, 1.6]), True, True),
            "여러분의 클래스가 minigrad 의 no_grad 자리에 들어갑니다: 엔진도 역전파를 이 블록 안에서 돌립니다. "
            "위의 경우들이 모두 맞으면 이 경우도 맞습니다.")
    return c.done()


# ------------------------------------------------------------------------------------ task 2
def _two_layers():
    W1 = torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.5, 1.0]], requires_grad=True)
    W2 = torch.tensor([[1.0], [-2.0]], requires_grad=True)
    x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
    return W1, W2, x


def check_freeze(freeze):
    c = Check("과제 2: 매개변수 얼리기 (freeze)")

    def transfer():
        W1, W2, x = _two_layers()
        freeze([W1])
        h = (x @ W1).relu()
        out = (h @ W2).sum()
        out.backward()
        return W1.requires_grad, W1.grad, W2.grad

    # h = relu(x @ W1) = [[2, 2.5], [0, 1.25]]; d out/dW2 = h.sum(0) = [[2], [3.75]]
    c.equal("2층 예제: 첫 층을 얼리면 W1.grad 는 None, W2.grad 만 채워짐", _fresh(transfer),
            (False, None, torch.tensor([[2.0], [3.75]])),
            "얼릴 텐서마다 requires_grad 를 False 로 바꾸세요 (requires_grad_(False)).")

    def clears_old_grad():
        W1, W2, x = _two_layers()
        ((x @ W1).relu() @ W2).sum().backward()        # W1 got a gradient before being frozen
        freeze([W1])
        return W1.grad

    c.equal("얼리기 전에 쌓인 W1.grad 는 지움 (None)", _fresh(clears_old_grad), None,
            "이미 받아 둔 기울기가 남아 있으면 옵티마이저가 그 값으로 계속 갱신합니다. .grad 를 None 으로 "
            "만드세요.")

    def returns_none_graph():
        W1, W2, x = _two_layers()
        freeze([W1, W2])
        out = ((x @ W1).relu() @ W2).sum()
        return out.requires_grad, out.grad_fn is None

    c.equal("모두 얼리면 결과에 그래프가 없음", _fresh(returns_none_graph), (False, True),
            "목록의 모든 텐서를 얼려야 합니다.")
    return c.done()


# ------------------------------------------------------------------------------------ task 3
def check_sgd_step(sgd_step):
    c = Check("과제 3: 경사 하강 한 단계 (sgd_step)")

    def one_step():
        w = torch.tensor([1.0, 2.0], requires_grad=True)
        before = w
        (w ** 2).sum().backward()                 # w.grad = [2, 4]
        sgd_step([w], lr=0.1)
        return w, before is w, w.is_leaf, w.requires_grad, w.grad_fn is None

    c.equal("w = [1, 2], w.grad = [2, 4], lr = 0.1 → 같은 잎 텐서 w 가 [0.8, 1.6] 으로",
            _fresh(one_step), (torch.tensor([0.8, 1.6]), True, True, True, True),
            "torch.no_grad() 안에서 p -= lr * p.grad 처럼 제자리에서 바꾸세요. p = p - ... 는 새 텐서를 "
            "만들 뿐 목록의 텐서는 그대로입니다.")

    def skips_frozen():
        W1, W2, x = _two_layers()
        W1.requires_grad_(False)
        ((x @ W1).relu() @ W2).sum().backward()
        sgd_step([W1, W2], lr=0.5)
        return W1, W2

    c.equal("기울기가 없는(얼린) W1 은 그대로, W2 만 갱신", _fresh(skips_frozen),
            (torch.tensor([[0.5, -1.0], [1.5, 0.25], [-0.5, 1.0]]), torch.tensor([[0.0], [-3.875]])),
            "p.grad 가 None 인 매개변수는 건너뛰세요.")

    def grad_mode_after():
        w = torch.tensor([1.0], requires_grad=True)
        (w * 3).sum().backward()
        sgd_step([w], lr=1.0)
        y = w * 2
        return torch.is_grad_enabled(), y.requires_grad

    c.equal("sgd_step 뒤에도 기울기 추적은 켜져 있음", _fresh(grad_mode_after), (True, True),
            "with torch.no_grad(): 블록을 쓰면 끝날 때 알아서 되돌려 줍니다.")

    def train():
        w = torch.tensor(0.0, requires_grad=True)
        for _ in range(20):
            w.grad = None
            ((w * 3.0 - 6.0) ** 2).backward()
            sgd_step([w], lr=0.05)
        return w

    c.equal("20 단계 학습: (3w - 6)² 를 줄이면 w → 2", _fresh(train), torch.tensor(2.0),
            "갱신 방향은 기울기의 반대(-)입니다.", atol=1e-3)
    return c.done()
