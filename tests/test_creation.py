"""Tensor creation, devices and argument checks, without torch (run by ``make test``).

The expected texts below are PyTorch 2.13's, measured once with torch (tests/test_parity_creation.py
compares them with torch itself under ``make parity``). The range kernels are checked against a
slow element-by-element model written with exact fractions, independent of minigrad/ranges.py's
vectorised numpy code.
"""
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

import minigrad as torch
from minigrad import arguments, devices, ranges


def message(fn):
    """(class name, first line, second line) of the exception `fn` raises."""
    with pytest.raises(Exception) as info:
        fn()
    first, _, rest = str(info.value).partition("\n")
    return type(info.value).__name__, first, rest


def assert_korean_line(rest):
    assert rest.startswith("💡 ") and "\n" not in rest


# -------------------------------------------------------------------------------- fma
def exact_fma(a, b, c, np_dtype):
    """round(a * b + c) to np_dtype with exact rational arithmetic."""
    x = Fraction(float(a)) * Fraction(float(b)) + Fraction(float(c))
    return round_fraction(x, np.dtype(np_dtype))


def round_fraction(x, np_dtype):
    """The nearest value of np_dtype to the fraction x (ties to even)."""
    t = np_dtype.type(float(x))           # float(x) is correctly rounded to double; fix double rounding
    candidates = [np.nextafter(t, np_dtype.type(-np.inf)), t, np.nextafter(t, np_dtype.type(np.inf))]
    bits = {4: np.uint32, 8: np.uint64, 2: np.uint16}[np_dtype.itemsize]
    return min(candidates, key=lambda v: (abs(Fraction(float(v)) - x), int(np.array(v).view(bits)) & 1))


@pytest.mark.parametrize("np_dtype", [np.float32, np.float64])
def test_fma_is_rounded_once(np_dtype):
    rng = np.random.default_rng(7)
    n = 3000
    a = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
    b = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)
    # c close to -a*b makes cancellation, where a separate rounding of a*b shows most
    c = -(a * b) * (1 + rng.standard_normal(n) * 1e-7)
    c[::3] = rng.standard_normal(len(c[::3]))
    a, b, c = (x.astype(np_dtype) for x in (a, b, c))
    got = ranges.fma(a, b, c, np_dtype)
    expected = np.array([exact_fma(*abc, np_dtype) for abc in zip(a, b, c)], dtype=np_dtype)
    assert np.array_equal(got, expected)
    separate = (a * b).astype(np_dtype) + c
    assert not np.array_equal(separate, expected), "the cases must tell one rounding from two"


def test_fma_of_the_textbook_case():
    # 1 - 3 * (2/6 in float32): 3 * 0.33333334f is 1.0000000298..., which a float32 product rounds to 1
    step = np.float32(2) / np.float32(6)
    assert ranges.fma(-step, np.float32(3), np.float32(1), np.float32) == np.float32(-2 ** -25)


# -------------------------------------------------------------------- linspace, arange
def model_linspace(start, end, steps, np_dtype, fused):
    """PyTorch's linspace kernel, one element at a time, with exact rounding of each operation."""
    np_dtype = np.dtype(np_dtype)
    integral = np_dtype.kind != "f"
    acc = np.dtype(np.float64) if integral else np_dtype
    s = acc.type(math.trunc(start) if integral else np_dtype.type(start))
    e = acc.type(math.trunc(end) if integral else np_dtype.type(end))
    step = acc.type(acc.type(e - s) / acc.type(steps - 1))
    out = []
    for i in range(steps):
        a, b, c = (step, i, s) if i < steps // 2 else (-step, steps - i - 1, e)
        if fused:
            v = exact_fma(a, acc.type(b), c, acc)
        else:
            v = acc.type(acc.type(c) + acc.type(acc.type(a) * acc.type(b)))
        out.append(v)
    values = np.array(out, dtype=acc)
    return np.trunc(values).astype(np.int64).astype(np_dtype) if integral else values


