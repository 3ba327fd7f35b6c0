"""Every code example of the five tutorials the course mirrors, as data (chapter 09 runs them all on
minigrad and on PyTorch; the tests do too). The tutorials are numbered 000 ... 004; ``source`` names
the text file of each, kept beside the repository for the course's authors.

Each :class:`CourseExample` is one tutorial cell (or a tutorial cell plus the output-less cell right before it)
written the way a learner runs it in a notebook after ``import torch`` (and, for tutorial 003,
``from torch.autograd import Variable``).  The import cells themselves are not examples: the runner
binds ``torch`` and ``Variable`` in the namespace (to minigrad or to real PyTorch).

Fields
------
id            ``"SSS-NN"``: tutorial number and example number in reading order.
source        file name of the tutorial's text.
title         one Korean line (what the example shows).
chapter       stem of the chapter notebook it should go to (COURSE.md's table).
code          the cell's code.  Random draws whose values reach the output are replaced by fixed
              values (tutorial 002's ``w``/``b`` become ``torch.tensor`` of the printed values); a draw
              whose value never reaches the output (002-01, 004-04) is kept as ``torch.randn``.
after         id of the example whose code runs (silently) before this one, like an earlier cell of
              the same notebook; chains are followed recursively.
expected      the printed output the tutorial shows (stdout only; a Jupyter ``Out[]`` value is printed
              as its ``repr``, exactly what the runner prints for a last expression).  Edited only by
              NORMALIZATIONS below, or where ``notes`` says so (rounding of fixed values).
raises        exception class name the code must raise (tutorial lines like ``# y.backward()`` that the
              tutorial says raise); ``raises_match`` is a stable fragment of torch's English message.
warns         warning class the code must emit (tutorial 002: ``z.grad`` of a non-leaf tensor).
probe         extra code (not part of the tutorial, not required in the chapter cell) run after
              ``code`` and compared against real PyTorch only; used where the tutorial cell prints
              nothing (002-01).
must_contain  key lines a chapter cell tagged ``example:<id>`` must contain (compared with all
              whitespace removed), so a tag cannot claim an example the cell does not run.
notes         why the record differs from the tutorial text, if it does.

NORMALIZATIONS (applied to both sides before comparing; see :func:`normalize`):
  1. memory addresses ``0x...`` -> ``0xADDRESS`` (``<AddBackward0 object at 0x7f..>``; differ per run).
  2. ``<class 'torch.Tensor'>`` and ``<class 'minigrad....Tensor'>`` -> ``<class 'Tensor'>``
     (minigrad's class lives in another module; the name is the same).
  3. ``<built-in method matmul of type object at 0x..>`` (torch's C function) and
     ``<function matmul at 0x..>`` (minigrad's Python function) -> ``<function matmul>``, and
     ``<class 'builtin_function_or_method'>`` -> ``<class 'function'>``.
Nothing else is normalized: values, spacing, ``grad_fn`` names and ``requires_grad`` flags must match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CourseExample:
    id: str
    source: str
    title: str
    chapter: str
    code: str
    expected: str = ""
    after: str | None = None
    raises: str | None = None
    raises_match: str | None = None
    warns: str | None = None
    warns_match: str | None = None
    probe: str | None = None
    probe_expected: str | None = None
    must_contain: tuple = field(default_factory=tuple)
    notes: str = ""


T000 = "000_39b5a8371e50f10e.txt"
T001 = "001_5866117380ef6773.txt"
T002 = "002_feb8518c773d1689.txt"
T003 = "003_b3eaefc453ea9342.txt"
T004 = "004_f0811280d8500115.txt"

CHAPTERS = {
    "01": "01_tensors",
    "02": "02_recording_operations",
    "03": "03_backward_chain_rule",
    "04": "04_vector_jacobian_product",
    "05": "05_gradient_accumulation",
    "06": "06_stopping_gradients",
    "07": "07_retain_graph",
    "08": "08_logistic_regression",
    "09": "09_variable_and_pytorch",
}

EXAMPLES: list[CourseExample] = [
    # ------------------------------------------------------------------ tutorial 000
    CourseExample(
        id="000-01", source=T000, chapter=CHAPTERS["02"],
        title="ones(2, 2) 와 ones(2, 2, requires_grad=True) 출력 비교",
        code=r'''x = torch.ones(2, 2)
print(x)

y = torch.ones(2, 2, requires_grad=True)
print(y)
''',
        expected="""\
