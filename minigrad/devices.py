"""Devices (chapter 09): ``torch.device`` and the one place that decides where a tensor may live.

minigrad computes with numpy on the CPU, so it behaves like a PyTorch build without CUDA:
``torch.device("cuda")`` can be made and printed, but a tensor asked to live there raises
PyTorch's ``AssertionError: Torch not compiled with CUDA enabled``. Every ``device=`` argument and
``Tensor.to(...)`` go through :func:`tensor_device`.

The module also knows which vector instructions PyTorch's CPU kernels would use on this machine
(:func:`cpu_capability`), because a few results (``linspace``, ``arange``) depend on them in the
last bit.
"""
import os
import platform

import numpy as np

from .arguments import Parser
from .errors import error

# PyTorch's device types, in the order its error message lists them
DEVICE_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve",
                "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia",
                "privateuseone")

_CPU_ONLY = "minigrad 는 numpy 로 CPU 에서만 계산합니다. device 인자를 빼거나 'cpu' 로 두세요."
_DEVICE_STRING = "device 문자열은 'cpu', 'cuda', 'cuda:0' 처럼 종류와 (있다면) ':번호' 로 씁니다."


class device:
    """Where a tensor lives: ``device(type='cpu')``, printed by ``str`` as ``cpu`` or ``cuda:1``.

    ``device("cuda:1")``, ``device("cuda", 1)`` and ``device(other_device)`` are accepted, as in
    PyTorch.
    """

    __slots__ = ("_type", "_index")

    def __init__(self, *args, **kwargs):
        values = _SIGNATURES.parse(args, kwargs)
        if "device" in values:                             # device(Device device)
            where = values["device"]
            if isinstance(where, device):
                self._type, self._index = where._type, where._index
                return
            if not isinstance(where, str):                 # an int: a GPU number
                raise _accelerator_error(where)
            self._type, self._index = _parse(where)
            return
        kind, index = _parse(values["type"])               # device(str type, int index=-1)
        if index is not None:
            raise error(RuntimeError, "type (string) must not include an index because index was "
                        f"passed explicitly: {values['type']}",
                        "번호는 한 번만 주세요: torch.device('cuda:1') 또는 torch.device('cuda', 1).")
        if values["index"] is not None:
            if values["index"] < 0:
                raise _negative_index()
            index = int(values["index"])
        self._type, self._index = kind, index

    @property
    def type(self):  # noqa: A003 - PyTorch's attribute name
        return self._type

    @property
    def index(self):
        return self._index

    def __repr__(self):
        if self._index is None:
            return f"device(type='{self._type}')"
        return f"device(type='{self._type}', index={self._index})"

    def __str__(self):
        return self._type if self._index is None else f"{self._type}:{self._index}"

    def __format__(self, spec):
        return format(str(self), spec)

    def __eq__(self, other):
        if not isinstance(other, device):
            return NotImplemented
        return self._type == other._type and self._index == other._index

    def __hash__(self):
        return hash((self._type, self._index))

    def _unordered(self, other):
        raise error(TypeError, "comparison not implemented", "장치는 같은지(==)만 비교할 수 있습니다.")

    __lt__ = __le__ = __gt__ = __ge__ = _unordered

    def __reduce__(self):
        return (device, (str(self),))


_SIGNATURES = Parser("device(Device device)", "device(c10::string_view type, int64_t? index=None)")


def _parse(text):
    """('cuda', 1) from 'cuda:1', with c10::Device's checks and messages."""
    if text == "":
        raise error(RuntimeError, "Device string must not be empty", _DEVICE_STRING)
    name, _, number = text.partition(":")
    ok = bool(name) and all(c.isascii() and (c.isalpha() or c == "_") for c in name)
    if ":" in text:
        leading_zero = number.startswith("0") and number != "0"
        ok = ok and number.isascii() and number.isdigit() and not leading_zero
    if not ok:
        raise error(RuntimeError, f"Invalid device string: '{text}'", _DEVICE_STRING)
    if name not in DEVICE_TYPES:
        raise error(RuntimeError, f"Expected one of {', '.join(DEVICE_TYPES)} device type at start "
                    f"of device string: {text}",
                    "장치 종류는 'cpu' 나 'cuda' 처럼 소문자로 씁니다 (GPU 는 'cuda' 입니다).")
    return name, (int(number) if number else None)


