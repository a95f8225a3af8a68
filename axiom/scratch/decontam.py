"""Decontamination: no corpus file may hold what Axiom evaluates on.

Protected items: every HumanEval task (prompt + canonical solution, and the solution alone),
every HumanEval-mini reference solution, and the reference solution of every registered problem
family. Each text is cut into 13-grams of word tokens (`axiom.scratch.dedup.words`: identifiers,
numbers and punctuation characters, so whitespace and layout do not hide a copy). A file's overlap
with an item is the share of the item's distinct 13-grams that also occur in the file; a file is
dropped when its overlap with any item reaches the threshold (default 0.5). The report keeps the
largest overlap left in the corpus, so "how clean" is a number, not a claim.

What is not covered: a paraphrase (renamed variables, reordered statements) of a solution, and
items shorter than 13 tokens (counted in the report as too short to check).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from axiom.problems.family import registered_families
from axiom.problems.humaneval import load_humaneval
from axiom.problems.humaneval_mini import load_humaneval_mini
from axiom.scratch.dedup import words


@dataclass(frozen=True)
class Item:
    id: str      # "humaneval/0", "humaneval/0:solution", "humaneval_mini/add", "family/rpn"
    text: str


def protected_items() -> list[Item]:
    """HumanEval, HumanEval-mini and every registered family's reference solution."""
    items = []
    for p in load_humaneval():
        items.append(Item(p.id, p.reference_solution))
        items.append(Item(f"{p.id}:solution", p.reference_solution[len(p.prompt):]))
    items += [Item(p.id, p.reference_solution) for p in load_humaneval_mini()]
    items += [Item(f"family/{name}", fam.reference_source) for name, fam in sorted(registered_families().items())]
    return items


def ngrams(tokens: list[str], n: int) -> set[int]:
    return {hash(tuple(tokens[i:i + n])) for i in range(len(tokens) - n + 1)}


class Contamination:
    """An index of the protected items' n-grams; `overlap(text)` finds the item a file overlaps most."""

    def __init__(self, items: list[Item], n: int = 13) -> None:
        self.n = n
        self.items: list[Item] = []
        self.sizes: list[int] = []
        self.too_short: list[str] = []
        self.index: dict[int, list[int]] = {}
        for item in items:
            grams = ngrams(words(item.text), n)
            if not grams:
                self.too_short.append(item.id)
                continue
            k = len(self.items)
            self.items.append(item)
            self.sizes.append(len(grams))
            for g in grams:
                self.index.setdefault(g, []).append(k)

    def overlap(self, tokens: list[str]) -> tuple[str | None, float]:
        """(id of the item with the largest overlap, that overlap in [0, 1]); (None, 0.0) when none overlaps."""
        hits: Counter[int] = Counter()
        for g in ngrams(tokens, self.n):
            for k in self.index.get(g, ()):
                hits[k] += 1
        if not hits:
            return None, 0.0
        k, share = max(((k, c / self.sizes[k]) for k, c in hits.items()), key=lambda kv: (kv[1], -kv[0]))
        return self.items[k].id, share

    def describe(self) -> dict:
        kinds = Counter(item.id.split("/")[0] for item in self.items)
        return {"ngram": self.n, "unit": "word tokens (identifiers, numbers, single punctuation characters; "
                                          "whitespace ignored)",
                "items": len(self.items), "items_by_source": dict(sorted(kinds.items())),
                "items_too_short": self.too_short}
