"""Are two strings anagrams of each other, ignoring spaces and case?"""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_SYMBOLS = string.digits + "!?.,'-:;&#"
_MARKED = _LOWER + _SYMBOLS
# Lower-case letters whose upper case lowers back to them (no σ: str.lower() writes a final Σ as ς).
_NON_ASCII = "éèàçñüöäøåæœłžšжщыяюфдλπωδ"
_WORLD = _MARKED + _NON_ASCII
_ALLOWED = frozenset(_WORLD + _WORLD.upper() + " ")
# level: (fewest characters that count, most, their alphabet, chance a letter is upper-case, spaces,
#         ways a non-anagram differs)
_SPEC = {
    1: (4, 8, _LOWER, 0.0, False, ("swap",)),
    2: (5, 10, _LOWER, 0.0, False, ("swap", "count")),
    3: (5, 12, _LOWER, 0.4, False, ("swap", "count")),
    4: (6, 14, _LOWER, 0.3, True, ("swap", "count", "extra")),
    5: (6, 16, _LOWER, 0.3, True, ("swap", "count", "count", "extra")),
    6: (6, 18, _MARKED, 0.3, True, ("swap", "count", "symbol", "symbol")),
    7: (8, 24, _MARKED, 0.3, True, ("swap", "count", "symbol", "extra")),
    8: (8, 28, _WORLD, 0.3, True, ("swap", "count", "symbol", "extra")),
    9: (10, 32, _WORLD, 0.3, True, ("count", "count", "symbol", "extra")),
    10: (12, 40, _WORLD, 0.3, True, ("count", "count", "symbol", "extra")),
}


def _other(rng: random.Random, ch: str, alphabet: str) -> str:
    new = rng.choice(alphabet)
    while new == ch:
        new = rng.choice(alphabet)
    return new


def _spoil(rng: random.Random, chars: list[str], alphabet: str, how: str) -> list[str]:
    """`chars` changed so that they are no longer a rearrangement of what they were."""
    chars = list(chars)
    i = rng.randrange(len(chars))
    symbols = [k for k, ch in enumerate(chars) if ch in _SYMBOLS]
    repeated = [k for k, ch in enumerate(chars) if chars.count(ch) > 1]
    if how == "symbol" and symbols:  # '!' where the other string has '?': letters alone still match
        k = rng.choice(symbols)
        chars[k] = _other(rng, chars[k], _SYMBOLS)
    elif how == "count" and repeated and len(set(chars)) > 1:  # same set of characters, same length
        k = rng.choice(repeated)
        chars[k] = rng.choice([ch for ch in dict.fromkeys(chars) if ch != chars[k]])  # a set would vary in order
    elif how == "extra":
        if rng.random() < 0.5:
            chars.insert(rng.randint(0, len(chars)), rng.choice(alphabet))
        else:
            del chars[i]
    else:  # one character swapped for another
        chars[i] = _other(rng, chars[i], alphabet)
    return chars


