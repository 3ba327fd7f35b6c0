"""What the browser test (run_e2e.py) types into exercises/03_backward_chain_rule.ipynb: all the answer
texts of the learner's path live here, in one place.

The task is found by its name (a markdown heading "과제 1: ..." above it, see
minigrad/exercises/tasks.py), never by a cell number. Its task cell holds one stub
(`# YOUR CODE HERE` + `raise NotImplementedError()`) per method to write; the test selects each stub with
the keyboard and types the matching line of WRONG, then replaces each line of WRONG that differs from
RIGHT by that line of RIGHT.
"""

# The task to type into: the first task whose name starts with this.
TASK = "과제 1"

# One line per stub, in the order they appear: MyMul.backward, MyPow.backward, MyMean.backward.
WRONG = [
    "return b, a",  # forgets the incoming gradient: grad_output is not multiplied in
    "return grad_output * n * a ** (n - 1), None",
    "return grad_output.expand(shape) / n",
]
RIGHT = [
    "return grad_output * b, grad_output * a",
    WRONG[1],
    WRONG[2],
]

# The check cell's report for WRONG: its first failing case ("[k/N] <description>") must say this
# (the case whose upstream gradient is not 1: "뒤에서 온 기울기", the incoming gradient).
WRONG_FIRST_FAILURE = "뒤에서 온 기울기"