tensor([[1., 1.],
        [1., 1.]])
tensor([[1., 1.],
        [1., 1.]], requires_grad=True)
""",
        must_contain=("y = torch.ones(2, 2, requires_grad=True)",),
    ),
    CourseExample(
        id="000-02", source=T000, chapter=CHAPTERS["02"], after="000-01",
        title="x + 3 은 기록되지 않고 y + 3 은 grad_fn=<AddBackward0> 를 얻는다",
        code=r'''print(f'x = {x}')

x1 = x + 3
print(f'x1 = {x1}')

print(f'y = {y}')

y1 = y + 3
print(f'y1 = {y1}')
''',
        expected="""\
x = tensor([[1., 1.],
        [1., 1.]])
x1 = tensor([[4., 4.],
        [4., 4.]])
y = tensor([[1., 1.],
        [1., 1.]], requires_grad=True)
y1 = tensor([[4., 4.],
        [4., 4.]], grad_fn=<AddBackward0>)
""",
        must_contain=("x1 = x + 3", "y1 = y + 3"),
    ),
    CourseExample(
        id="000-03", source=T000, chapter=CHAPTERS["02"],
        title="사칙연산의 grad_fn: AddBackward0, SubBackward0, MulBackward0, DivBackward0",
        code=r'''x = torch.ones(2, 2, requires_grad=True)
print(f'x = {x}')
x1 = x + 2
print(f'x1 = {x1}')
x2 = x - 4
print(f'x2 = {x2}')
x3 = x * 1.2
print(f'x3 = {x3}')
x4 = x / 0.5
print(f'x4 = {x4}')
''',
        expected="""\
x = tensor([[1., 1.],
        [1., 1.]], requires_grad=True)
x1 = tensor([[3., 3.],
        [3., 3.]], grad_fn=<AddBackward0>)
x2 = tensor([[-3., -3.],
        [-3., -3.]], grad_fn=<SubBackward0>)
x3 = tensor([[1.2000, 1.2000],
        [1.2000, 1.2000]], grad_fn=<MulBackward0>)
x4 = tensor([[2., 2.],
        [2., 2.]], grad_fn=<DivBackward0>)
""",
        must_contain=("x2 = x - 4", "x3 = x * 1.2", "x4 = x / 0.5"),
    ),
    CourseExample(
        id="000-04", source=T000, chapter=CHAPTERS["02"],
        title="requires_grad_(True) 는 그 뒤의 연산만 기록한다 (이전 연산은 grad_fn 없음)",
        code=r'''x = torch.ones(2, 2)
x1 = x + 3
x2 = x1 * 0.5

print(f'x = {x}')
print(f'x1 = {x1}')
print(f'x2 = {x2}')

x1.requires_grad_(True)
x2.requires_grad_(True)

print(f'x1 = {x1}')
print(f'x2 = {x2}')
''',
        expected="""\
x = tensor([[1., 1.],
        [1., 1.]])
x1 = tensor([[4., 4.],
        [4., 4.]])
x2 = tensor([[2., 2.],
        [2., 2.]])
x1 = tensor([[4., 4.],
        [4., 4.]], requires_grad=True)
x2 = tensor([[2., 2.],
        [2., 2.]], requires_grad=True)
""",
        must_contain=("x1.requires_grad_(True)", "x2.requires_grad_(True)"),
    ),
    # ------------------------------------------------------------------ tutorial 001
    CourseExample(
        id="001-01", source=T001, chapter=CHAPTERS["02"],
        title="속성 대입 x.requires_grad = True",
        code=r'''# x = torch.tensor([1.]), requires_grad=True)
x = torch.tensor([1.])
x.requires_grad = True
print(x)
print(x.requires_grad)
''',
        expected="""\