def _dress(rng: random.Random, chars: list[str], upper: float, spaces: bool) -> str:
    """The characters with some letters upper-cased and, if `spaces`, split into words."""
    out = [ch.upper() if rng.random() < upper else ch for ch in chars]
    if spaces:
        for _ in range(rng.randint(0, len(out) // 3)):
            out.insert(rng.randint(0, len(out)), " " * rng.choice((1, 1, 1, 2)))
    return "".join(out)


def _pair(rng: random.Random, difficulty: int, n: int, anagram: bool, how: str | None = None) -> tuple[str, str]:
    """Two strings of n characters that count, anagrams or not (spoiled `how`, or as the level spoils)."""
    _, _, alphabet, upper, spaces, spoils = _SPEC[difficulty]
    chars = rng.choices(alphabet, k=n)
    if "symbol" in spoils and not any(ch in _SYMBOLS for ch in chars):
        chars[rng.randrange(n)] = rng.choice(_SYMBOLS)
    if "count" in spoils or how == "count":  # a repeated character, so that counts can differ with the same characters
        i, j = rng.sample(range(n), 2)
        chars[i] = chars[j]
    other = rng.sample(chars, n)
    if not anagram:
        other = _spoil(rng, other, alphabet, how or rng.choice(spoils))
    return _dress(rng, chars, upper, spaces), _dress(rng, other, upper, spaces)


@register_family("is_anagram")
class IsAnagram(Family):
    # 2: every problem tests a non-anagram with the same set of letters; 3: and an anagram written backwards,
    # and from level 4 one whose spaces differ
    version = 3
    entry_point = "is_anagram"
    signature = "def is_anagram(a: str, b: str) -> bool"
    description = (
        "Decide whether the strings a and b are anagrams of each other. Spaces and case do not matter:\n"
        "remove every space from both strings and lower-case them with str.lower(); they are anagrams\n"
        "when the results contain exactly the same characters, each the same number of times, in any\n"
        "order. Every other character counts, including digits and punctuation: \"Dormitory\" and\n"
        "\"dirty room\" are anagrams, \"ab!\" and \"ba?\" are not, and neither are \"aab\" and \"abb\".\n"
        "Two empty strings are anagrams. Return True or False."
    )
    levels = {
        1: "lower-case words of 4-8 letters; non-anagrams differ in one letter",
        2: "5-10 letters; the same letters a different number of times (aab / abb)",
        3: "upper and lower case mixed",
        4: "spaces in different places; strings of different lengths",
        5: "6-16 letters",
        6: "digits and punctuation that count: ab! / ba? are not anagrams",
        7: "8-24 characters",
        8: "non-ASCII letters (é, ж, ω...) in both cases",
        9: "10-32 characters, mostly near misses of counts and symbols",
        10: "12-40 characters",
    }
    reference_source = '''def is_anagram(a: str, b: str) -> bool:
    def counts(s):
        table = {}
        for ch in s.replace(" ", "").lower():
            table[ch] = table.get(ch, 0) + 1
        return table

    return counts(a) == counts(b)
'''
    category = "strings"
    wrong_sources = (
        '''def is_anagram(a, b):  # forgets to ignore case and spaces
    return sorted(a) == sorted(b)
''',
        '''def is_anagram(a, b):  # compares which characters occur, not how often
    return set(a.replace(" ", "").lower()) == set(b.replace(" ", "").lower())
''',
        '''def is_anagram(a, b):  # drops digits and punctuation, which count
    clean = lambda s: sorted(ch for ch in s.lower() if ch.isalpha())
    return clean(a) == clean(b)
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        return _pair(rng, difficulty, rng.randint(fewest, most), rng.random() < 0.5)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, alphabet, upper, spaces, _ = _SPEC[difficulty]
        pool = ["same word"] + (["swapped case"] if upper else [])
        # Always: one letter changed into another of the word (the same set of letters, counted differently)
        # and a word against itself backwards (code that compares the strings, or their ends, fails it);
        # where the level has spaces, an anagram whose spaces differ (code that counts spaces fails it).
        edges = [_pair(rng, difficulty, rng.randint(fewest, most), False, how="count")]
        kinds = ["backwards"] + (["only spaces differ"] if spaces else rng.sample(pool, 1))
        for kind in kinds:  # three edge cases, so two tests stay random
            a = _pair(rng, difficulty, rng.randint(fewest, most), True)[0]
            if kind == "backwards":
                while a.strip()[0] == a.strip()[-1]:
                    a = _pair(rng, difficulty, rng.randint(fewest, most), True)[0]
                edges.append((a, a[::-1]))
            elif kind == "same word":  # a string is an anagram of itself
                edges.append((a, a))
            elif kind == "swapped case":
                edges.append((a, a.swapcase()))
            else:  # only spaces differ: none against one between every two words and one after the last
                edges.append((a.replace(" ", ""), " ".join(a.split(" ")[::-1]) + " "))
        return edges

    def check_args(self, a: str, b: str) -> None:
        assert isinstance(a, str) and isinstance(b, str), f"expected two strings, got {a!r}, {b!r}"
        assert set(a) <= _ALLOWED and set(b) <= _ALLOWED, f"unexpected character in {a!r} or {b!r}"

    def reference(self, a: str, b: str) -> bool:
        # reference_source, sorting in C instead of counting in Python
        return sorted(a.replace(" ", "").lower()) == sorted(b.replace(" ", "").lower())