@pytest.mark.parametrize("capability", ["avx2", "default"])
@pytest.mark.parametrize("case", [(-math.pi, math.pi, 2000), (0, 1, 5), (-1, 1, 7), (0, 10, 100), (5.5, -3.25, 77)])
@pytest.mark.parametrize("np_dtype", [np.float32, np.float64, np.int64])
def test_linspace_follows_the_kernel(monkeypatch, capability, case, np_dtype):
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", capability)
    start, end, steps = case
    got = torch.linspace(start, end, steps, dtype=torch.dtypes.from_numpy(np_dtype)).array
    expected = model_linspace(start, end, steps, np_dtype, fused=capability != "default")
    assert np.array_equal(got, expected)


def test_linspace_of_the_tutorial(monkeypatch):
    """The value issue 18 found wrong: x[1000] of linspace(-pi, pi, 2000) in float32."""
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "avx2")
    x = torch.linspace(-math.pi, math.pi, 2000)
    assert x[1000].item() == float(model_linspace(-math.pi, math.pi, 2000, np.float32, True)[1000])
    assert f"{x[1000].item():.9g}" == "0.00157157611"          # torch 2.13's value
    assert x[-1].item() == np.float32(math.pi) and x[0].item() == np.float32(-math.pi)


def model_arange(start, step, size, np_dtype, vector_bytes, fused):
    """PyTorch's float arange kernel, one element at a time: blocks of 2 x V from vectors."""
    np_dtype = np.dtype(np_dtype)
    acc = np.dtype(np.float32 if np_dtype == np.float16 else np.float64)
    width = vector_bytes // np_dtype.itemsize

    def mul_add(a, b, c):
        return exact_fma(a, b, c, acc) if fused else acc.type(acc.type(c) + acc.type(acc.type(a) * acc.type(b)))
    out = []
    blocks = size // (2 * width) * 2 * width
    for head in range(0, blocks, width):
        first = np_dtype.type(mul_add(step, acc.type(head), start))
        out.extend(np_dtype.type(mul_add(acc.type(k), step, acc.type(first))) for k in range(width))
    out.extend(np_dtype.type(mul_add(step, acc.type(i), start)) for i in range(blocks, size))
    return np.array(out, dtype=np_dtype)


@pytest.mark.parametrize("capability", ["avx2", "default"])
@pytest.mark.parametrize("case", [(-3.3, 17.9, 0.013), (0, 7, 0.1), (1, 2, 0.25), (5, -5, -0.37)])
@pytest.mark.parametrize("np_dtype", [np.float32, np.float64, np.float16])
def test_arange_follows_the_kernel(monkeypatch, capability, case, np_dtype):
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", capability)
    start, end, step = case
    got = torch.arange(start, end, step, dtype=torch.dtypes.from_numpy(np_dtype)).array
    acc = ranges.accumulate_dtype(np.dtype(np_dtype))
    expected = model_arange(acc.type(start), acc.type(step), len(got), np_dtype, 32, capability != "default")
    assert len(got) == math.ceil((end - start) / step)
    assert np.array_equal(got, expected)


def test_arange_vectors_are_not_the_plain_formula(monkeypatch):
    """Inside a vector block, first + k * step differs from start + i * step in the last bit."""
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "avx2")
    got = torch.arange(-3.3, 17.9, 0.013).array
    plain = (np.float64(-3.3) + np.float64(0.013) * np.arange(len(got))).astype(np.float32)
    assert not np.array_equal(got, plain)
    assert np.abs(got.astype(np.float64) - plain).max() <= np.spacing(np.float32(18)) * 2


def test_arange_integers_and_sizes():
    assert torch.arange(10, 0, -3).tolist() == [10, 7, 4, 1]
    assert torch.arange(0, 10.5, dtype=torch.int64).tolist() == list(range(10))
    assert torch.arange(-1, 2, 1, dtype=torch.uint8).tolist() == [255, 0, 1]
    assert torch.arange(-1., 1, 0.5, dtype=torch.uint8).tolist() == [255] * 4      # step 0.5 becomes 0
    assert len(torch.arange(0, 1, 0.1)) == 10 and torch.arange(5.).dtype == torch.float32


