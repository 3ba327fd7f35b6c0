"""``linspace`` and ``arange`` computed the way PyTorch's CPU kernels compute them (chapter 01).

Both are simple formulas, but the last bit of each element depends on the order of the floating
point operations, and the course promises PyTorch's digits. PyTorch 2.13's kernels
(aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp) do this:

- linspace: ``step = (end - start) / (steps - 1)`` in the result's type (double for integer
  results), then element i is ``start + step * i`` for the first half and
  ``end - step * (steps - i - 1)`` for the second half, one element at a time.
- arange: ``start + step * i`` in the "accumulate" type (double for float32 and float64, float for
  float16, int64 for integers). Full blocks of 2 x V elements (V elements fill one vector register)
  are made V at a time: the block's first value is computed as above and rounded to the result type,
  then ``first + k * step`` for k = 0 .. V-1. The remaining elements are computed one by one.

The C++ compiler fuses ``a + b * c`` into one fused multiply-add (one rounding instead of two) when
the kernels are built for AVX2, AVX512 or ARM; numpy has no fused multiply-add, so :func:`fma`
emulates it exactly with error-free transformations. Which kernel PyTorch would run here is decided
in minigrad/devices.py (``cpu_capability``).
"""
import numpy as np

from . import devices

GRAIN_SIZE = 32768          # at::internal::GRAIN_SIZE: below it a kernel runs in one piece


# ----------------------------------------------------------------- exact fused multiply-add
def _two_sum(a, b):
    """s + err == a + b exactly, s = fl(a + b) (Knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _split(a):
    c = 134217729.0 * a                  # 2**27 + 1 (Veltkamp)
    hi = c - (c - a)
    return hi, a - hi


def _two_product(a, b):
    """p + err == a * b exactly, p = fl(a * b) (Dekker)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _add_round_to_odd(a, b):
    """a + b in float64 rounded "to odd": when inexact, the neighbour whose last bit is 1."""
    s, err = _two_sum(a, b)
    fix = (err != 0) & ((s.view(np.int64) & 1) == 0) & np.isfinite(s)
    return np.where(fix, np.nextafter(s, np.where(err > 0, np.inf, -np.inf)), s)


def fma(a, b, c, np_dtype):
    """``a * b + c`` rounded once to `np_dtype` (float32 or float64), elementwise.

    float32: the product is exact in float64, and a float64 sum rounded to odd rounds correctly
    to float32. float64: Boldo and Melquiond's emulation (IEEE Trans. Computers 57(4), 2008):
    the exact product as two doubles, its sum with c as two doubles, the low parts added with
    rounding to odd, then one rounding to nearest.
    """
    a, b, c = (np.asarray(x, dtype=np.float64) for x in (a, b, c))
    with np.errstate(all="ignore"):
        if np.dtype(np_dtype) == np.float32:
            result = _add_round_to_odd(a * b, c)
        else:
            uh, ul = _two_product(a, b)
            th, tl = _two_sum(c, uh)
            result = th + _add_round_to_odd(tl, ul)
        plain = a * b + c
        result = np.where(np.isfinite(result) & np.isfinite(plain), result, plain)
    return result.astype(np_dtype)


def _multiply_add(a, b, c, np_dtype, fused):
    """``c + a * b`` in `np_dtype` as the kernel computes it: fused, or rounded after each step."""
    if fused and np_dtype != np.float16:
        return fma(a, b, c, np_dtype)
    t = np_dtype.type
    with np.errstate(all="ignore"):
        product = (np.asarray(a, np_dtype) * np.asarray(b, np_dtype)).astype(np_dtype)
        return (t(c) + product).astype(np_dtype)


