"""Duplicate removal: exact (a hash of normalised text) and near (MinHash LSH from `datasketch`).

Exact: two files are the same when their text is, up to line endings, trailing whitespace and
blank lines. Near: the Jaccard similarity of the files' sets of 5-grams of words (`words`) is
estimated with 128-permutation MinHash, candidates come from datasketch's LSH index, and a file
whose estimated similarity to a kept one reaches the threshold (default 0.8) is dropped. The first
file seen is the one kept.
"""

from __future__ import annotations

import hashlib
import re

WORD = re.compile(r"\w+|[^\w\s]")  # identifiers, numbers and single punctuation characters


def words(text: str) -> list[str]:
    """The word tokens that near-duplicate and contamination checks compare (whitespace does not count)."""
    return WORD.findall(text)


def normalise(text: str) -> str:
    """Text up to line endings, trailing whitespace and blank lines."""
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def exact_key(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


class NearDuplicates:
    """A MinHash LSH index of the files kept so far."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5) -> None:
        from datasketch import MinHashLSH

        self.threshold, self.num_perm, self.shingle = threshold, num_perm, shingle
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.sketches: dict[str, object] = {}

    def sketch(self, tokens: list[str]):
        from datasketch import MinHash

        k = self.shingle
        shingles = {" ".join(tokens[i:i + k]) for i in range(max(1, len(tokens) - k + 1))}
        m = MinHash(num_perm=self.num_perm, seed=1)
        m.update_batch([s.encode("utf-8") for s in shingles])
        return m

    def match(self, tokens: list[str]) -> tuple[str | None, float, object]:
        """(key of the most similar kept file at or above the threshold or None, its estimated similarity, sketch)."""
        m = self.sketch(tokens)
        best, score = None, 0.0
        for key in self.lsh.query(m):
            s = m.jaccard(self.sketches[key])
            if s >= self.threshold and s > score:
                best, score = key, s
        return best, score, m

    def add(self, key: str, sketch) -> None:
        self.lsh.insert(key, sketch)
        self.sketches[key] = sketch