def test_capability_setting(monkeypatch):
    for forced in ("default", "avx2", "avx512"):
        monkeypatch.setenv("ATEN_CPU_CAPABILITY", forced)
        assert devices.cpu_capability() == forced.upper()
    assert devices.vector_bytes("AVX512") == 32 and devices.vector_bytes("NEON") == 16
    assert devices.fused_multiply_add("AVX2") and not devices.fused_multiply_add("DEFAULT")
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert devices.intra_op_threads() == 3
    assert ranges._parallel_chunks(100000) == [(0, 33334), (33334, 66668), (66668, 100000)]
    assert ranges._parallel_chunks(32768) == [(0, 32768)]


# ------------------------------------------------------------------------------ devices
def test_device_objects():
    cpu = torch.device("cpu")
    assert repr(cpu) == "device(type='cpu')" and str(cpu) == "cpu" and f"{cpu}" == "cpu"
    assert repr(torch.device("cuda:1")) == "device(type='cuda', index=1)" and str(torch.device("cuda", 1)) == "cuda:1"
    assert torch.device("cpu", 0).index == 0 and cpu.index is None and cpu.type == "cpu"
    assert cpu == torch.device("cpu") and cpu != torch.device("cpu", 0) and (cpu == "cpu") is False
    assert hash(cpu) == hash(torch.device("cpu")) and torch.device(cpu) == cpu
    assert torch.device(type="cuda", index=1) == torch.device("cuda:1")
    assert torch.ones(2).device == cpu and str(torch.ones(2).device) == "cpu"
    assert torch.ones(2, device="cpu:0").device == cpu


@pytest.mark.parametrize("call,expected", [
    (lambda: torch.device("gpu"), ("RuntimeError", "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, "
                                   "ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone "
                                   "device type at start of device string: gpu")),
    (lambda: torch.device("cuda:x"), ("RuntimeError", "Invalid device string: 'cuda:x'")),
    (lambda: torch.device("cuda:01"), ("RuntimeError", "Invalid device string: 'cuda:01'")),
    (lambda: torch.device(""), ("RuntimeError", "Device string must not be empty")),
    (lambda: torch.device("cpu", -1), ("RuntimeError", "Device index must not be negative")),
    (lambda: torch.device(0), ("RuntimeError", "Cannot access accelerator device when none is available.")),
    (lambda: torch.device("cpu", "0"), ("TypeError", "device(): argument 'index' (position 2) must be int, not str")),
    (lambda: torch.device(1.5), ("TypeError", "device() received an invalid combination of arguments - got "
                                 "(float), but expected one of:")),
    (lambda: torch.device("cuda:1", 2), ("RuntimeError", "type (string) must not include an index because index "
                                         "was passed explicitly: cuda:1")),
    (lambda: torch.ones(2, device="cuda"), ("AssertionError", "Torch not compiled with CUDA enabled")),
    (lambda: torch.tensor([1.], device=torch.device("cuda", 0)), ("AssertionError",
                                                                  "Torch not compiled with CUDA enabled")),
    (lambda: torch.ones(2, device="xpu"), ("AssertionError", "Torch not compiled with XPU enabled")),
    (lambda: torch.ones(2).to("mps"), ("RuntimeError", "PyTorch is not linked with support for mps devices")),
    (lambda: torch.ones(2).to("cuda"), ("AssertionError", "Torch not compiled with CUDA enabled")),
    (lambda: torch.ones(2).cuda(), ("AssertionError", "Torch not compiled with CUDA enabled")),
    (lambda: torch.ones(2).cuda(device="cpu"), ("RuntimeError", "Invalid device, must be cuda device")),
    (lambda: torch.ones(2).to("float32"), ("RuntimeError", "Invalid device string: 'float32'")),
    (lambda: torch.ones(2).to(dtype="float32"), ("TypeError", "to() received an invalid combination of arguments - "
                                                 "got (dtype=str, ), but expected one of:")),
    (lambda: torch.ones(2).to(torch.float64, "cuda"), ("TypeError", "to() received an invalid combination of "
                                                       "arguments - got (torch.dtype, str), but expected one of:")),
    (lambda: torch.ones(2).cpu(1), ("TypeError", "cpu() takes 0 positional arguments but 1 was given")),
    (lambda: torch.ones(2, device=1.5), ("TypeError", "ones(): argument 'device' must be torch.device, not float")),
])
def test_device_errors(call, expected):
    kind, first, rest = message(call)
    assert (kind, first) == expected
    assert_korean_line(rest)


