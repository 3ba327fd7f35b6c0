"""Exercise notebooks run top to bottom untouched; solutions pass their checks; exercises/ is up to date.

"Untouched" is the exercise as tools/make_exercises.py generates it from solutions/ (in memory): a
learner's filled-in exercises/ must not fail `make test`, and the up-to-date check makes sure an
unedited exercises/ file is exactly that notebook.

Also one synthetic chapter, end to end: solutions notebook -> tools/make_exercises.py -> exercise notebook
executed in a real kernel, with the learner's Mul backward checked inside an autograd engine (real
torch always; minigrad too once its ``autograd.Function`` exists).
"""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "make_exercises.py"
sys.path.insert(0, str(ROOT))
from minigrad.exercises.feedback import FAILED_MARK, NOT_IMPLEMENTED, PASSED_MARK  # noqa: E402


def _notebooks(folder):
    paths = sorted(p for p in (ROOT / folder).glob("*.ipynb") if ".bak-" not in p.name)
    return [pytest.param(p, id=p.stem) for p in paths] or [
        pytest.param(None, marks=pytest.mark.skip(reason=f"{folder}/ 에 노트북이 아직 없습니다"))]


def execute(nb, cwd, extra_path=()):
    """Run a notebook (in memory; the file is never written) with the venv's python3 kernel."""
    path = os.pathsep.join([*map(str, extra_path), str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path.rstrip(os.pathsep)}
    client = NotebookClient(nb, kernel_name="python3", timeout=300, allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)
    return nb


def stdout(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def errors(nb):
    return [(i, f"{o.ename}: {o.evalue}") for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error"]


def check_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]


def _generate(solution_path):
    spec = importlib.util.spec_from_file_location("make_exercises", SCRIPT)
    mx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mx)
    return mx.generate(solution_path, ROOT)


@pytest.mark.parametrize("path", _notebooks("solutions"))
def test_untouched_exercise_runs_and_reports_not_implemented(path):
    nb = execute(_generate(path), ROOT / "exercises")
    assert errors(nb) == []
    assert check_cells(nb), "과제 노트북에 확인(check) 셀이 없습니다"
    for cell in check_cells(nb):
        out = stdout(cell)
        assert (NOT_IMPLEMENTED in out or PASSED_MARK in out) and FAILED_MARK not in out, (cell.source, out)


@pytest.mark.parametrize("path", _notebooks("solutions"))
def test_solution_passes_every_check(path):
    nb = execute(nbformat.read(path, as_version=4), ROOT / "solutions")
    assert errors(nb) == []
    for cell in check_cells(nb):
        assert PASSED_MARK in stdout(cell) and FAILED_MARK not in stdout(cell), (cell.source, stdout(cell))


def test_exercises_are_up_to_date_with_solutions():
    if not list((ROOT / "solutions").glob("*.ipynb")):
        pytest.skip("solutions/ 에 노트북이 아직 없습니다")
    run = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


# ------------------------------------------------------------------ the end-to-end example
CHECKS = '''\
import importlib
from minigrad.exercises.feedback import Check

def check_mul_backward(MyMul, backend):
    torch = importlib.import_module(backend)
    c = Check("과제 1: Mul 의 역전파")

    def grads(x, y, same=False):
        x = torch.tensor(x, requires_grad=True)
        y = x if same else torch.tensor(y, requires_grad=True)
        MyMul.apply(x, y).sum().backward()
        return (x.grad,) if same else (x.grad, y.grad)

    hint = "∂(a·b)/∂a = b, ∂(a·b)/∂b = a 에 grad_output 을 곱해 입력 순서대로 돌려주세요."
    c.equal("스칼라: x=2, y=3 에서 (x.grad, y.grad)", lambda: grads(2.0, 3.0), (3.0, 2.0), hint)
    c.equal("벡터: x=[1, 2], y=[3, 4] 에서 (x.grad, y.grad)", lambda: grads([1.0, 2.0], [3.0, 4.0]),
            ([3.0, 4.0], [1.0, 2.0]), hint)
    c.equal("같은 텐서 두 번: x=[1, 2] 에서 x*x 의 x.grad", lambda: grads([1.0, 2.0], None, same=True),
            ([2.0, 4.0],), "두 입력의 기울기는 엔진이 더해 줍니다(누적).")
    return c.done()
'''

TASK = '''\
class MyMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_output):
        ### BEGIN SOLUTION
        a, b = ctx.saved_tensors
        return grad_output * b, grad_output * a
        ### END SOLUTION'''


def _backend_available(name):
    if name == "torch":
        return importlib.util.find_spec("torch") is not None
    try:
        import minigrad
        return hasattr(minigrad, "tensor") and hasattr(minigrad.autograd.Function, "apply")
    except Exception:
        return False


@pytest.mark.parametrize("backend", ["torch", "minigrad"])
def test_example_chapter_end_to_end(tmp_path, backend):
    if not _backend_available(backend):
        pytest.skip(f"{backend} 의 autograd.Function 을 쓸 수 없습니다")
    (tmp_path / "solutions").mkdir()
    (tmp_path / "demo_checks.py").write_text(CHECKS, encoding="utf-8")
    sol = new_notebook(cells=[
        new_markdown_cell("## 과제 1: `Mul` 의 역전파를 직접 써 봅시다"),
        new_code_cell(f'import importlib\nBACKEND = "{backend}"\ntorch = importlib.import_module(BACKEND)'),
        new_code_cell(TASK),
        new_code_cell("import demo_checks\ndemo_checks.check_mul_backward(MyMul, BACKEND)"),
    ])
    nbformat.write(sol, tmp_path / "solutions" / "01_demo.ipynb")
    spec = importlib.util.spec_from_file_location("make_exercises", SCRIPT)
    mx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mx)
    assert mx.main(["--root", str(tmp_path)]) == 0
    ex = nbformat.read(tmp_path / "exercises" / "01_demo.ipynb", as_version=4)
    assert ex.cells[2].source.endswith(
        "def backward(ctx, grad_output):\n        # YOUR CODE HERE\n        raise NotImplementedError()")
    assert ex.cells[3].metadata.nbgrader["grade"] is True and ex.cells[2].metadata.nbgrader["solution"]

    # the learner: first untouched, then a wrong answer, then a crash, each followed by the check cell
    wrong = ex.cells[2].source.replace("# YOUR CODE HERE\n        raise NotImplementedError()",
                                       "a, b = ctx.saved_tensors\n        return grad_output * a, grad_output * b")
    crash = ex.cells[2].source.replace("raise NotImplementedError()", 'raise ValueError("내 실수")')
    for source in (wrong, crash):
        ex.cells += [new_code_cell(source), new_code_cell(ex.cells[3].source)]
    ex = execute(ex, tmp_path / "exercises", [tmp_path])
    assert errors(ex) == []
    untouched, wrong_out, crash_out = stdout(ex.cells[3]), stdout(ex.cells[5]), stdout(ex.cells[7])
    assert untouched == ("📝 과제 1: Mul 의 역전파\n⏳ 아직 구현하지 않았습니다 — 위 셀의 `# YOUR CODE HERE` 부분을 "
                         "채운 뒤 다시 실행하세요.\n   (멈춘 곳: 스칼라: x=2, y=3 에서 (x.grad, y.grad))\n")
    assert all(o.output_type == "stream" for o in ex.cells[3].outputs)  # the result object displays nothing
    assert wrong_out.startswith("❌ 과제 1: Mul 의 역전파 — 검사 3개 중 2개가 맞지 않습니다.")
    assert "[1/3] 스칼라: x=2, y=3 에서 (x.grad, y.grad)\n  기대값: (3.0, 2.0)\n  실제값: (tensor(2.), tensor(3.))" \
        in wrong_out
    assert "힌트:   ∂(a·b)/∂a = b" in wrong_out and "[3/3]" not in wrong_out  # x*x is still right
    assert "Traceback" not in crash_out and "ipykernel" not in crash_out
    assert "실행 중 오류: ValueError: 내 실수\n  위치: 여러분의 코드 10번째 줄 → raise ValueError(\"내 실수\")" \
        in crash_out

    done = execute(nbformat.read(tmp_path / "solutions" / "01_demo.ipynb", as_version=4),
                   tmp_path / "solutions", [tmp_path])
    assert errors(done) == []
    assert stdout(done.cells[3]) == "✅ 과제 1: Mul 의 역전파 — 통과! (검사 3개 모두 맞았습니다)\n"
