"""Near-duplicate detection for syndicated copies: MinHash over word shingles, LSH banding.

Deterministic: fixed permutations and a fixed hash, so a signature stored today matches one
computed next year. 64 values in 16 bands of 4 put the LSH threshold near Jaccard 0.5.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import numpy as np

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.5  # estimated Jaccard of 5-word shingles; a syndicated copy with a new intro stays above
# Multiply-shift hashing: (a*x + b) mod 2^64, top 32 bits, with odd 64-bit a (uint64 wraps).
_rng = np.random.RandomState(20240311)
_A = (_rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64)


def signature(text: str) -> list[int]:
    """64 MinHash values (32-bit) of the text's 5-word shingles."""
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
                       for s in shingles], dtype=np.uint64)
    with np.errstate(over="ignore"):
        values = (np.outer(hashes, _A) + _B) >> np.uint64(32)
    return [int(v) for v in values.min(axis=0)]


def similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_PERM


class NearDuplicateIndex:
    """First copies of stories by URL; ``find`` names the first copy a new text duplicates."""

    def __init__(self):
        self._buckets: dict[tuple, list[str]] = defaultdict(list)
        self._signatures: dict[str, list[int]] = {}

    @staticmethod
    def _bands(values: list[int]):
        for band in range(BANDS):
            yield (band, *values[band * ROWS:(band + 1) * ROWS])

    def add(self, url: str, values: list[int]) -> None:
        if url in self._signatures:
            return
        self._signatures[url] = list(values)
        for key in self._bands(values):
            self._buckets[key].append(url)

    def find(self, values: list[int]) -> str | None:
        candidates = {url for key in self._bands(values) for url in self._buckets.get(key, ())}
        best, best_sim = None, THRESHOLD
        for url in sorted(candidates):
            sim = similarity(values, self._signatures[url])
            if sim >= best_sim:
                best, best_sim = url, sim
        return best

    def __len__(self) -> int:
        return len(self._signatures)
