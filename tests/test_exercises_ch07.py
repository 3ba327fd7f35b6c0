"""Exercise 07 checks: pass on the reference solution, fail with the right message on typical mistakes."""
import minigrad as torch
from minigrad.exercises import ch07
from minigrad.grad_mode import _state

SECOND_TIME = ("Trying to backward through the graph a second time (or directly access saved tensors after "
               "they have already been freed).")
INPLACE = "one of the variables needed for gradient computation has been modified by an inplace operation"


# ----------------------------------------------------------------------------- reference solutions
class SavedBox:
    def save(self, *tensors):
        self.tensors = tensors
        self.versions = tuple(None if t is None else t._version for t in tensors)

    def get(self):
        if self.tensors is None:
            raise RuntimeError(SECOND_TIME)
        for t, v in zip(self.tensors, self.versions):
            if t is not None and t._version != v:
                raise RuntimeError(INPLACE)
        return self.tensors

    def free(self):
        self.tensors = None


class MyCube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 3 * x ** 2


def second_derivative(f, x0):
    x = torch.tensor(x0, requires_grad=True)
    y = f(x)
    first, = torch.autograd.grad(y, x, create_graph=True)
    second, = torch.autograd.grad(first, x)
    return first.detach(), second.detach()


def failed(result, *fragments):
    assert result.status == "failed", result.text
    for fragment in fragments:
        assert fragment in result.text, (fragment, result.text)
    assert _state.enabled is True


# ----------------------------------------------------------------------------- task 1
def test_box_reference_passes():
    assert ch07.check_saved_box(SavedBox).passed


def test_box_flag_only_free_fails_memory():
    class FlagOnly(SavedBox):
        def save(self, *tensors):
            super().save(*tensors)
            self.freed = False

        def get(self):
            if self.freed:
                raise RuntimeError(SECOND_TIME)
            return super().get()

        def free(self):
            self.freed = True
    result = ch07.check_saved_box(FlagOnly)
    failed(result, "정말 놓아 줌", "실제값: (True, False)", "참조를 지우세요", "중간값 a 가 사라짐")
    assert [f.number for f in result.failures] == [4, 9]


def test_box_without_version_check_fails():
    class NoVersion(SavedBox):
        def get(self):
            if self.tensors is None:
                raise RuntimeError(SECOND_TIME)
            return self.tensors
    result = ch07.check_saved_box(NoVersion)
    failed(result, "제자리 연산으로 바뀐 텐서", "t._version", "저장된 a 를 제자리 연산으로 바꾼 뒤 backward")


def test_box_wrong_message_fails():
    class Vague(SavedBox):
        def get(self):
            if self.tensors is None:
                raise RuntimeError("already freed")
            return super().get()
    failed(ch07.check_saved_box(Vague), "예외 메시지가 다릅니다", "Trying to backward through the graph a second time")


def test_box_none_crash_fails():
    class NoneCrash(SavedBox):
        def save(self, *tensors):
            self.tensors = tensors
            self.versions = tuple(t._version for t in tensors)
    failed(ch07.check_saved_box(NoneCrash), "None 도 저장", "실행 중 오류: AttributeError")


# ----------------------------------------------------------------------------- task 2
def test_cube_reference_passes():
    assert ch07.check_cube(MyCube).passed


def test_cube_wrong_derivative_fails():
    class WrongCube(MyCube):
        @staticmethod
        def backward(ctx, grad_output):
            x, = ctx.saved_tensors
            return grad_output * 2 * x
    failed(ch07.check_cube(WrongCube), "(y, x.grad) = (8, 12)", "실제값: (tensor(8.), tensor(4.))", "3x²")


def test_cube_keeping_x_as_an_attribute_fails():
    class NotSaved(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.x = x
            return x ** 3

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * 3 * ctx.x ** 2
    failed(ch07.check_cube(NotSaved), "두 번째 backward 는 RuntimeError", "중간값이 사라짐",
           "ctx.save_for_backward(x)", "제자리 연산으로 바꾼 뒤")


def test_cube_numpy_backward_fails_second_order():
    class Numpy(MyCube):
        @staticmethod
        def backward(ctx, grad_output):
            x, = ctx.saved_tensors
            return torch.tensor(grad_output.numpy() * 3 * x.detach().numpy() ** 2)
    result = ch07.check_cube(Numpy)
    failed(result, "2계 도함수", ".numpy()")
    assert result.text.count("\n[") == 1


def test_box_in_minigrad_restores_minigrads_own_saving():
    class FlagOnly(SavedBox):
        def free(self):
            pass
    ch07.check_saved_box(FlagOnly)
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x
    y.backward()
    try:
        y.backward()
    except RuntimeError as e:
        assert "second time" in str(e)
    else:
        raise AssertionError("minigrad's own release is not back")


# ----------------------------------------------------------------------------- task 3
def test_second_derivative_reference_passes():
    assert ch07.check_second_derivative(second_derivative, MyCube).passed


def test_second_derivative_without_create_graph_fails():
    def no_create(f, x0):
        x = torch.tensor(x0, requires_grad=True)
        first, = torch.autograd.grad(f(x), x)
        second, = torch.autograd.grad(first, x)
        return first, second
    failed(ch07.check_second_derivative(no_create), "(24, 44)",
           "실행 중 오류: RuntimeError: element 0 of tensors does not require grad", "create_graph=True")


def test_second_derivative_not_resetting_grad_fails():
    def no_reset(f, x0):
        x = torch.tensor(x0, requires_grad=True)
        f(x).backward(create_graph=True)
        first = x.grad
        first.backward()
        return first.detach(), x.grad.detach()
    failed(ch07.check_second_derivative(no_reset), "기대값: (tensor(24.), tensor(44.))",
           "실제값: (tensor(68.), tensor(68.))", "x.grad 를 지우세요")


def test_second_derivative_not_detaching_fails():
    def attached(f, x0):
        x = torch.tensor(x0, requires_grad=True)
        first, = torch.autograd.grad(f(x), x, create_graph=True)
        second, = torch.autograd.grad(first, x, create_graph=True)
        return first, second
    failed(ch07.check_second_derivative(attached), "그래프가 없는 텐서", ".detach()")