def test_to_forms():
    x = torch.ones(2)
    assert x.to("cpu") is x and x.cpu() is x and x.to(torch.float32) is x and x.to() is x and x.to(None) is x
    assert x.to("cpu", torch.float64).dtype == torch.float64
    assert x.to(device="cpu", dtype=torch.int64).dtype == torch.int64
    assert x.to(torch.device("cpu"), torch.float16).dtype == torch.float16
    assert x.to(torch.ones(1, dtype=torch.int64)).dtype == torch.int64
    assert x.to(float).dtype == torch.float64 and x.to(int).dtype == torch.int64 and x.to(bool).dtype == torch.bool
    assert x.to(2.5).dtype == torch.float64 and x.to(True).dtype == torch.bool      # (numbers stand for tensors)
    copy = x.to(torch.float32, copy=True)
    assert copy is not x and copy.tolist() == x.tolist()
    y = torch.ones(2, requires_grad=True)
    assert y.to(torch.float64).grad_fn.name() == "ToCopyBackward0"


def test_device_argument_everywhere():
    cpu = torch.device("cpu")
    x = torch.ones(2)
    made = [torch.tensor([1.], device=cpu), torch.as_tensor([1.], device="cpu"), torch.ones(2, device=cpu),
            torch.zeros(2, device=cpu), torch.empty(2, device=cpu), torch.full((2,), 1., device=cpu),
            torch.eye(2, device=cpu), torch.rand(2, device=cpu), torch.randn(2, device=cpu),
            torch.randint(3, (2,), device=cpu), torch.arange(3, device=cpu), torch.linspace(0, 1, 3, device=cpu),
            torch.zeros_like(x, device=cpu), torch.ones_like(x, device=cpu), torch.empty_like(x, device=cpu),
            torch.full_like(x, 2, device=cpu), torch.rand_like(x, device=cpu), torch.randn_like(x, device=cpu),
            x.new_zeros(2, device=cpu), x.new_ones(2, device=cpu), x.new_empty(2, device=cpu),
            x.new_full((2,), 1, device=cpu), x.new_tensor([1], device=cpu)]
    assert all(t.device == cpu for t in made)
    for make in (lambda: torch.ones(2, device="cuda"), lambda: torch.zeros_like(x, device="cuda"),
                 lambda: torch.arange(3, device="cuda:0"), lambda: x.new_zeros(2, device="cuda")):
        with pytest.raises(AssertionError):
            make()


def test_the_tutorial_creation_lines():
    """"Learning PyTorch with Examples": device = torch.device("cpu"); dtype = torch.float; ..."""
    device, dtype = torch.device("cpu"), torch.float
    x = torch.linspace(-math.pi, math.pi, 2000, device=device, dtype=dtype)
    a = torch.randn((), device=device, dtype=dtype, requires_grad=True)
    assert x.shape == (2000,) and x.dtype == torch.float32 and a.shape == () and a.requires_grad