# -------------------------------------------------------------------------------- linspace
def linspace(steps, np_dtype, start_value, end_value):
    """`steps` values from start to end as PyTorch's CPU kernel makes them (steps >= 2).

    `start_value` and `end_value` are start and end already converted to the result type (for an
    integer result, truncated toward zero), as the kernel converts them first.
    """
    capability = devices.cpu_capability()
    fused = devices.fused_multiply_add(capability)
    i = np.arange(steps, dtype=np.int64)
    first = i < steps // 2
    if np_dtype.kind == "f":
        acc = np_dtype
        s, e = np_dtype.type(start_value), np_dtype.type(end_value)
        with np.errstate(all="ignore"):
            step = np_dtype.type(e - s) / np_dtype.type(steps - 1)
    else:                                  # integers: the step is a double
        acc = np.dtype(np.float64)
        s, e = float(start_value), float(end_value)
        step = (e - s) / (steps - 1)
    lo = _multiply_add(step, i.astype(acc), s, acc, fused)
    hi = _multiply_add(-step, (steps - 1 - i).astype(acc), e, acc, fused)
    return _store(np.where(first, lo, hi), np_dtype)


def _store(values, np_dtype):
    """The kernel's values in the result type, converted as C++ does (integers truncate, wrap)."""
    if np_dtype.kind == "f":
        return values.astype(np_dtype)
    with np.errstate(all="ignore"):
        return np.trunc(values).astype(np.int64).astype(np_dtype)


# ---------------------------------------------------------------------------------- arange
def accumulate_dtype(np_dtype):
    """at::acc_type on the CPU: double for float32/64, float for float16, int64 for integers."""
    if np_dtype.kind == "f":
        return np.dtype(np.float32 if np_dtype == np.float16 else np.float64)
    return np.dtype(np.int64)


def arange(start, step, size, np_dtype):
    """`size` values start, start + step, ... as PyTorch's CPU kernel makes them.

    `start` and `step` are already converted to the accumulate type (accumulate_dtype)."""
    acc = accumulate_dtype(np_dtype)
    if acc.kind == "i":                                    # exact, wrapping like C++ integers
        with np.errstate(all="ignore"):
            values = np.int64(start) + np.int64(step) * np.arange(size, dtype=np.int64)
            return values.astype(np_dtype)
    capability = devices.cpu_capability()
    fused = devices.fused_multiply_add(capability)
    width = devices.vector_bytes(capability) // np_dtype.itemsize
    out = np.empty(size, dtype=np_dtype)
    with np.errstate(over="ignore"):           # (a double beyond float32 becomes inf, as in C++)
        for begin, end in _parallel_chunks(size):
            _arange_chunk(out, begin, end, start, step, acc, width, fused)
    return out


def _arange_chunk(out, begin, end, start, step, acc, width, fused):
    """One thread's piece [begin, end) of arange: vector blocks of 2 x width, then one by one."""
    np_dtype = out.dtype
    n = end - begin
    blocks = n // (2 * width) * 2 * width              # elements made a vector at a time
    # the first value of each vector, rounded to the result type, then first + k * step
    heads = begin + np.arange(0, blocks, width, dtype=np.int64)
    first = _multiply_add(step, heads.astype(acc), start, acc, fused).astype(np_dtype)
    k = np.arange(width, dtype=np.int64).astype(acc)
    vectors = _multiply_add(k[None, :], step, first.astype(acc)[:, None], acc, fused)
    out[begin:begin + blocks] = vectors.astype(np_dtype).reshape(-1)
    rest = np.arange(begin + blocks, end, dtype=np.int64)
    tail = _multiply_add(step, rest.astype(acc), start, acc, fused)
    out[begin + blocks:end] = tail.astype(np_dtype)


def _parallel_chunks(size):
    """The pieces at::parallel_for gives to its threads (OpenMP): one piece below GRAIN_SIZE."""
    threads = min(devices.intra_op_threads(), -(-size // GRAIN_SIZE)) if size > GRAIN_SIZE else 1
    chunk = -(-size // threads) if size else 0
    return [(b, min(size, b + chunk)) for b in range(0, size, chunk)] if size else []
