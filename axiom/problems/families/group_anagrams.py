"""Group words that are anagrams of each other, in a canonical order."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

# level: (fewest groups, most groups, shortest word, longest word, letters, repeated words?, near misses?)
_SPEC = {
    1: (2, 3, 3, 3, "abcdefghij", False, False),
    2: (2, 4, 3, 4, "abcdefghijklm", False, False),
    3: (2, 5, 3, 5, string.ascii_lowercase, False, False),
    4: (3, 6, 2, 5, string.ascii_lowercase, False, False),
    5: (3, 7, 2, 6, "abcdefgh", False, True),
    6: (3, 8, 2, 6, "abcdefgh", True, True),
    7: (4, 9, 2, 7, "abcdef", True, True),
    8: (4, 10, 1, 8, "abcdef", True, True),
    9: (5, 11, 1, 9, "abcde", True, True),
    10: (5, 12, 1, 10, "abcde", True, True),
}


def _shuffled(rng: random.Random, word: str) -> str:
    letters = list(word)
    rng.shuffle(letters)
    return "".join(letters)


def _near_miss(rng: random.Random, word: str) -> str:
    """The same set of letters in other amounts ("aab" -> "abb"), when the word has two different letters."""
    letters = list(word)
    if len(set(letters)) < 2:
        return word + word[0]
    i = rng.randrange(len(letters))
    letters[i] = rng.choice([c for c in sorted(set(letters)) if c != letters[i]])  # sorted: no hash order
    return "".join(letters)


def _words(rng: random.Random, difficulty: int) -> list[str]:
    fewest, most, short, long, letters, repeats, near = _SPEC[difficulty]
    words = []
    for _ in range(rng.randint(fewest, most)):
        base = "".join(rng.choices(letters, k=rng.randint(short, long)))
        words += [_shuffled(rng, base) for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))]
        if near and rng.random() < 0.4:
            words.append(_near_miss(rng, base))
    if not repeats:  # a shuffle can give a word back: keep each word once
        words = list(dict.fromkeys(words))
    elif rng.random() < 0.5:  # the same word twice: it appears twice in its group
        words.append(rng.choice(words))
    return _order(rng, words, difficulty)


def _order(rng: random.Random, words: list[str], difficulty: int) -> list[str]:
    """Levels 1-2 list the words in ascending order, so that groups collected in order of appearance are
    already in the answer's order; from level 3 the words come shuffled and the answer must be sorted."""
    if difficulty <= 2:
        return sorted(words)
    rng.shuffle(words)
    return words


@register_family("group_anagrams")
class GroupAnagrams(Family):
    # 2: level 1 lists its words in ascending order (the order of appearance is the answer's order);
    # the description defines an anagram by sorted letters and shows a worked example of the order
    # 3: level 2 also lists its words in ascending order (the default model solved level 1 and nothing
    #    that needed sorting: shuffled words now come at level 3)
    version = 3
    entry_point = "group_anagrams"
    signature = "def group_anagrams(words: list[str]) -> list[list[str]]"
    description = (
        "Group the lowercase words of a list by anagram: two words belong to the same group when sorting\n"
        "their letters gives the same string, as for \"listen\" and \"silent\" (but not \"aab\" and \"abb\").\n"
        "Return the list of groups, with the words inside each group sorted in ascending order and the\n"
        "groups sorted by their first word, ascending: group_anagrams([\"tea\", \"bat\", \"eat\", \"tab\", \"ate\"])\n"
        "returns [[\"ate\", \"eat\", \"tea\"], [\"bat\", \"tab\"]]. A word with no anagram forms a group of its\n"
        "own, and a word that occurs several times in the input occurs that many times in its group.\n"
        "An empty list gives an empty list."
    )
    levels = {
        1: "2-3 groups of three-letter words from a-j, the words listed in ascending order",
        2: "2-4 groups, words of 3-4 letters, still listed in ascending order",
        3: "2-5 groups, 3-5 letters from a-z, in any order: groups and words must be sorted; the empty list",
        4: "3-6 groups, 2-5 letters",
        5: "3-7 groups; the same letters in other amounts (aab, abb) are different groups",
        6: "3-8 groups; a word may occur twice",
        7: "4-9 groups, words of 2-7 letters from a-f",
        8: "4-10 groups, 1-8 letters",
        9: "5-11 groups, 1-9 letters from a-e",
        10: "5-12 groups, 1-10 letters from a-e",
    }
    reference_source = '''def group_anagrams(words: list[str]) -> list[list[str]]:
    groups = {}
    for word in words:
        key = "".join(sorted(word))
        groups.setdefault(key, []).append(word)
    return sorted(sorted(group) for group in groups.values())
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def group_anagrams(words):  # groups in order of first appearance, not sorted
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return [sorted(group) for group in groups.values()]
''',
        '''def group_anagrams(words):  # keys on the set of letters: "aab" and "abb" land together
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(set(word))), []).append(word)
    return sorted(sorted(group) for group in groups.values())
''',
        '''def group_anagrams(words):  # drops repeated words
    groups = {}
    for word in set(words):
        groups.setdefault("".join(sorted(word)), []).append(word)
    return sorted(sorted(group) for group in groups.values())
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        return (_words(rng, difficulty),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, short, long, letters, repeats, near = _SPEC[difficulty]
        pool = ["one_group", "no_anagrams"] + (["empty"] if difficulty >= 3 else [])
        if near:
            pool.append("near_misses")
        edges = []
        for kind in rng.sample(pool, 2):
            base = "".join(rng.choices(letters, k=rng.randint(max(short, 3), max(long, 4))))
            if kind == "one_group":  # every word an anagram of every other (each once below level 6)
                words = [_shuffled(rng, base) for _ in range(rng.randint(3, 6))]
                if not repeats:
                    words = list(dict.fromkeys(words + [_shuffled(rng, base) for _ in range(6)]))[:len(words)]
            elif kind == "no_anagrams":  # random words: almost always one group each
                words = ["".join(rng.choices(letters, k=rng.randint(max(short, 3), max(long, 4))))
                         for _ in range(rng.randint(3, 6))]
            elif kind == "near_misses":  # the same letters in other amounts
                words = [_shuffled(rng, base), _near_miss(rng, base), _shuffled(rng, base), _near_miss(rng, base)]
            else:
                words = []
            edges.append((_order(rng, words, difficulty),))
        return edges

    def check_args(self, words: list[str]) -> None:
        assert isinstance(words, list), "words must be a list"
        assert all(isinstance(w, str) and w.isascii() and w.isalpha() and w.islower() for w in words), \
            f"a word that is not lowercase letters in {words!r}"
