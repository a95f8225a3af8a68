"""The longest common prefix of a list of words."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LETTERS = string.ascii_letters
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語"
_WORLD = _LETTERS + string.digits + " -_.'" + _NON_ASCII
_ALLOWED = frozenset(_WORLD)
# level: (fewest words, most words, longest shared prefix, longest rest of a word, alphabet)
_SPEC = {
    1: (2, 3, 5, 5, _LOWER),
    2: (2, 5, 6, 6, _LOWER),
    3: (3, 6, 8, 6, _LOWER),
    4: (3, 7, 8, 8, _LOWER),
    5: (3, 8, 10, 8, _LOWER),
    6: (3, 8, 10, 8, _LETTERS),
    7: (4, 10, 14, 10, _LETTERS),
    8: (4, 12, 16, 10, _WORLD),
    9: (5, 20, 30, 12, _WORLD),
    10: (10, 40, 60, 16, _WORLD),
}


def _word(rng: random.Random, longest: int, alphabet: str, lo: int = 0) -> str:
    return "".join(rng.choices(alphabet, k=rng.randint(lo, longest)))


def _near_miss(rng: random.Random, ch: str, alphabet: str) -> str:
    """A character other than `ch`; the same letter in the other case when there is one."""
    if ch.swapcase() != ch and ch.swapcase() in alphabet and rng.random() < 0.5:
        return ch.swapcase()
    other = rng.choice(alphabet)
    while other == ch:
        other = rng.choice(alphabet)
    return other


def _words(rng: random.Random, difficulty: int, n: int) -> list[str]:
    _, _, longest_prefix, longest_rest, alphabet = _SPEC[difficulty]
    prefix = _word(rng, longest_prefix, alphabet, lo=1)
    words = [prefix + _word(rng, longest_rest, alphabet) for _ in range(n)]
    if rng.random() < 0.5:  # all words but one share a longer prefix; the odd one is not the first
        extra = _word(rng, 4, alphabet, lo=1)
        words = [prefix + extra + _word(rng, longest_rest, alphabet) for _ in range(n)]
        odd = rng.randint(1, n - 1)
        cut = rng.randint(0, len(extra) - 1)
        words[odd] = prefix + extra[:cut] + _near_miss(rng, extra[cut], alphabet) + _word(rng, longest_rest, alphabet)
    return words


@register_family("longest_common_prefix")
class LongestCommonPrefix(Family):
    # 2: a second word with nothing shared from level 4; 3: a second word that is the whole prefix at every level
    version = 3
    entry_point = "longest_common_prefix"
    signature = "def longest_common_prefix(words: list[str]) -> str"
    description = (
        "Return the longest string that every word in `words` starts with. Characters are compared\n"
        "exactly, so the comparison is case-sensitive ('Flow' and 'flower' share no prefix) and spaces,\n"
        "digits, punctuation and non-ASCII letters count like any other character. Return the empty\n"
        "string when the words share no first character, when one of them is empty, or when the list is\n"
        "empty; a list of one word gives that word. Do not modify `words`."
    )
    levels = {
        1: "2-3 lower-case words sharing a prefix of 1-5 letters; one word may be the whole prefix",
        2: "2-5 words; all but one word share a longer prefix",
        3: "3-6 words; a list of one word",
        4: "3-7 words; no common prefix at all; the empty list",
        5: "3-8 words; one word is the empty string",
        6: "upper and lower case: 'A' and 'a' differ",
        7: "4-10 words, prefixes up to 14 characters",
        8: "spaces, digits, punctuation and non-ASCII letters inside words",
        9: "5-20 words, prefixes up to 30 characters",
        10: "10-40 words, prefixes up to 60 characters",
    }
    reference_source = '''def longest_common_prefix(words: list[str]) -> str:
    if not words:
        return ""
    prefix = words[0]
    for word in words[1:]:
        i = 0
        while i < len(prefix) and i < len(word) and prefix[i] == word[i]:
            i += 1
        prefix = prefix[:i]
    return prefix
'''
    category = "strings"
    wrong_sources = (
        '''def longest_common_prefix(words):  # compares only the first and the last word
    if not words:
        return ""
    a, b = words[0], words[-1]
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]
''',
        '''def longest_common_prefix(words):  # ignores case
    if not words:
        return ""
    words = [w.lower() for w in words]
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
''',
        '''def longest_common_prefix(words):  # assumes no word is shorter than the first one
    if not words:
        return ""
    prefix = ""
    for i in range(len(words[0])):
        ch = words[0][i]
        if any(w[i] != ch for w in words):
            break
        prefix += ch
    return prefix
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        return (_words(rng, difficulty, rng.randint(fewest, most)),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, longest_prefix, longest_rest, alphabet = _SPEC[difficulty]
        # At every level a second word shorter than the first and a prefix of it, the whole prefix or (level
        # 5 on) empty: a loop that runs past its end fails; from level 3 a list of one word; from level 4 a
        # second word that shares nothing (skipping the second word misses it) and the empty list.
        short = "whole word" if difficulty < 5 else rng.choice(("whole word", "empty word"))
        kinds = [short] + (["one word"] if difficulty >= 3 else [])
        kinds += ["no prefix", "empty list"] if difficulty >= 4 else []
        edges = []
        for kind in kinds:
            words = _words(rng, difficulty, rng.randint(max(fewest, 3), most))
            if kind == "whole word":  # a word that is the common prefix itself, after a longer word
                prefix = _word(rng, longest_prefix, alphabet, lo=1)
                words = [prefix + _word(rng, longest_rest, alphabet, lo=1) for _ in words]
                words[1] = prefix
            elif kind == "one word":
                words = [_word(rng, longest_prefix + longest_rest, alphabet, lo=4)]
            elif kind == "no prefix":  # every word but the second starts with the same character
                words[1] = _near_miss(rng, words[0][0], alphabet) + words[1]
            elif kind == "empty list":
                words = []
            else:  # the second word empty
                words[1] = ""
            edges.append((words,))
        return edges

    def check_args(self, words: list[str]) -> None:
        assert isinstance(words, list), "words must be a list"
        for w in words:
            assert isinstance(w, str) and set(w) <= _ALLOWED, f"unexpected word {w!r}"

    def reference(self, words: list[str]) -> str:
        # every word lies between the smallest and the largest in sorted order, so their common prefix is everyone's
        if not words:
            return ""
        first, last = min(words), max(words)
        for i, ch in enumerate(first):
            if ch != last[i]:
                return first[:i]
        return first
