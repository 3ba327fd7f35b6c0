"""Check functions for the exercise notebooks (issue 5) — how chapter authors use them.

Files
-----
- ``solutions/NN_name.ipynb`` is the single source. ``python tools/make_exercises.py`` writes
  ``exercises/NN_name.ipynb`` from it (nbgrader's rules; ``--check`` fails ``make test`` when exercises/
  is stale; learner-edited files are never overwritten without ``--force`` + backup).
- ``minigrad/exercises/chNN.py`` (NN = 01..08) holds that chapter's check functions, written with
  :mod:`minigrad.exercises.feedback`. Import them explicitly (``from minigrad.exercises import ch02``);
  this package does not import the chapter modules itself.

A task in ``solutions/NN_name.ipynb``
-------------------------------------
1. A code cell with the task. Put the solution region INSIDE a function or method body, so that the
   generated stub (``# YOUR CODE HERE`` / ``raise NotImplementedError()``) only raises when the check
   calls it; an untouched exercise notebook must run top to bottom::

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
               ### END SOLUTION

2. The check cell right below it: one call, last line of the cell::

       from minigrad.exercises import ch02
       ch02.check_mul_backward(MyMul)

   The generator marks a cell with a solution region as an nbgrader solution cell, and a code cell that
   calls ``...check...(`` (or has ``nbgrader.grade: true``, or a ``### BEGIN HIDDEN TESTS`` region) as
   a locked, graded check cell worth ``points`` (default 1). Set ``metadata.nbgrader.grade_id`` /
   ``points`` yourself when you care about them. A markdown cell with ``nbgrader.solution: true`` is an
   answer cell (the exercise shows ``YOUR ANSWER HERE``).

A check function in ``minigrad/exercises/chNN.py``
--------------------------------------------------
::

    import minigrad as torch
    from minigrad.exercises.feedback import Check

    def check_mul_backward(MyMul):
        c = Check("과제 2: Mul 의 역전파")

        def grads(x, y):                      # run the learner's code inside the real engine
            x = torch.tensor(x, requires_grad=True)
            y = torch.tensor(y, requires_grad=True)
            MyMul.apply(x, y).sum().backward()
            return x.grad, y.grad

        c.equal("스칼라: x=2, y=3 에서 (x.grad, y.grad)", lambda: grads(2.0, 3.0),
                expected=(torch.tensor(3.0), torch.tensor(2.0)),
                hint="∂(x·y)/∂x = y, ∂(x·y)/∂y = x 에 grad_output 을 곱하세요.")
        c.true("결과에 grad_fn 이 붙음",
               lambda: MyMul.apply(torch.tensor(2.0, requires_grad=True), torch.tensor(3.0)).grad_fn is not None)

        def backward_twice():
            x = torch.tensor(2.0, requires_grad=True)
            out = MyMul.apply(x, x)
            out.backward()
            out.backward()

        c.raises("같은 그래프로 두 번 역전파하면 오류", backward_twice, RuntimeError, match="second time",
                 hint="역전파가 끝나면 저장해 둔 텐서를 지웁니다.")
        return c.done()

Rules: pass the learner's code as a zero-argument callable (a ``lambda``) so that each case catches its
own errors; compute expected values from numbers or a reference (never show solution code); hints explain
the idea, not the code. Cases: ``equal`` (allclose for tensors/arrays/numbers, elementwise for
tuples/lists, ``is None`` for None, ``==`` otherwise; shapes must match), ``true``, ``raises``.
``run_checks(title, [(description, got, expected, hint), ...])`` is the short functional form.

What the learner sees (deterministic, stdout only, never a traceback; nothing is raised):
``✅ <title> — 통과! ...`` / ``❌ <title> — 검사 N개 중 M개가 맞지 않습니다.`` followed by each failed case with
기대값 / 실제값 / 차이 / 힌트, or ``실행 중 오류: ValueError: ...`` plus ``위치: 여러분의 코드 N번째 줄 → ...``;
an untouched stub (``raise NotImplementedError()`` with no message) prints
``⏳ 아직 구현하지 않았습니다 — 위 셀의 `# YOUR CODE HERE` 부분을 채운 뒤 다시 실행하세요.`` and skips the
remaining cases. ``done()`` returns a :class:`~minigrad.exercises.feedback.CheckResult`
(``passed``, ``status``, ``failures``, ``text``) for pytest; it displays nothing as a cell's last value.
tests/test_exercises_run.py executes every exercise as generated from solutions/ (must print
아직 구현하지 않았습니다 or ✅ in every check cell) and every solutions/*.ipynb (every check cell must print ✅).

Where a learner stands: ``make progress`` (:mod:`minigrad.exercises.progress`) runs the learner's
exercises/*.ipynb in a temporary copy and reads each check's result; it finds tasks and check cells by
the rules of :mod:`minigrad.exercises.tasks` (tags, nbgrader metadata, ``check...(`` calls; never cell
numbers), which the browser test (tests/e2e/run_e2e.py) uses too.
"""
from .feedback import NOT_IMPLEMENTED, Check, CheckResult, Failure, run_checks

__all__ = ["Check", "CheckResult", "Failure", "run_checks", "NOT_IMPLEMENTED"]
