"""One problem-set spec (the `problems` config section) and its one draw.

The loop, `axiom eval`, `axiom generate`, `axiom distill`, `axiom problems sample` and GRPO all
name their problems with this section and get them from `ProblemSpec.draw`, so a spec and seed
give the same val and test problems everywhere, and training problems drawn by any of them
never share an input with those held-out problems (see `axiom.problems.splits`).

What is not covered: `draw` takes the levels whose training problems are drawn. The loop passes
every level its curriculum can reach (`IterateConfig.draw_problems`), which may in principle
change a held-out problem whose inputs a reached level's discarded held-out draw took first; so
commands that read a loop config draw through `IterateConfig.draw_problems`, not `draw()` alone.

Held-out families (`heldout_families`) get val and test problems and no training problems: they
measure transfer to kinds of problem the model never trained on, not only to unseen instances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from axiom.config import option
from axiom.errors import AxiomError, ConfigError, ProblemFormatError
from axiom.problems.record import Problem, load_problems
from axiom.problems.splits import build_splits
from axiom.problems.suites import SUITES, parse_difficulties, resolve_families

SPLITS = ("train", "val", "test")


@dataclass
class ProblemSpec:
    suite: str = option("v2", f"named family set: {', '.join(SUITES)} (ignored when `families` is given)")
    families: list[str] = option([], "families to use, overriding the suite, e.g. [rpn, fizzbuzz]")
    train_difficulties: str = option("1-3", "levels of the training problems ('1-3', '1,3,5'); the loop's "
                                            "curriculum moves them and draws every level it can reach")
    eval_difficulties: str = option("1,3,5,7,10", "levels of the val and test problems")
    train_per_cell: int = option(4, "training problems per (family, level)")
    val_per_cell: int = option(5, "validation problems per (family, level)")
    test_per_cell: int = option(5, "test problems per (family, level)")
    tests: int = option(5, "hidden tests per problem")
    seed: int = option(42, "problem seed (val and test are drawn first; no training problem shares an input "
                           "with them)")
    heldout_families: list[str] = option([], "families that are evaluated (val, test) but never trained on, "
                                             "reported apart to show transfer to unseen kinds of problem, e.g. "
                                             "[rpn, two_sum]; each one of the families above")
    from_dir: str = option("", "take the problems from this folder's train.jsonl, val.jsonl and test.jsonl (a run "
                               "directory's problems/) instead of drawing them: a new recipe on exactly an earlier "
                               "run's problems. The per-cell counts, tests and seed are then the files'; families "
                               "and levels still choose among them")

    def __post_init__(self) -> None:
        for name, least in (("train_per_cell", 1), ("val_per_cell", 0), ("test_per_cell", 0), ("tests", 1)):
            if getattr(self, name) < least:
                raise ConfigError(f"problems.{name} must be >= {least}, got {getattr(self, name)}")
        try:
            self.family_names()
        except ConfigError as e:
            raise ConfigError(f"problems.{'families' if self.families else 'suite'}: {e}") from None
        except AxiomError as e:  # an unknown family
            raise ConfigError(f"problems.families: {e}") from None
        for name in ("train_difficulties", "eval_difficulties"):
            try:
                parse_difficulties(getattr(self, name))
            except ConfigError as e:
                raise ConfigError(f"problems.{name}: {e}") from None
        self._check_heldout()

    def _check_heldout(self) -> None:
        families, held = self.family_names(), self.heldout_families
        for name in held:
            if name not in families:
                raise ConfigError(f"problems.heldout_families: {name!r} is not one of this spec's families; "
                                  f"allowed: {', '.join(families)}")
        if len(set(held)) != len(held):
            raise ConfigError(f"problems.heldout_families: a family is listed twice in {held}")
        if set(held) >= set(families):
            raise ConfigError(f"problems.heldout_families holds every family ({', '.join(families)}); at least one "
                              "must stay trained")

    def family_names(self) -> list[str]:
        return resolve_families(self.suite, self.families or None)

    def trained_families(self) -> list[str]:
        """The families that get training problems: all but `heldout_families`, in order."""
        return [f for f in self.family_names() if f not in self.heldout_families]

    def train_levels(self) -> list[int]:
        return parse_difficulties(self.train_difficulties)

    def eval_levels(self) -> list[int]:
        return parse_difficulties(self.eval_difficulties)

    def draw(self, train_levels: Sequence[int] | None = None) -> dict[str, list[Problem]]:
        """{"train", "val", "test": problems}: val and test at `eval_difficulties`, train at `train_levels`
        (default `train_difficulties`).

        One `build_splits` call over all those levels, so each input belongs to one split only and the
        held-out splits are drawn first (their problems do not depend on the training sizes).

        `heldout_families` get no training problems: a second call draws only their val and test. Those
        are the problems they would have as trained families, because `build_splits` draws each family
        on its own, test and val before train; and the other families' problems do not change either.
        With no held-out family this is the one call it always was, byte for byte.
        """
        train = sorted(set(train_levels)) if train_levels is not None else self.train_levels()
        evaluated = self.eval_levels()
        if self.from_dir:
            return self._chosen(self._load(), train, evaluated)
        levels = sorted(set(train) | set(evaluated))
        sizes = {"test": self.test_per_cell, "val": self.val_per_cell, "train": self.train_per_cell}
        families = self.family_names()
        splits = build_splits(self.trained_families(), levels, sizes, self.seed, n_tests=self.tests)
        if self.heldout_families:
            unseen = build_splits(self.heldout_families, levels, {"test": sizes["test"], "val": sizes["val"]},
                                  self.seed, n_tests=self.tests)
            rank = {f: i for i, f in enumerate(families)}  # the families' order, as one call would give it
            for split in ("val", "test"):
                splits[split] = sorted(splits[split] + unseen[split], key=lambda p: rank[p.family])
        return self._chosen(splits, train, evaluated)

    def _chosen(self, splits: dict[str, list[Problem]], train: Sequence[int], evaluated: Sequence[int]
                ) -> dict[str, list[Problem]]:
        trained = set(self.trained_families())
        return {"train": [p for p in splits["train"] if p.difficulty in train and p.family in trained],
                "val": [p for p in splits["val"] if p.difficulty in evaluated],
                "test": [p for p in splits["test"] if p.difficulty in evaluated]}

    def _load(self) -> dict[str, list[Problem]]:
        """`from_dir`'s three splits, left to this spec's families; each of those must have held-out problems."""
        folder, families = Path(self.from_dir), self.family_names()
        splits = {}
        for split in SPLITS:
            try:
                problems = load_problems(folder / f"{split}.jsonl")
            except ProblemFormatError as e:
                raise ConfigError(f"problems.from_dir: {e}") from None
            splits[split] = [p for p in problems if p.family in families]
            missing = [f for f in families if not any(p.family == f for p in splits[split])]
            if missing and split != "train":
                raise ConfigError(f"problems.from_dir: {folder / f'{split}.jsonl'} has no problems of "
                                  f"{', '.join(missing)}; leave them out of problems.families / suite")
        return splits
