"""The longest common prefix of a list of words, or, with k, the longest prefix that k of them share.

The optional k comes in at level 6 (in a third of the problems; every problem from level 7): "all but
one word" first, then any k between 1 and the number of words, with several groups of words that share
different prefixes and ties between them (the smallest string wins). Code that ignores k, or that only
tries prefixes of the first word, fails there.
"""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LETTERS = string.ascii_letters
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語"
_WORLD = _LETTERS + string.digits + " -_.'" + _NON_ASCII
_ALLOWED = frozenset(_WORLD)
# level: (fewest words, most words, longest shared prefix, longest rest of a word, alphabet,
#         chance the random input has a k, most groups of words with their own prefix when it has)
_SPEC = {
    1: (2, 3, 5, 5, _LOWER, 0.0, 1),
    2: (2, 5, 6, 6, _LOWER, 0.0, 1),
    3: (3, 6, 8, 6, _LOWER, 0.0, 1),
    4: (3, 7, 8, 8, _LOWER, 0.0, 1),
    5: (3, 8, 10, 8, _LOWER, 0.0, 1),
    6: (3, 8, 10, 8, _LETTERS, 1 / 3, 1),
    7: (4, 10, 14, 10, _LETTERS, 1.0, 1),
    8: (4, 12, 16, 10, _WORLD, 1.0, 3),
    9: (5, 20, 30, 12, _WORLD, 1.0, 4),
    10: (10, 40, 60, 16, _WORLD, 1.0, 5),
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
    longest_prefix, longest_rest, alphabet = _SPEC[difficulty][2:5]
    prefix = _word(rng, longest_prefix, alphabet, lo=1)
    words = [prefix + _word(rng, longest_rest, alphabet) for _ in range(n)]
    if rng.random() < 0.5:  # all words but one share a longer prefix; the odd one is not the first
        extra = _word(rng, 4, alphabet, lo=1)
        words = [prefix + extra + _word(rng, longest_rest, alphabet) for _ in range(n)]
        odd = rng.randint(1, n - 1)
        cut = rng.randint(0, len(extra) - 1)
        words[odd] = prefix + extra[:cut] + _near_miss(rng, extra[cut], alphabet) + _word(rng, longest_rest, alphabet)
    return words


def _all_but_one(rng: random.Random, difficulty: int, n: int) -> tuple[list[str], int]:
    """n words that all share a prefix, all but one (not the first) a longer one: k = n - 1 asks for it."""
    longest_prefix, longest_rest, alphabet = _SPEC[difficulty][2:5]
    prefix, extra = _word(rng, longest_prefix, alphabet), _word(rng, 4, alphabet, lo=1)
    words = [prefix + extra + _word(rng, longest_rest, alphabet) for _ in range(n)]
    cut = rng.randint(0, len(extra) - 1)
    words[rng.randint(1, n - 1)] = prefix + extra[:cut] + _near_miss(rng, extra[cut], alphabet)
    return words, n - 1


def _groups(rng: random.Random, difficulty: int, n: int) -> tuple[list[str], int]:
    """n words in 2 or more groups, each group's words sharing a prefix of its own (the groups perhaps a
    short stem), and a k that one of the groups reaches. From level 9 sometimes k = 1 (the longest word),
    and half the time a tie: two groups of k words whose prefixes are as long, the smaller one the answer."""
    longest_prefix, longest_rest, alphabet, _, most_groups = _SPEC[difficulty][2:7]
    stem = _word(rng, 3, alphabet)
    if difficulty >= 9 and rng.random() < 0.5:
        k, length = max(2, n // 3), rng.randint(1, longest_prefix)
        prefixes = [stem + _word(rng, length, alphabet, lo=length) for _ in range(2)]
        words = [p + _word(rng, longest_rest, alphabet) for p in prefixes for _ in range(k)]
        words += [_word(rng, longest_prefix + longest_rest, alphabet, lo=1) for _ in range(n - 2 * k)]
        rng.shuffle(words)
        return words, k
    groups = rng.randint(2, min(most_groups, n))
    sizes = [1] * groups
    for _ in range(n - groups):
        sizes[rng.randrange(groups)] += 1
    words = []
    for size in sizes:
        prefix = stem + _word(rng, longest_prefix, alphabet, lo=1)
        words += [prefix + _word(rng, longest_rest, alphabet) for _ in range(size)]
    rng.shuffle(words)
    k = 1 if difficulty >= 9 and rng.random() < 0.15 else rng.choice([size for size in sizes if size > 1] or [2])
    return words, k


@register_family("longest_common_prefix")
class LongestCommonPrefix(Family):
    # 2: a second word with nothing shared from level 4; 3: a second word that is the whole prefix at every level
    # 4: an optional k, the longest prefix that at least k of the words share (the smallest on a tie): "all
    #    but one" in some problems at level 6 and every one at 7, groups of words and any k from level 8
    # 5: the rule for k is stated from level 6, where k is first passed (level_rules): under the whole
    #    description the default model solved no level (0 of 30), though it solved every one before k came
    version = 5
    entry_point = "longest_common_prefix"
    signature = "def longest_common_prefix(words: list[str], k: int | None = None) -> str"
    description = (
        "Return the longest string that every word in `words` starts with. Characters are compared\n"
        "exactly, so the comparison is case-sensitive ('Flow' and 'flower' share no prefix) and spaces,\n"
        "digits, punctuation and non-ASCII letters count like any other character. Return the empty\n"
        "string when the words share no first character, when one of them is empty, or when the list is\n"
        "empty; a list of one word gives that word. Do not modify `words`."
    )
    level_rules = {6: (
        "With the optional argument k (1 <= k <= len(words); None, the default, means len(words)), return\n"
        "instead the longest string that at least k of the words start with: longest_common_prefix(\n"
        "['flower', 'flow', 'flight'], 2) is 'flow', and with k = 1 it is the longest word. When several\n"
        "strings of that length qualify, return the smallest of them (by Python's < on strings):\n"
        "longest_common_prefix(['dog', 'door', 'cat', 'car'], 2) is 'ca'."
    )}
    levels = {
        1: "2-3 lower-case words sharing a prefix of 1-5 letters; one word may be the whole prefix",
        2: "2-5 words; all but one word share a longer prefix",
        3: "3-6 words; a list of one word",
        4: "3-7 words; no common prefix at all; the empty list",
        5: "3-8 words; one word is the empty string",
        6: "upper and lower case: 'A' and 'a' differ; in a third of the problems k = all the words but one",
        7: "4-10 words, prefixes up to 14 characters; k = all but one in every problem",
        8: "spaces, digits, punctuation and non-ASCII letters inside words; in every problem a k that a "
           "group of the words reaches, 2-3 groups with prefixes of their own",
        9: "5-20 words, prefixes up to 30 characters, up to 4 groups; k = 1; two groups tied (the smaller "
           "prefix wins)",
        10: "10-40 words, prefixes up to 60 characters, up to 5 groups",
    }
    reference_source = '''def longest_common_prefix(words: list[str], k: int | None = None) -> str:
    if not words:
        return ""
    if k is None:
        k = len(words)
    # in sorted order the words that share a prefix stand together, and what a run of neighbours shares
    # is what its first and last word share: try every run of k neighbours, keeping the first longest
    ordered = sorted(words)
    best = ""
    for i in range(len(ordered) - k + 1):
        first, last = ordered[i], ordered[i + k - 1]
        j = 0
        while j < len(first) and j < len(last) and first[j] == last[j]:
            j += 1
        if j > len(best):
            best = first[:j]
    return best
'''
    category = "strings"
    wrong_sources = (
        '''def longest_common_prefix(words, k=None):  # compares only the first and the last word
    if not words:
        return ""
    a, b = words[0], words[-1]
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]
''',
        '''def longest_common_prefix(words, k=None):  # ignores case
    if not words:
        return ""
    words = sorted(w.lower() for w in words)
    k = len(words) if k is None else k
    best = ""
    for i in range(len(words) - k + 1):
        a, b = words[i], words[i + k - 1]
        j = 0
        while j < min(len(a), len(b)) and a[j] == b[j]:
            j += 1
        if j > len(best):
            best = a[:j]
    return best
''',
        '''def longest_common_prefix(words, k=None):  # assumes no word is shorter than the first one
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
        '''def longest_common_prefix(words, k=None):  # ignores k: the prefix of every word
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
''',
        '''def longest_common_prefix(words, k=None):  # tries only prefixes of the first word
    if not words:
        return ""
    k = len(words) if k is None else k
    best = ""
    for j in range(1, len(words[0]) + 1):
        if sum(w.startswith(words[0][:j]) for w in words) >= k:
            best = words[0][:j]
    return best
''',
        '''def longest_common_prefix(words, k=None):  # on a tie keeps the prefix it found last, not the smallest
    if not words:
        return ""
    k = len(words) if k is None else k
    ordered = sorted(words)
    best = ""
    for i in range(len(ordered) - k + 1):
        a, b = ordered[i], ordered[i + k - 1]
        j = 0
        while j < min(len(a), len(b)) and a[j] == b[j]:
            j += 1
        if j >= len(best):
            best = a[:j]
    return best
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        n = rng.randint(fewest, most)
        if rng.random() >= _SPEC[difficulty][5]:
            return (_words(rng, difficulty, n),)
        for _ in range(20):  # a k whose answer is not the prefix of every word (ignoring k must not pass)
            words, k = (_all_but_one if difficulty < 8 else _groups)(rng, difficulty, max(n, 3))
            if self.reference(words, k) != self.reference(words):
                break
        return (words, k)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, longest_prefix, longest_rest, alphabet = _SPEC[difficulty][:5]
        # At every level a second word shorter than the first and a prefix of it, the whole prefix or (level
        # 5 on) empty: a loop that runs past its end fails; from level 3 a list of one word; from level 4 a
        # second word that shares nothing (skipping the second word misses it) and the empty list.
        short = "whole word" if difficulty < 5 else rng.choice(("whole word", "empty word"))
        kinds = [short] + (["one word"] if difficulty >= 3 else [])
        kinds += ["no prefix", "empty list"] if difficulty >= 4 else []
        edges = []
        for kind in kinds:
            n = rng.randint(max(fewest, 3), most)
            if kind == "whole word":  # a word that is the common prefix itself, after a longer word
                prefix = _word(rng, longest_prefix, alphabet, lo=1)
                words = [prefix + _word(rng, longest_rest, alphabet, lo=1) for _ in range(n)]
                words[1] = prefix
            elif kind == "one word":
                words = [_word(rng, longest_prefix + longest_rest, alphabet, lo=4)]
            elif kind == "no prefix":  # every word but the second starts with the same character
                words = _words(rng, difficulty, n)
                words[1] = _near_miss(rng, words[0][0], alphabet) + words[1]
            elif kind == "empty list":
                words = []
            else:  # the second word empty
                words = _words(rng, difficulty, n)
                words[1] = ""
            edges.append((words,))
        return edges

    def check_args(self, words: list[str], k: int | None = None) -> None:
        assert isinstance(words, list), "words must be a list"
        for w in words:
            assert isinstance(w, str) and set(w) <= _ALLOWED, f"unexpected word {w!r}"
        assert k is None or (type(k) is int and 1 <= k <= len(words)), f"k out of range: {k!r}"

    def reference(self, words: list[str], k: int | None = None) -> str:
        if k is not None:
            return self._reference(words, k)
        # every word lies between the smallest and the largest in sorted order, so their common prefix is everyone's
        if not words:
            return ""
        first, last = min(words), max(words)
        for i, ch in enumerate(first):
            if ch != last[i]:
                return first[:i]
        return first