tensor([1.], requires_grad=True)
True
""",
        must_contain=("x.requires_grad = True",),
    ),
    CourseExample(
        id="001-02", source=T001, chapter=CHAPTERS["03"], after="001-01",
        title="y = x ** 2 는 grad_fn=<PowBackward0>",
        code=r'''y = x ** 2
print(y)
# 계산 결과를 담은 tensor인 y는 계산 결과와 grad_fn에 어떤 계산을 했는지 정보를 담고 있다. (PowBackward0)
# 이는 y 계산에 사용된 x가 requires_grad=True이기 때문이다.
''',
        expected="""\
tensor([1.], grad_fn=<PowBackward0>)
""",
        must_contain=("y = x ** 2",),
    ),
    CourseExample(
        id="001-03", source=T001, chapter=CHAPTERS["03"], after="001-02",
        title="y.backward() 후 x.grad = 2x = tensor([2.])",
        code=r'''# 미분 - tensor.backward() 호출
y.backward()   # dy/dx  gradient 계산 후 결과를 x의 grad attribute에 저장한다.
x.grad
# 도함수: y` = 2x 이고 x가 1이었으므로 grad는 2
''',
        expected="""\
tensor([2.])
""",
        must_contain=("y.backward()", "x.grad"),
        notes="원문의 두 셀 (y.backward() / x.grad) 을 하나로 합침; 태그는 두 셀에 나눠 달아도 된다.",
    ),
    CourseExample(
        id="001-04", source=T001, chapter=CHAPTERS["03"],
        title="requires_grad 가 없는 텐서에서 backward() → RuntimeError",
        code=r'''# requires_grad가 True로 설정되 있는 않은 경우 --> Exception
x = torch.tensor([1.])
y = x ** 2
y.backward()
''',
        raises="RuntimeError",
        raises_match="does not require grad",
        must_contain=("x = torch.tensor([1.])", "y.backward()"),
        notes="원문에서 주석 처리된 '# y.backward()' 를 실행해 예외 클래스를 확인한다.",
    ),
    CourseExample(
        id="001-05", source=T001, chapter=CHAPTERS["03"],
        title="z = 10·x² 의 연쇄 법칙: x.grad = 20",
        code=r'''x = torch.tensor([1.], requires_grad=True)
y = x ** 2   # 미분: 2x
z = y * 10   # 미분: 10  ===> 2x * 10

print(y, y.requires_grad)
print(z)
z.backward()
print(x.grad)
''',
        expected="""\
tensor([1.], grad_fn=<PowBackward0>) True
tensor([10.], grad_fn=<MulBackward0>)
tensor([20.])
""",
        must_contain=("z = y * 10", "z.backward()"),
    ),
    CourseExample(
        id="001-06", source=T001, chapter=CHAPTERS["03"],
        title="편미분: z = 2x² + y² → dz/dx = 4, dz/dy = 2",
        code=r'''## 편미분
x=torch.tensor([1.],requires_grad=True)
y=torch.tensor([1.],requires_grad=True)
z= 2*x**2 + y**2 # 2X^2 + y^2
print(z)
z.backward() 
print(x.grad)  #dz/dx
print(y.grad)  #dz/dy
''',
        expected="""\
tensor([3.], grad_fn=<AddBackward0>)
tensor([4.])
tensor([2.])
""",
        must_contain=("z= 2*x**2 + y**2",),
    ),
    CourseExample(
        id="001-07", source=T001, chapter=CHAPTERS["03"],
        title="y = sum(x²) 의 기울기 [2, 4, 6] (스칼라를 벡터로 미분)",
        code=r'''x=torch.tensor([1., 2., 3.] ,requires_grad=True)
y=torch.sum(x**2) # [x1**2 + x2**2 + x3**2]  
y.backward() #[dy/dx1, dy/dx2, dy/dx3] = [2x1, 2x2, 2x3]

print(y)
print(x.grad) # 스칼라를 벡터로 미분
''',
        expected="""\
