"""Independent reference values for the seeds built on MurmurHash3's fmix32 (internal/fmix32.ts).

Run: /usr/bin/python3 internal/scripts/make-seed-values.py

Prints, from Python's unbounded integers rather than JavaScript's 32-bit arithmetic:
- taskSeed(seed, key) of @snn/sweep (packages/sweep/src/grid/task-seed.ts): FNV-1a over the
  UTF-16 code units of f"{seed}:{key}", then fmix32, then mod 2^31 - 1;
- epochPermutation(n, seed, epoch) of @snn/runtime (packages/runtime/src/train/epoch-permutation.ts):
  fmix32 chained over the seed's two 32-bit halves and (epoch + 1) * 0x85ebca6b, splitmix32 from
  that state, Fisher-Yates from the last position down with rejection sampling.
The tests pin these values, so that moving fmix32 to one home cannot change a seed or a batch order.
"""

import math

M = 0xFFFFFFFF


def fmix32(h):
    h &= M
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M
    h ^= h >> 16
    return h


def task_seed(seed, key):
    h = 0x811C9DC5
    text = f"{seed}:{key}"
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & M
    return fmix32(h) % 0x7FFFFFFF


def hash_seed_epoch(seed, epoch):
    integer = math.trunc(seed)
    low = integer % 2**32
    high = (integer // 2**32) % 2**32
    h = fmix32(low ^ 0x9E3779B9)
    h = fmix32(h ^ high)
    return fmix32(h ^ (((epoch + 1) * 0x85EBCA6B) & M))


def splitmix32(state):
    s = state & M

    def draw():
        nonlocal s
        s = (s + 0x9E3779B9) & M
        z = s
        z = ((z ^ (z >> 16)) * 0x21F0AAAD) & M
        z = ((z ^ (z >> 15)) * 0x735A2D97) & M
        return z ^ (z >> 15)

    return draw


def epoch_permutation(n, seed, epoch):
    draw = splitmix32(hash_seed_epoch(seed, epoch))
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        size = i + 1
        limit = 2**32 - (2**32 % size)
        d = draw()
        while d >= limit:
            d = draw()
        j = d % size
        order[i], order[j] = order[j], order[i]
    return order


if __name__ == "__main__":
    for seed, key in [
        (1, "a"),
        (1, "iris/fold1/snn/depth=2/width=16"),
        (3, "tox21/validation"),
        (12345, "iris/fold1/validation"),
    ]:
        print(f"taskSeed({seed}, {key!r}) = {task_seed(seed, key)}")
    for n, seed, epoch in [(10, 42, 0), (10, 42, 3), (8, 2**32 + 5, 1), (12, 0, 99)]:
        print(f"epochPermutation({n}, {seed}, {epoch}) = {epoch_permutation(n, seed, epoch)}")
