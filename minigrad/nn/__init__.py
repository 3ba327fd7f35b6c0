"""``minigrad.nn``: only ``functional`` (losses and activations) for this course."""
from . import functional  # noqa: F401