tensor(14., grad_fn=<SumBackward0>)
tensor([2., 4., 6.])
""",
        must_contain=("y=torch.sum(x**2)",),
    ),
    CourseExample(
        id="001-08", source=T001, chapter=CHAPTERS["06"],
        title="no_grad 밖: 연산 결과도 requires_grad=True, 기울기 2",
        code=r'''x = torch.tensor(1.0, requires_grad = True)
print(x.requires_grad)

y = x**2

print(y.requires_grad)  # 연산이 결과 requires_grad도 True -> 그래야 미분이 가능하므로.
print(x.requires_grad)
print(y)

y.backward()
print(x.grad)
''',
        expected="""\
True
True
True
tensor(1., grad_fn=<PowBackward0>)
tensor(2.)
""",
        must_contain=("x = torch.tensor(1.0, requires_grad = True)", "print(y.requires_grad)"),
    ),
    CourseExample(
        id="001-09", source=T001, chapter=CHAPTERS["06"],
        title="with torch.no_grad(): 안의 연산은 requires_grad=False",
        code=r'''x = torch.tensor(1.0, requires_grad = True)
print(x.requires_grad)

with torch.no_grad():
    print(x.requires_grad)
    y = x**2 # torch.nograd()로 인해서 도함수를 만들지 않는다.
    print(y.requires_grad) # 연산이 적용될 때 requires_grad가 False가 된다.
    print(y)
    
print(x.requires_grad)
# y.backward() # y는 도함수를 만들지 않았기 때문데 Exception발생
''',
        expected="""\
True
True
False
tensor(1.)
True
""",
        must_contain=("with torch.no_grad():", "y = x**2"),
    ),
    CourseExample(
        id="001-10", source=T001, chapter=CHAPTERS["06"], after="001-09",
        title="no_grad 안에서 만든 y 의 backward() → RuntimeError",
        code=r'''y.backward() # y는 도함수를 만들지 않았기 때문데 Exception발생
''',
        raises="RuntimeError",
        raises_match="does not require grad",
        must_contain=("y.backward()",),
        notes="001-09 끝의 주석 '# y.backward()' 를 실행한 것.",
    ),
    CourseExample(
        id="001-11", source=T001, chapter=CHAPTERS["05"],
        title="기울기 누적 1: 첫 backward 후 x.grad = 2",
        code=r'''x = torch.tensor(1., requires_grad=True)
y = x**2
y.backward()
print("x의 gradient값:", x.grad )
''',
        expected="""\
x의 gradient값: tensor(2.)
""",
        must_contain=('print("x의 gradient값:", x.grad )',),
    ),
    CourseExample(
        id="001-12", source=T001, chapter=CHAPTERS["05"], after="001-11",
        title="잎 텐서 x 의 표시: tensor(1., requires_grad=True)",
        code=r'''x
''',
        expected="""\
tensor(1., requires_grad=True)
""",
        must_contain=("x",),
    ),
    CourseExample(
        id="001-13", source=T001, chapter=CHAPTERS["05"], after="001-12",
        title="기울기 누적 2: 두 번째 backward 후 x.grad = 2 + 2 = 4",
        code=r'''z = x **2
z.backward()
print("x의 gradient값:", x.grad )
# 기존 x.gradient 값과 새로운 x.gradient 값과 합친다.
''',
        expected="""\
x의 gradient값: tensor(4.)
""",
        must_contain=("z = x **2", "z.backward()"),
    ),
    CourseExample(
        id="001-14", source=T001, chapter=CHAPTERS["05"],
        title="새 x 로 backward: x.grad 는 tensor(2.)",
        code=r'''x = torch.tensor(1., requires_grad=True)
y = x**2
y.backward()
x.grad
''',
        expected="""\
tensor(2.)
""",
        must_contain=("y.backward()", "x.grad"),
    ),
    CourseExample(
        id="001-15", source=T001, chapter=CHAPTERS["05"], after="001-14",
        title="x.grad = torch.tensor(0.) 로 초기화하면 다시 2",
        code=r'''# gradient초기화
x.grad = torch.tensor(0.)   # grad 속성값을 0으로 변경.
z = x**2
z.backward()
x.grad
''',
        expected="""\