# ------------------------------------------------------------------------ argument checks
@pytest.mark.parametrize("call,expected", [
    (lambda: torch.ones(2, requires_grad="yes"), "ones(): argument 'requires_grad' must be bool, not str"),
    (lambda: torch.ones(2, dtype="float32"), "ones(): argument 'dtype' must be torch.dtype, not str"),
    (lambda: torch.ones(2, dtype=np.float32), "ones(): argument 'dtype' must be torch.dtype, not type"),
    (lambda: torch.tensor([1.], requires_grad=None), "tensor(): argument 'requires_grad' must be bool, not NoneType"),
    (lambda: torch.rand(2, dtype="float32"), "rand() received an invalid combination of arguments - got (int, "
                                             "dtype=str), but expected one of:"),
    (lambda: torch.rand(2, 3, dtype="x", requires_grad="y"), "rand() received an invalid combination of "
                                                             "arguments - got (int, int, requires_grad=str, "
                                                             "dtype=str), but expected one of:"),
    (lambda: torch.rand(2, device="cpu", dtype="x", requires_grad=False), "rand() received an invalid combination "
     "of arguments - got (int, dtype=str, requires_grad=bool, device=str), but expected one of:"),
    (lambda: torch.ones(2, foo=1), "ones() got an unexpected keyword argument 'foo'"),
    (lambda: torch.ones(2, size=3), "ones() got multiple values for argument 'size'"),
    (lambda: torch.ones((2, 3), 4), "ones() takes 1 positional argument but 2 were given"),
    (lambda: torch.ones(), 'ones() missing 1 required positional arguments: "size"'),
    (lambda: torch.full(), 'full() missing 2 required positional argument: "size", "fill_value"'),
    (lambda: torch.ones(2, "a"), "ones(): argument 'size' failed to unpack the object at pos 2 with error "
                                 '"type must be tuple of ints,but got str"'),
    (lambda: torch.ones([2.5, 3]), "ones(): argument 'size' (position 1) must be tuple of ints, but found element "
                                   "of type float at pos 0"),
    (lambda: torch.ones(2.5), "ones(): argument 'size' (position 1) must be tuple of ints, not float"),
    (lambda: torch.arange(3, step=2), "arange() received an invalid combination of arguments - got (int, "
                                      "step=int), but expected one of:"),
    (lambda: torch.arange(1, 2, 3, 4), "arange() received an invalid combination of arguments - got (int, int, "
                                       "int, int), but expected one of:"),
    (lambda: torch.arange(*range(9)), "arange() takes from 2 to 3 positional arguments but 9 were given"),
    (lambda: torch.linspace(0, 1, 3.5), "linspace() received an invalid combination of arguments - got (int, int, "
                                        "float), but expected one of:"),
    (lambda: torch.eye(2.5), "eye(): argument 'n' (position 1) must be int, not float"),
    (lambda: torch.randint(5.5, (2,)), "randint(): argument 'high' (position 1) must be int, not float"),
    (lambda: torch.ones_like([1, 2]), "ones_like(): argument 'input' (position 1) must be Tensor, not list"),
    (lambda: torch.tensor([1.], out=torch.ones(1)), "tensor() got an unexpected keyword argument 'out'"),
])
def test_argument_errors(call, expected):
    kind, first, rest = message(call)
    assert (kind, first) == ("TypeError", expected)
    assert_korean_line(rest)


def test_keyword_order_follows_the_cpp_hash_map():
    # measured with torch 2.13: device and requires_grad share a bucket
    assert arguments._cpp_map_order(dict.fromkeys(["device", "dtype", "requires_grad"])) == [
        "dtype", "requires_grad", "device"]
    assert arguments._cpp_map_order(dict.fromkeys(["requires_grad", "dtype", "device"])) == [
        "dtype", "device", "requires_grad"]
    assert arguments._cpp_map_order(dict.fromkeys(["dtype", "out"])) == ["out", "dtype"]


def test_accepted_arguments():
    assert torch.ones(2, 3).shape == torch.ones((2, 3)).shape == torch.ones([2, 3]).shape == (2, 3)
    assert torch.ones(torch.Size([2, 3])).shape == (2, 3) and torch.ones(()).shape == ()
    assert torch.ones(2, True).shape == (2, 1)                 # (PyTorch reads True as 1 after the first size)
    assert torch.ones(torch.tensor(2)).shape == (2,) and torch.ones(np.int64(2)).shape == (2,)
    assert torch.ones(2, requires_grad=None).requires_grad is False
    assert torch.ones(2, dtype=float).dtype == torch.float64 and torch.zeros(1, dtype=int).dtype == torch.int64
    assert torch.arange(end=3).tolist() == [0, 1, 2] and torch.arange(0, 3, step=2).tolist() == [0, 2]
    assert torch.linspace(start=0, end=1, steps=3).tolist() == [0, 0.5, 1]
    assert torch.full((2,), torch.tensor(3)).dtype == torch.int64 and torch.full((2,), True).dtype == torch.bool
    assert torch.eye(n=2).shape == (2, 2) and torch.zeros_like(input=torch.ones(2)).shape == (2,)


