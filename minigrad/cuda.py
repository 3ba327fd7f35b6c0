"""``minigrad.cuda``: minigrad computes with numpy on the CPU, like a CPU-only PyTorch build.

So the common line ``device = "cuda" if torch.cuda.is_available() else "cpu"`` picks "cpu".
"""


def is_available():
    return False


def device_count():
    return 0