tensor(2.)
""",
        must_contain=("x.grad = torch.tensor(0.)",),
    ),
    # ------------------------------------------------------------------ tutorial 002
    CourseExample(
        id="002-01", source=T002, chapter=CHAPTERS["01"],
        title="텐서 만들기: 스칼라/벡터/행렬/3D, ones, zeros, randn, arange, linspace",
        code=r'''scalar_tensor = torch.tensor(5) # 스칼라 텐서
vector_tensor = torch.tensor([1,2,3,4]) # 벡터 텐서
matrix_tensor = torch.tensor([[1, 2, 3], [4, 5, 6]]) # 행렬 텐서
tensor_3d = torch.tensor([[[1, 2, 3], [4, 5, 6]],
                          [[7, 8, 9], [10, 11, 12]]]) # 3D 텐서
tensor_ones = torch.ones(2, 3) # 2x3, 1로 초기화, 행렬 텐서
tensor_zeros = torch.zeros(2, 3) # 2x3, 0으로 초기화, 행렬 텐서
tensor_random = torch.randn(2, 3) # 2x3, 정규분포를 따르는 랜덤 값으로 초기화, 행렬 텐서
tensor_arange = torch.arange(0, 10) # [0~9]
tensor_linspace = torch.linspace(0, 1, steps=5) # [0.0, 0.25, 0.5, 0.75, 1.0]
''',
        expected="",
        probe=r'''for t in [scalar_tensor, vector_tensor, matrix_tensor, tensor_3d,
          tensor_ones, tensor_zeros, tensor_arange, tensor_linspace]:
    print(t, t.dtype, t.shape, t.dim())
print(tensor_random.dtype, tensor_random.shape, tensor_random.requires_grad)
''',
        probe_expected="""\
tensor(5) torch.int64 torch.Size([]) 0
tensor([1, 2, 3, 4]) torch.int64 torch.Size([4]) 1
tensor([[1, 2, 3],
        [4, 5, 6]]) torch.int64 torch.Size([2, 3]) 2
tensor([[[ 1,  2,  3],
         [ 4,  5,  6]],

        [[ 7,  8,  9],
         [10, 11, 12]]]) torch.int64 torch.Size([2, 2, 3]) 3
tensor([[1., 1., 1.],
        [1., 1., 1.]]) torch.float32 torch.Size([2, 3]) 2
tensor([[0., 0., 0.],
        [0., 0., 0.]]) torch.float32 torch.Size([2, 3]) 2
tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) torch.int64 torch.Size([10]) 1
tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000]) torch.float32 torch.Size([5]) 1
torch.float32 torch.Size([2, 3]) False
""",
        must_contain=("tensor_3d = torch.tensor(", "torch.linspace(0, 1, steps=5)", "torch.arange(0, 10)"),
        notes="원문 셀은 아무것도 출력하지 않는다: probe 가 각 텐서의 출력/dtype/shape 를 PyTorch 와 비교한다. "
              "randn 값은 출력에 나오지 않으므로 그대로 둔다.",
    ),
    CourseExample(
        id="002-02", source=T002, chapter=CHAPTERS["08"],
        title="matmul + binary_cross_entropy_with_logits 순전파, type/grad_fn 출력, 잎이 아닌 z.grad 경고",
        code=r'''x = torch.ones(5)
y = torch.zeros(3)
w = torch.tensor([[ 0.9698, -0.4488, -0.2511],
                  [ 0.0960, -2.0260, -0.1918],
                  [-0.6390, -0.2648,  1.2296],
                  [ 0.9061, -0.0338, -1.8336],
                  [ 0.5091,  0.0953, -0.0344]], requires_grad=True)
b = torch.tensor([-1.7136,  1.8476, -0.7694], requires_grad=True)
z = torch.matmul(x, w) + b # 1x5 dot 5x3 => 1x3 + 1x3 => 1x3
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)

print("x:", x, type(x))
print("y:", y, type(y))
print("w:", w, type(w))
print("b:", b, type(b))
print("z:", z, type(z))
print("\ttorch.matmul:", torch.matmul, type(torch.matmul))
print("\tz.grad_fn:", z.grad_fn)
print("\tz.grad:", z.grad)
print("loss:", loss, type(loss))
''',
        expected="""\