# ---------------------------------------------------------------- numbers that must fit
@pytest.mark.parametrize("call,expected", [
    (lambda: torch.tensor([2 ** 63]), ("ValueError", "Overflow when unpacking long long")),
    (lambda: torch.tensor([1, 2 ** 63]), ("ValueError", "Overflow when unpacking long long")),
    (lambda: torch.tensor([[1], [-2 ** 63 - 1]]), ("ValueError", "Overflow when unpacking long long")),
    (lambda: torch.tensor([2 ** 100]), ("ValueError", "Overflow when unpacking long long")),
    (lambda: torch.tensor([300], dtype=torch.uint8), ("RuntimeError", "value cannot be converted to type uint8 "
                                                                      "without overflow")),
    (lambda: torch.tensor([2 ** 31], dtype=torch.int32), ("RuntimeError", "value cannot be converted to type int32 "
                                                                          "without overflow")),
    (lambda: torch.tensor([float("nan")], dtype=torch.int64), ("RuntimeError", "value cannot be converted to type "
                                                                               "int64 without overflow")),
    (lambda: torch.full((2,), 2 ** 63), ("RuntimeError", "value cannot be converted to type int64_t without overflow")),
    (lambda: torch.full((2,), 2 ** 40, dtype=torch.int32), ("RuntimeError", "value cannot be converted to type int "
                                                                            "without overflow")),
    (lambda: torch.full((2,), 1e10, dtype=torch.float16), ("RuntimeError", "value cannot be converted to type "
                                                                           "c10::Half without overflow")),
    (lambda: torch.linspace(0, 1e300, 3), ("RuntimeError", "value cannot be converted to type float without overflow")),
    (lambda: torch.arange(0., float("inf")), ("RuntimeError", "unsupported range: 0 -> inf")),
    (lambda: torch.arange(0, 10, 0.5, dtype=torch.int64), ("ValueError", "step must be nonzero")),
    (lambda: torch.arange(0, 10, 0), ("RuntimeError", "step must be nonzero")),
    (lambda: torch.rand(2, dtype=torch.int64), ("NotImplementedError", "\"check_uniform_bounds\" not implemented "
                                                                       "for 'Long'")),
    (lambda: torch.linspace(0, 1, 3, dtype=torch.bool), ("NotImplementedError", "\"linspace_cpu\" not implemented "
                                                                                 "for 'Bool'")),
    (lambda: torch.ones(2, pin_memory=True), ("RuntimeError", "pin_memory=True requires a CUDA or other accelerator "
                                              "backend; no pinned memory allocator is available on this system.")),
])
def test_values_that_do_not_fit(call, expected):
    kind, first, rest = message(call)
    assert (kind, first) == expected
    assert_korean_line(rest)


def test_values_that_fit():
    assert torch.tensor([-2 ** 63]).tolist() == [-2 ** 63]
    assert torch.tensor([1.5, 2 ** 63]).dtype == torch.float32
    assert torch.tensor([2 ** 70], dtype=torch.float64).item() == 2.0 ** 70
    assert torch.tensor([-1, -255], dtype=torch.uint8).tolist() == [255, 1]       # (negative integers wrap)
    assert torch.tensor([1.7, -1.7], dtype=torch.int64).tolist() == [1, -1]
    assert torch.tensor([0.5, 0], dtype=torch.bool).tolist() == [True, False]
    assert torch.Tensor([2 ** 63]).item() == 2.0 ** 63 and torch.ones(2).new_tensor([2 ** 63]).item() == 2.0 ** 63
    assert torch.full((2,), -1, dtype=torch.uint8).tolist() == [255, 255]
    assert torch.linspace(-1, 1, 5, dtype=torch.uint8).tolist() == [255, 191, 128, 64, 1]


# ----------------------------------------------------------------------------------- out=
def test_out_is_written_and_returned():
    t = torch.empty(3)
    version = t._version
    r = torch.zeros(3, out=t)
    assert r is t and t.tolist() == [0, 0, 0] and t._version > version
    assert torch.ones(2, 2, out=t) is t and t.shape == (2, 2)                        # resized
    t = torch.empty(3, dtype=torch.int64)
    assert torch.full((3,), 2.5, out=t).tolist() == [2, 2, 2] and torch.arange(3, out=t).dtype == torch.int64
    base = torch.ones(2, 3)
    torch.zeros(3, out=base[0])                                                        # a view writes its base
    assert base.tolist() == [[0, 0, 0], [1, 1, 1]]
    t = torch.empty(3)
    assert torch.zeros(3, out=t, requires_grad=True).requires_grad


