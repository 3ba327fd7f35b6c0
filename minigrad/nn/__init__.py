"""``minigrad.nn``: ``functional`` (losses and activations, chapter 08), and the Module, layers,
losses and ``init`` that beginner tutorials use (modules.py, parameter.py, init.py)."""
from . import functional, init  # noqa: F401
from .modules import (BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, Flatten, Identity, Linear,  # noqa: F401
                      LogSoftmax, Module, MSELoss, NLLLoss, ReLU, Sequential, Sigmoid, Softmax, Tanh)
from .parameter import Parameter  # noqa: F401
