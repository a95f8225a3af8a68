"""Are two strings anagrams of each other, ignoring whitespace and case (str.casefold)?

From level 7 the whitespace is not only spaces (tabs, newlines, the no-break space), in some problems at
first and in every one from level 9; from level 9 case folding goes beyond lower(): 'ß' is 'ss' and
'ς', 'σ' and 'Σ' are one letter, so code that lower-cases and removes only ' ' fails there.
"""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_SYMBOLS = string.digits + "!?.,'-:;&#"
_MARKED = _LOWER + _SYMBOLS
# Lower-case letters whose upper case lowers and case-folds back to them.
_NON_ASCII = "éèàçñüöäøåæœłžšжщыяюфдλπωδ"
_WORLD = _MARKED + _NON_ASCII
_OTHER_SPACE = "\t\n\xa0"  # whitespace that is not ' ': str.isspace() is true for each
# Letters that case-fold to more than lower() gives: how each of them may be written.
_FOLDED = {"ss": ("ss", "SS", "Ss", "ß", "ẞ"), "σ": ("σ", "Σ", "ς")}
_FOLDS_LOWER_KEEPS = {"ss": ("ß", "ẞ"), "σ": ("ς",)}  # spellings that str.lower() leaves apart from ...
_FOLDS_LOWER_MATCHES = {"ss": ("ss", "SS", "Ss"), "σ": ("σ",)}  # ... these
_ALLOWED = frozenset(_WORLD + _WORLD.upper() + " " + _OTHER_SPACE + "ßẞσΣς")
# level: (fewest characters that count, most, their alphabet, chance a letter is upper-case, spaces,
#         ways a non-anagram differs, chance a problem's whitespace is more than spaces, chance a random
#         input's is, chance a character is a letter that case-folds further than lower())
_SPEC = {
    1: (4, 8, _LOWER, 0.0, False, ("swap",), 0.0, 0.0, 0.0),
    2: (5, 10, _LOWER, 0.0, False, ("swap", "count"), 0.0, 0.0, 0.0),
    3: (5, 12, _LOWER, 0.4, False, ("swap", "count"), 0.0, 0.0, 0.0),
    4: (6, 14, _LOWER, 0.3, True, ("swap", "count", "extra"), 0.0, 0.0, 0.0),
    5: (6, 16, _LOWER, 0.3, True, ("swap", "count", "count", "extra"), 0.0, 0.0, 0.0),
    6: (6, 18, _MARKED, 0.3, True, ("swap", "count", "symbol", "symbol"), 0.0, 0.0, 0.0),
    7: (8, 24, _MARKED, 0.3, True, ("swap", "count", "symbol", "extra"), 1 / 3, 0.0, 0.0),
    8: (8, 28, _WORLD, 0.3, True, ("swap", "count", "symbol", "extra"), 2 / 3, 0.2, 0.0),
    9: (10, 32, _WORLD, 0.3, True, ("count", "count", "symbol", "extra"), 1.0, 0.5, 0.1),
    10: (12, 40, _WORLD, 0.3, True, ("count", "count", "symbol", "extra"), 1.0, 0.7, 0.15),
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


def _dress(rng: random.Random, chars: list[str], upper: float, spaces: bool, other_space: bool) -> str:
    """The characters (a key of _FOLDED stands for one of its spellings) with some letters upper-cased and,
    if `spaces`, split into words by spaces or, if `other_space`, by any whitespace."""
    out = [rng.choice(_FOLDED[ch]) if ch in _FOLDED else ch.upper() if rng.random() < upper else ch
           for ch in chars]
    if spaces:
        gaps = " " + _OTHER_SPACE if other_space else " "
        for _ in range(rng.randint(0, len(out) // 3)):
            out.insert(rng.randint(0, len(out)), rng.choice(gaps) * rng.choice((1, 1, 1, 2)))
    return "".join(out)


def _pair(rng: random.Random, difficulty: int, n: int, anagram: bool, how: str | None = None,
          other_space: bool = False) -> tuple[str, str]:
    """Two strings of n characters that count, anagrams or not (spoiled `how`, or as the level spoils)."""
    _, _, alphabet, upper, spaces, spoils, _, _, fold = _SPEC[difficulty]
    chars = [rng.choice(tuple(_FOLDED)) if rng.random() < fold else rng.choice(alphabet) for _ in range(n)]
    if "symbol" in spoils and not any(ch in _SYMBOLS for ch in chars):
        chars[rng.randrange(n)] = rng.choice(_SYMBOLS)
    if "count" in spoils or how == "count":  # a repeated character, so that counts can differ with the same characters
        i, j = rng.sample(range(n), 2)
        chars[i] = chars[j]
    other = rng.sample(chars, n)
    if not anagram:
        other = _spoil(rng, other, alphabet, how or rng.choice(spoils))
    return _dress(rng, chars, upper, spaces, other_space), _dress(rng, other, upper, spaces, other_space)


@register_family("is_anagram")
class IsAnagram(Family):
    # 2: every problem tests a non-anagram with the same set of letters; 3: and an anagram written backwards,
    # and from level 4 one whose spaces differ
    # 4: whitespace is any str.isspace() character and case is folded with str.casefold(): tabs, newlines
    # and no-break spaces from level 7, 'ß' against 'ss' and 'ς' against 'σ' from level 9
    version = 4
    entry_point = "is_anagram"
    signature = "def is_anagram(a: str, b: str) -> bool"
    description = (
        "Decide whether the strings a and b are anagrams of each other. Whitespace and case do not\n"
        "matter: remove every whitespace character from both strings (each ch for which ch.isspace() is\n"
        "true: spaces, but also tabs, newlines and the no-break space '\\xa0') and case-fold them with\n"
        "str.casefold(), which goes further than str.lower(): 'ß' becomes 'ss', and 'ς', 'σ' and 'Σ' all\n"
        "become 'σ'. They are anagrams when the results contain exactly the same characters, each the\n"
        "same number of times, in any order. Every other character counts, including digits and\n"
        "punctuation: \"Dormitory\" and \"dirty room\" are anagrams, and so are \"Maße\" and \"seams\", but\n"
        "\"ab!\" and \"ba?\" are not, and neither are \"aab\" and \"abb\". Two empty strings are anagrams.\n"
        "Return True or False."
    )
    levels = {
        1: "lower-case words of 4-8 letters; non-anagrams differ in one letter",
        2: "5-10 letters; the same letters a different number of times (aab / abb)",
        3: "upper and lower case mixed",
        4: "spaces in different places; strings of different lengths",
        5: "6-16 letters",
        6: "digits and punctuation that count: ab! / ba? are not anagrams",
        7: "8-24 characters; in a third of the problems tabs, newlines and no-break spaces too",
        8: "non-ASCII letters (é, ж, ω...) in both cases; other whitespace in two thirds of the problems",
        9: "10-32 characters, mostly near misses of counts and symbols; other whitespace in every problem; "
           "ß against ss, ς against σ and Σ",
        10: "12-40 characters, more of them ß, ss, ς, σ",
    }
    reference_source = '''def is_anagram(a: str, b: str) -> bool:
    def counts(s):
        table = {}
        for ch in s.casefold():
            if not ch.isspace():
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
    return set("".join(a.split()).casefold()) == set("".join(b.split()).casefold())
''',
        '''def is_anagram(a, b):  # drops digits and punctuation, which count
    clean = lambda s: sorted(ch for ch in s.casefold() if ch.isalpha())
    return clean(a) == clean(b)
''',
        '''def is_anagram(a, b):  # removes only the space ' ': tabs, newlines and no-break spaces still count
    return sorted(a.replace(" ", "").casefold()) == sorted(b.replace(" ", "").casefold())
''',
        '''def is_anagram(a, b):  # lower() instead of casefold(): 'ß' is not 'ss', 'ς' is not 'σ'
    return sorted("".join(a.split()).lower()) == sorted("".join(b.split()).lower())
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        other_space = rng.random() < _SPEC[difficulty][7]
        return _pair(rng, difficulty, rng.randint(fewest, most), rng.random() < 0.5, other_space=other_space)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, alphabet, upper, spaces, _, p_space, _, fold = _SPEC[difficulty]
        pool = ["same word"] + (["swapped case"] if upper else [])
        # Always: one letter changed into another of the word (the same set of letters, counted differently)
        # and a word against itself backwards (code that compares the strings, or their ends, fails it);
        # where the level has spaces, an anagram whose spaces differ (code that counts spaces fails it): in
        # some problems from level 7 (all from 9) by tabs, newlines and no-break spaces too, and from level 9
        # with letters that one string spells 'ß' or 'ς' and the other 'ss' or 'σ' (as only casefold() sees).
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
            else:  # none against whitespace between every two words and after the last
                chars = rng.choices(alphabet, k=rng.randint(fewest, most))
                for _ in range(rng.randint(1, 2) if fold else 0):
                    chars.insert(rng.randint(0, len(chars)), rng.choice(tuple(_FOLDED)))
                cuts = sorted(rng.sample(range(1, len(chars)), rng.randint(1, min(4, len(chars) - 1))))
                words = [chars[i:j] for i, j in zip([0] + cuts, cuts + [len(chars)], strict=True)][::-1]
                gaps = " " + _OTHER_SPACE if rng.random() < p_space else " "
                seps = [rng.choice(gaps) for _ in words]
                if gaps != " ":  # at least one of them not a space
                    seps[rng.randrange(len(seps))] = rng.choice(_OTHER_SPACE)
                joined = "".join(rng.choice(_FOLDS_LOWER_KEEPS[ch]) if ch in _FOLDED else ch for ch in chars)
                spelled = [[rng.choice(_FOLDS_LOWER_MATCHES[ch]) if ch in _FOLDED else ch.upper()
                            if rng.random() < upper else ch for ch in w] for w in words]
                spaced = "".join("".join(w) + sep for w, sep in zip(spelled, seps, strict=True))
                edges.append((joined, spaced) if rng.random() < 0.5 else (spaced, joined))
        return edges

    def check_args(self, a: str, b: str) -> None:
        assert isinstance(a, str) and isinstance(b, str), f"expected two strings, got {a!r}, {b!r}"
        assert set(a) <= _ALLOWED and set(b) <= _ALLOWED, f"unexpected character in {a!r} or {b!r}"

    def reference(self, a: str, b: str) -> bool:
        # reference_source, sorting in C instead of counting in Python
        return sorted("".join(a.casefold().split())) == sorted("".join(b.casefold().split()))