x: tensor([1., 1., 1., 1., 1.]) <class 'Tensor'>
y: tensor([0., 0., 0.]) <class 'Tensor'>
w: tensor([[ 0.9698, -0.4488, -0.2511],
        [ 0.0960, -2.0260, -0.1918],
        [-0.6390, -0.2648,  1.2296],
        [ 0.9061, -0.0338, -1.8336],
        [ 0.5091,  0.0953, -0.0344]], requires_grad=True) <class 'Tensor'>
b: tensor([-1.7136,  1.8476, -0.7694], requires_grad=True) <class 'Tensor'>
z: tensor([ 0.1284, -0.8305, -1.8507], grad_fn=<AddBackward0>) <class 'Tensor'>
\ttorch.matmul: <function matmul> <class 'function'>
\tz.grad_fn: <AddBackward0 object at 0xADDRESS>
\tz.grad: None
loss: tensor(0.4224, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>) <class 'Tensor'>
""",
        warns="UserWarning",
        warns_match="is not a leaf Tensor",
        must_contain=("z = torch.matmul(x, w) + b",
                      "loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)",
                      'print("\\tz.grad:", z.grad)'),
        notes="w, b 의 torch.randn 을 원문이 출력한 값의 torch.tensor 로 바꿨다. 반올림된 값이라 "
              "z[0] 이 원문의 0.1285 가 아니라 0.1284 (0.9698+0.0960-0.6390+0.9061+0.5091-1.7136). "
              "z.grad 는 UserWarning 을 낸다 (원문의 stderr 줄).",
    ),
    CourseExample(
        id="002-03", source=T002, chapter=CHAPTERS["07"], after="002-02",
        title="loss.backward(retain_graph=True), w.grad 와 b.grad, requires_grad 플래그",
        code=r'''"""
역전파 계산

성능상 이유로 backward는 한 번만 수행되는데 (수행 후 연산그래프가 삭제됨)
retain_graph를 True로 설정하면 여러번 수행할 수 있다.
"""
loss.backward(retain_graph=True)

print("w.grad:", w.grad)
print("b.grad:", b.grad)
print("x.requires_grad:", x.requires_grad) # False
print("y.requires_grad:", y.requires_grad) # False
print("w.requires_grad:", w.requires_grad) # True
print("b.requires_grad:", b.requires_grad) # True
print("z.requires_grad:", z.requires_grad) # True
print("loss.requires_grad:", loss.requires_grad) # True
''',
        expected="""\
w.grad: tensor([[0.1774, 0.1012, 0.0453],
        [0.1774, 0.1012, 0.0453],
        [0.1774, 0.1012, 0.0453],
        [0.1774, 0.1012, 0.0453],
        [0.1774, 0.1012, 0.0453]])
b.grad: tensor([0.1774, 0.1012, 0.0453])
x.requires_grad: False
y.requires_grad: False
w.requires_grad: True
b.requires_grad: True
z.requires_grad: True
loss.requires_grad: True
""",
        must_contain=("loss.backward(retain_graph=True)", 'print("w.grad:", w.grad)'),
        notes="08 장에서도 쓴다. 고정값 w, b 로도 원문의 출력과 같다 (sigmoid(0.1284)/3 = 0.1774).",
    ),
    CourseExample(
        id="002-04", source=T002, chapter=CHAPTERS["06"], after="002-02",
        title="torch.no_grad() 안에서 다시 계산한 z 는 requires_grad=False",
        code=r'''"""
컨텍스트 매니저를 사용하여
텐서를 기울기 연산에서 제외하기.
"""
with torch.no_grad():
	z = torch.matmul(x, w) + b
print(z.requires_grad)
''',
        expected="""\