def _accelerator_error(number):
    if number < 0:
        return _negative_index()
    return error(RuntimeError, "Cannot access accelerator device when none is available.",
                 "정수 device(0 등)는 GPU 번호라서 CUDA 가 없는 minigrad 에서는 쓸 수 없습니다. " + _CPU_ONLY)


def _negative_index():
    return error(RuntimeError, "Device index must not be negative", "장치 번호(index)는 0 이상이어야 합니다.")


CPU = device("cpu")


def tensor_device(where):
    """The device a tensor asked for with ``device=where`` gets: always the CPU, or PyTorch's error.

    `where` is None, a device, a string such as 'cpu' or 'cuda:0', or an int (a GPU number).
    Other types are refused earlier, by the argument checks (minigrad/arguments.py).
    """
    if where is None or where is CPU:
        return CPU
    if isinstance(where, (int, np.integer)) and not isinstance(where, bool):
        raise _accelerator_error(where)
    kind = where.type if isinstance(where, device) else _parse(where)[0]
    if kind == "cpu":
        return CPU
    if kind in ("cuda", "xpu"):
        name = "CUDA" if kind == "cuda" else "XPU"
        raise error(AssertionError, f"Torch not compiled with {name} enabled", _CPU_ONLY)
    raise error(RuntimeError, f"PyTorch is not linked with support for {kind} devices", _CPU_ONLY)


# ------------------------------------------------------------------------ the CPU's vector unit
def cpu_capability():
    """The instruction set of PyTorch's CPU kernels here: 'AVX512', 'AVX2', 'DEFAULT' or 'NEON'.

    Like PyTorch, the environment variable ATEN_CPU_CAPABILITY (default, avx2, avx512) overrides
    what the processor offers. On Linux the processor's flags are read from /proc/cpuinfo
    (AVX512 needs avx512vl, avx512bw, avx512dq and fma, as in PyTorch); elsewhere an x86 processor
    is taken to have AVX2, the common case.
    """
    forced = os.environ.get("ATEN_CPU_CAPABILITY", "").strip().lower()
    if forced in ("default", "avx2", "avx512"):
        return forced.upper()
    machine = platform.machine().lower()
    if machine in ("arm64", "aarch64"):
        return "NEON"
    if machine not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return "DEFAULT"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")),
                         None)
    except OSError:
        flags = None
    if flags is None:
        return "AVX2"
    if {"avx512vl", "avx512bw", "avx512dq", "fma"} <= set(flags):
        return "AVX512"
    return "AVX2" if {"avx2", "fma"} <= set(flags) else "DEFAULT"


def vector_bytes(capability):
    """The width of PyTorch's ``Vectorized<T>`` in the range kernels (arange) for a capability.

    32 bytes (8 floats) on x86, also on AVX512 processors: PyTorch registers AVX512 versions only
    for some kernels (ALSO_REGISTER_AVX512_DISPATCH), and runs the AVX2 version of the others
    (measured: arange's results on an AVX512 machine are those of 32-byte vectors).
    16 bytes on ARM (NEON).
    """
    return 16 if capability == "NEON" else 32


def fused_multiply_add(capability):
    """Does the compiler fuse ``a + b * c`` into one rounding (FMA) in kernels for `capability`?"""
    return capability != "DEFAULT"


def intra_op_threads():
    """How many threads PyTorch would split a large CPU kernel across (torch.get_num_threads()).

    PyTorch starts with one thread per physical core, or OMP_NUM_THREADS if that is set."""
    try:
        forced = int(os.environ.get("OMP_NUM_THREADS", ""))
    except ValueError:
        forced = 0
    if forced > 0:
        return forced
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            cores, physical = set(), "0"
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "physical id":
                    physical = value.strip()
                elif key.strip() == "core id":
                    cores.add((physical, value.strip()))
        if cores:
            return len(cores)
    except OSError:
        pass
    return os.cpu_count() or 1
