"""The course's examples, as data: they live in the package (minigrad/course_examples.py), so that
chapter 09 runs them wherever minigrad is installed (Colab too). The tests load them from here."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from minigrad.course_examples import *  # noqa: E402,F401,F403
from minigrad.course_examples import (BY_ID, CHAPTERS, EXAMPLES, CourseExample, normalize,  # noqa: E402,F401
                                      setup_chain)