False
""",
        must_contain=("with torch.no_grad():", "z = torch.matmul(x, w) + b"),
    ),
    CourseExample(
        id="002-05", source=T002, chapter=CHAPTERS["06"], after="002-02",
        title="z.detach() 는 requires_grad=False",
        code=r'''"""
detach()를 사용하여 텐서를 기울기 연산에서 제외하기.
"""
z = torch.matmul(x, w) + b
z_det = z.detach()
print(z_det.requires_grad)
''',
        expected="""\
False
""",
        must_contain=("z_det = z.detach()",),
    ),
    # ------------------------------------------------------------------ tutorial 003
    CourseExample(
        id="003-01", source=T003, chapter=CHAPTERS["09"],
        title="Variable(torch.ones(2, 2), requires_grad=True) 는 그냥 텐서를 돌려준다",
        code=r'''x = Variable(torch.ones(2, 2), requires_grad=True)
print(x)
''',
        expected="""\
tensor([[1., 1.],
        [1., 1.]], requires_grad=True)
""",
        must_contain=("x = Variable(torch.ones(2, 2), requires_grad=True)",),
    ),
    CourseExample(
        id="003-02", source=T003, chapter=CHAPTERS["02"], after="003-01",
        title="y = x + 2 → grad_fn=<AddBackward0>",
        code=r'''y = x + 2
print(y)
''',
        expected="""\
tensor([[3., 3.],
        [3., 3.]], grad_fn=<AddBackward0>)
""",
        must_contain=("y = x + 2",),
    ),
    CourseExample(
        id="003-03", source=T003, chapter=CHAPTERS["02"], after="003-02",
        title="print(y.grad_fn) → <AddBackward0 object at 0x...>",
        code=r'''print(y.grad_fn)
''',
        expected="""\
<AddBackward0 object at 0xADDRESS>
""",
        must_contain=("print(y.grad_fn)",),
    ),
    CourseExample(
        id="003-04", source=T003, chapter=CHAPTERS["03"], after="003-03",
        title="z = 3y², out = z.mean() = 27 (MulBackward0, MeanBackward0)",
        code=r'''z = y * y * 3
out = z.mean()

print(z)
print("---"*5)
print(out)
''',
        expected="""\
tensor([[27., 27.],
        [27., 27.]], grad_fn=<MulBackward0>)
---------------
tensor(27., grad_fn=<MeanBackward0>)
""",
        must_contain=("z = y * y * 3", "out = z.mean()"),
    ),
    CourseExample(
        id="003-05", source=T003, chapter=CHAPTERS["03"], after="003-04",
        title="out.backward() → x.grad = 4.5 (연쇄 법칙)",
        code=r'''out.backward()
print(x.grad)
''',
        expected="""\
tensor([[4.5000, 4.5000],
        [4.5000, 4.5000]])
""",
        must_contain=("out.backward()", "print(x.grad)"),
        notes="원문의 두 셀 (out.backward() / print(x.grad)) 을 하나로 합침.",
    ),
    CourseExample(
        id="003-06", source=T003, chapter=CHAPTERS["04"],
        title="벡터 출력의 backward(gradient): [0.1, 1, 10] → [0.6, 6, 60]",
        code=r'''x = torch.ones(3)
x = Variable(x, requires_grad=True)
y = x**2
z = y*3
print(z)
grad = torch.Tensor([0.1,1,10])
z.backward(grad)    # z와 x의 dimension이 일치해야 함
print(x.grad)
''',
        expected="""\
tensor([3., 3., 3.], grad_fn=<MulBackward0>)
tensor([ 0.6000,  6.0000, 60.0000])
""",
        must_contain=("grad = torch.Tensor([0.1,1,10])", "z.backward(grad)"),
    ),
    # ------------------------------------------------------------------ tutorial 004
    CourseExample(
        id="004-01", source=T004, chapter=CHAPTERS["02"],
        title="requires_grad=True 로 추적 시작",
        code=r'''x = torch.ones(2, 2, requires_grad=True)
print(x)
''',
        expected="""\
tensor([[1., 1.],
        [1., 1.]], requires_grad=True)
