"""Random numbers as PyTorch's CPU generator makes them (PyTorch-exact detail, not a chapter).

``torch.manual_seed(0); torch.randn(3)`` prints PyTorch's numbers: the generator is PyTorch's
mt19937 (numpy's MT19937 seeded the same way), and each distribution turns its 32-bit draws into
numbers in PyTorch's order (aten's DistributionsHelper.h, TransformationHelper.h and
cpu/DistributionTemplates.h):

- uniform floats: 24 random bits of one draw, × 2⁻²⁴ (doubles: 53 bits of two draws, × 2⁻⁵³);
- normal, fewer than 16 numbers: Box-Muller in double precision, one pair of uniform doubles gives
  two numbers (the second kept for the next call, as PyTorch's generator keeps it);
- normal, 16 or more: all uniforms first, then Box-Muller on each block of 16 (the numbers i and
  i + 8 of a block are a pair); when the count is not a multiple of 16, the last 16 are drawn
  again and transformed again;
- integers in [low, high): one draw modulo (high - low), plus low.

float32 log, sin and cos are computed in float64 and rounded once (as numerics.rounded does).
PyTorch's vector kernels differ from that in the last bit for some numbers: measured against torch
2.13 here, randn of 16 or more float32 numbers is bit-exact for 84% of them, the others one ulp off
(at most 2.4e-7); fewer than 16 numbers, rand, randint and randperm are bit-exact.
"""
import math

import numpy as np


class Generator:
    """``torch.Generator()``: PyTorch's mt19937 with its seed and the kept normal number."""

    def __init__(self, device="cpu"):
        self.manual_seed(67280421310721)                # PyTorch's default seed

    def manual_seed(self, seed):
        seed = int(seed)
        self._seed = seed & 0xFFFF_FFFF_FFFF_FFFF
        self._bits = np.random.MT19937(0)
        self._bits._legacy_seeding(seed & 0xFFFF_FFFF)      # (mt19937 keeps 32 bits of the seed)
        self._next_normal = None
        return self

    def initial_seed(self):
        return self._seed

    def seed(self):
        return self.manual_seed(int.from_bytes(np.random.bytes(8), "little") >> 1)._seed

    def get_state(self):
        return (self._seed, self._bits.state, self._next_normal)

    def set_state(self, state):
        self._seed, bits_state, self._next_normal = state
        self._bits.state = bits_state
        return self

    def __repr__(self):
        return f"<torch._C.Generator object at {id(self):#x}>"

    # ------------------------------------------------------------------- PyTorch's raw draws
    def random(self, n):
        """n 32-bit draws."""
        return self._bits.random_raw(n).astype(np.uint64)

    def random64(self, n):
        """n 64-bit numbers, each from two draws (the first is the high half)."""
        draws = self.random(2 * n).reshape(n, 2)
        return (draws[:, 0] << np.uint64(32)) | draws[:, 1]

    def uniform(self, n, np_dtype, low=0.0, high=1.0):
        """n uniform numbers in [low, high) of the given float dtype."""
        if np_dtype == np.float64:
            x = (self.random64(n) & np.uint64(2**53 - 1)).astype(np.float64) * 2.0**-53
        else:
            x = (self.random(n) & np.uint64(2**24 - 1)).astype(np.float64) * 2.0**-24
        return (x * (high - low) + low).astype(np_dtype)

    def normal(self, n, np_dtype, mean=0.0, std=1.0):
        if n >= 16:
            return _normal_fill(self, n, np_dtype, mean, std)
        out = np.empty(n, dtype=np.float64)
        for i in range(n):                        # (numel < 16: one double at a time)
            out[i] = self._one_normal() * std + mean
        return out.astype(np_dtype)

    def _one_normal(self):
        if self._next_normal is not None:
            value, self._next_normal = self._next_normal, None
            return value
        u1, u2 = self.uniform(2, np.float64)
        r = math.sqrt(-2.0 * math.log1p(-u2))
        theta = 2.0 * math.pi * u1
        self._next_normal = r * math.sin(theta)
        return r * math.cos(theta)

    def integers(self, n, low, high):
        span = high - low
        draws = self.random64(n) if span >= 2**32 else self.random(n)
        return (draws % np.uint64(span)).astype(np.int64) + low


def _normal_fill(gen, n, np_dtype, mean, std):
    data = gen.uniform(n, np_dtype)
    for i in range(0, n - 15, 16):
        data[i:i + 16] = _box_muller_16(data[i:i + 16], mean, std)
    if n % 16:
        data[n - 16:] = _box_muller_16(gen.uniform(16, np_dtype), mean, std)
    return data


def _box_muller_16(u, mean, std):
    """Numbers j and j + 8 of 16 uniforms become two normal numbers (in their own precision)."""
    t = u.dtype.type
    u1, u2 = t(1) - u[:8], u[8:]
    radius = np.sqrt(t(-2) * _rounded(np.log, u1))
    theta = t(2 * math.pi) * u2
    return np.concatenate([radius * _rounded(np.cos, theta) * t(std) + t(mean),
                           radius * _rounded(np.sin, theta) * t(std) + t(mean)])


def _rounded(np_func, x):
    """float32: computed in float64, rounded once (numerics.rounded; this module imports nothing of
    minigrad, so that the argument parser can know a Generator)."""
    return np_func(x, dtype=np.float64).astype(x.dtype) if x.dtype == np.float32 else np_func(x)


default_generator = Generator()


def manual_seed(seed):
    """``torch.manual_seed(seed)``: restart the default generator; returns it."""
    return default_generator.manual_seed(seed)


def initial_seed():
    return default_generator.initial_seed()


def seed():
    return default_generator.seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(state):
    default_generator.set_state(state)


def randperm_numbers(n, gen):
    """PyTorch's CPU randperm: a Fisher-Yates shuffle of 0..n-1, one draw modulo n - i per step."""
    r = np.arange(n, dtype=np.int64)
    draws = gen.random(max(n - 1, 0))
    for i in range(n - 1):
        z = int(draws[i] % np.uint64(n - i))
        r[i], r[z + i] = r[z + i], r[i]
    return r