def test_out_checks():
    t = torch.empty(3, requires_grad=True)
    kind, first, _ = message(lambda: torch.zeros(3, out=t))
    assert (kind, first) == ("RuntimeError", "aten::zeros(): functions with out=... arguments don't support "
                                             "automatic differentiation, but one of the arguments requires grad.")
    with torch.no_grad():
        torch.zeros(3, out=t)
    assert t.requires_grad is False                    # (PyTorch sets requires_grad=False, the default)
    kind, first, _ = message(lambda: torch.ones(3, out=torch.empty(3), dtype=torch.float64))
    assert first == "dtype Double does not match dtype of out parameter (Float)"
    kind, first, _ = message(lambda: torch.ones(3, out=torch.empty(3), device="cuda"))
    assert first == "device type cuda does not match device type of out parameter (cpu)"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.arange(3, out=torch.empty(5))
    assert str(caught[0].message).startswith("The number of elements in the out tensor of shape [5] is 5 which "
                                             "does not match the computed number of elements 3.")


def test_out_of_operations():
    a = torch.tensor([1., 2., 3.])
    t = torch.empty(3)
    assert torch.add(a, a, out=t) is t and t.tolist() == [2, 4, 6]
    assert torch.exp(torch.zeros(3), out=t).tolist() == [1, 1, 1]
    assert torch.sum(torch.ones(2, 3), 1, out=torch.empty(2)).tolist() == [3, 3]
    assert torch.matmul(torch.ones(2, 3), torch.ones(3, 2), out=torch.empty(2, 2)).tolist() == [[3, 3], [3, 3]]
    i = torch.empty(3, dtype=torch.int64)
    assert torch.add(torch.ones(3, dtype=torch.int64), 1, out=torch.empty(3)).dtype == torch.float32
    kind, first, rest = message(lambda: torch.exp(a, out=i))
    assert (kind, first) == ("RuntimeError", "result type Float can't be cast to the desired output type Long")
    assert_korean_line(rest)
    kind, first, _ = message(lambda: torch.mm(torch.ones(2, 2), torch.ones(2, 2),
                                             out=torch.empty(2, 2, dtype=torch.int64)))
    assert first == "Expected out tensor to have dtype float, but got long int instead"
    kind, first, _ = message(lambda: torch.mul(torch.ones(3, requires_grad=True), 2, out=t))
    assert first == ("mul(): functions with out=... arguments don't support automatic differentiation, "
                     "but one of the arguments requires grad.")
    with torch.no_grad():
        assert torch.mul(torch.ones(3, requires_grad=True), 2, out=t).tolist() == [2, 2, 2]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.exp(a, out=torch.empty(2))
        torch.exp(a, out=torch.empty(0))
    assert len(caught) == 1 and str(caught[0].message).startswith(
        "An output with one or more elements was resized since it had shape [2], which does not match "
        "the required output shape [3].")


def test_numpy_keyword_names():
    x = torch.tensor([[1., 5., 2.], [7., 0., 3.]])
    assert x.sum(axis=0).tolist() == [8, 5, 5] and x.sum(0, keepdims=True).shape == (1, 3)
    assert torch.sum(x, axis=1, keepdims=True).shape == (2, 1) and x.mean(axis=1).shape == (2,)
    assert x.argmax(axis=1).tolist() == [1, 0] and torch.argmax(x, axis=0).tolist() == [1, 0, 1]
    assert x.max(axis=0).values.tolist() == [7, 5, 3] and x.argmin(axis=1).tolist() == [0, 1]
    assert torch.cat([x, x], axis=1).shape == (2, 6) and torch.stack([x, x], axis=0).shape == (2, 2, 3)
    assert torch.ones(1, 3).squeeze(axis=0).shape == (3,) and x.size(axis=1) == 3
    assert torch.exp(x=torch.zeros(1)).item() == 1 and torch.sum(a=x, axis=0).shape == (3,)
    kind, first, rest = message(lambda: x.sum(axis=0, keepdim=True, keepdims=False))
    assert (kind, first) == ("TypeError", "sum() got an unexpected keyword argument 'axis'")
    assert_korean_line(rest)