""",
        must_contain=("x = torch.ones(2, 2, requires_grad=True)",),
    ),
    CourseExample(
        id="004-02", source=T004, chapter=CHAPTERS["02"], after="004-01",
        title="y = x + 2 와 y.grad_fn",
        code=r'''y = x + 2
print(y)
print(y.grad_fn) 
''',
        expected="""\
tensor([[3., 3.],
        [3., 3.]], grad_fn=<AddBackward0>)
<AddBackward0 object at 0xADDRESS>
""",
        must_contain=("y = x + 2", "print(y.grad_fn)"),
    ),
    CourseExample(
        id="004-03", source=T004, chapter=CHAPTERS["03"], after="004-02",
        title="z = y * y * 3, out = z.mean() (product, mean)",
        code=r'''z = y * y * 3
out = z.mean()
print(z)
print(out)
''',
        expected="""\
tensor([[27., 27.],
        [27., 27.]], grad_fn=<MulBackward0>)
tensor(27., grad_fn=<MeanBackward0>)
""",
        must_contain=("z = y * y * 3", "out = z.mean()"),
    ),
    CourseExample(
        id="004-04", source=T004, chapter=CHAPTERS["02"],
        title="a.requires_grad_(True) 로 제자리에서 추적 켜기, (a*a).sum() → SumBackward0",
        code=r'''a = torch.randn(3, 3)
a = ((a*3) / (a-1))
print(a.requires_grad)
a.requires_grad_(True)
print(a.requires_grad)
b = (a*a).sum()
print(b.grad_fn)
''',
        expected="""\
False
True
<SumBackward0 object at 0xADDRESS>
""",
        must_contain=("a.requires_grad_(True)", "b = (a*a).sum()"),
        notes="randn 값은 출력에 나오지 않으므로 그대로 둔다.",
    ),
    CourseExample(
        id="004-05", source=T004, chapter=CHAPTERS["03"], after="004-03",
        title="out.backward() → x.grad = 4.5",
        code=r'''out.backward()
print(x.grad)
''',
        expected="""\
tensor([[4.5000, 4.5000],
        [4.5000, 4.5000]])
""",
        must_contain=("out.backward()", "print(x.grad)"),
    ),
    CourseExample(
        id="004-06", source=T004, chapter=CHAPTERS["06"], after="004-05",
        title="no_grad 안에서 (x ** 2).requires_grad 는 False",
        code=r'''print(x.requires_grad)
print((x ** 2).requires_grad)
with torch.no_grad():
        print((x ** 2).requires_grad)
''',
        expected="""\
True
True
False
""",
        must_contain=("with torch.no_grad():", "print((x ** 2).requires_grad)"),
    ),
]

BY_ID = {ex.id: ex for ex in EXAMPLES}

# (regex, replacement, why) -- applied in order to both outputs before comparison.
NORMALIZATIONS = [
    (r"<built-in method (\w+) of type object at 0x[0-9a-fA-F]+>", r"<function \1>",
     "torch.matmul is a C builtin bound to a type object; minigrad's is a Python function"),
    (r"<function ([\w.<>]+) at 0x[0-9a-fA-F]+>", r"<function \1>",
     "a Python function's repr carries its address"),
    (r"<class 'builtin_function_or_method'>", "<class 'function'>",
     "type(torch.matmul) vs type(minigrad.matmul)"),
    (r"<class '(?:torch|minigrad(?:\.\w+)*)\.Tensor'>", "<class 'Tensor'>",
     "torch.Tensor vs minigrad.<module>.Tensor"),
    (r"0x[0-9a-fA-F]+", "0xADDRESS", "memory addresses differ per run and machine"),
]


def normalize(text: str) -> str:
    for pattern, replacement, _why in NORMALIZATIONS:
        text = re.sub(pattern, replacement, text)
    return text


def setup_chain(example_id: str) -> list[CourseExample]:
    """The examples to run before ``example_id`` (oldest first), following ``after``."""
    chain = []
    ex = BY_ID[example_id]
    while ex.after is not None:
        ex = BY_ID[ex.after]
        chain.append(ex)
    return chain[::-1]
