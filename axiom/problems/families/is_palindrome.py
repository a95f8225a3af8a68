"""Is a string a palindrome once case, accents and everything but letters and digits are ignored?

Accented letters come in at level 6 (in some problems; every problem from level 8): 'é' mirrored by 'e'
or 'É' is a match, which code that only lower-cases misses. From level 9 some accents are written as
a separate combining mark, and near misses pair a letter that NFD does not split (ø) with its look-alike
(o), which a table of accents would wrongly call equal.
"""

from __future__ import annotations

import random
import string
import unicodedata

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LOWER_DIGITS = string.ascii_lowercase + string.digits
_PLAIN = "øłæđждлλπδ中文字"  # non-ASCII letters that NFD leaves whole
_WORLD = _LOWER_DIGITS + _PLAIN
# Precomposed accented letters by their base letter: NFD splits each into the base and combining marks.
_ACCENTED = {"a": "àáâäãå", "c": "çč", "e": "èéêëě", "i": "ìíîï", "n": "ñň", "o": "òóôöõ", "u": "ùúûüů",
             "y": "ýÿ", "s": "š", "z": "ž", "r": "ř"}
_LOOK_ALIKE = {"ø": "o", "ł": "l", "đ": "d", "æ": "a"}  # NFD does not split these: not the same letter
_LIGHT = " " * 6 + ",.!?'-"
_HEAVY = " " * 10 + string.punctuation
# level: (fewest letters/digits, most, their alphabet, chance of upper case, noise characters,
#         noise per letter, chance a non-palindrome is a near miss of a palindrome,
#         chance a problem tests accents, chance a letter of a random input is accented,
#         chance an accent is written as a separate combining mark)
_SPEC = {
    1: (5, 12, _LOWER, 0.0, "", 0.0, 0.3, 0.0, 0.0, 0.0),
    2: (5, 14, _LOWER, 0.3, "", 0.0, 0.4, 0.0, 0.0, 0.0),
    3: (6, 16, _LOWER, 0.3, "", 0.0, 0.5, 0.0, 0.0, 0.0),
    4: (6, 20, _LOWER, 0.3, _LIGHT, 0.25, 0.6, 0.0, 0.0, 0.0),
    5: (6, 24, _LOWER_DIGITS, 0.3, _LIGHT, 0.3, 0.7, 0.0, 0.0, 0.0),
    6: (8, 30, _WORLD, 0.4, _LIGHT, 0.3, 0.8, 1 / 3, 0.0, 0.0),
    7: (8, 36, _WORLD, 0.5, _LIGHT, 0.35, 0.9, 2 / 3, 0.1, 0.0),
    8: (10, 36, _WORLD, 0.5, _HEAVY, 0.6, 1.0, 1.0, 0.2, 0.0),
    9: (10, 40, _WORLD, 0.5, _HEAVY, 0.6, 1.0, 1.0, 0.3, 0.3),
    10: (12, 44, _WORLD, 0.5, _HEAVY, 0.6, 1.0, 1.0, 0.4, 0.3),
}
_ALLOWED = frozenset(_WORLD + "".join(_ACCENTED.values()) + _HEAVY + _LIGHT)
_ALLOWED = _ALLOWED | {ch.upper() for ch in _ALLOWED} | {m for v in _ACCENTED.values() for ch in v
                                                          for m in unicodedata.normalize("NFD", ch)}


def _accent(rng: random.Random, ch: str, decomposed: float) -> str:
    """ch with an accent (precomposed, or base letter + combining mark), if the letter takes one."""
    if ch not in _ACCENTED:
        return ch
    new = rng.choice(_ACCENTED[ch])
    return unicodedata.normalize("NFD", new) if rng.random() < decomposed else new


def _dress(rng: random.Random, core: list[str], upper: float, noise: str, ratio: float,
           accents: float = 0.0, decomposed: float = 0.0) -> str:
    """`core` (lower-case letters and digits) with some letters accented, some upper-cased, and noise
    characters sprinkled between them."""
    chars = [_accent(rng, c, decomposed) if rng.random() < accents else c for c in core]
    chars = [c.upper() if c.isalpha() and rng.random() < upper else c for c in chars]
    if noise:
        for c in rng.choices(noise, k=int(len(core) * ratio * (0.5 + rng.random()))):
            chars.insert(rng.randint(0, len(chars)), c)
    return "".join(chars)


def _break(rng: random.Random, core: list[str], alphabet: str) -> list[str]:
    """`core` (a palindrome of letters and digits) with one of them changed, never the middle one, so
    that it no longer matches its mirror; where the alphabet has non-ASCII letters, a third of the time
    the pair becomes two different ones (code that keeps only ASCII letters sees no difference)."""
    n = len(core)
    i = rng.randrange(n - n % 2)
    if n % 2 and i >= n // 2:
        i += 1  # skip the middle letter, which is its own mirror
    if alphabet == _WORLD and rng.random() < 1 / 3:
        core = list(core)
        core[i], core[n - 1 - i] = rng.sample(_PLAIN, 2)
        return core
    new = rng.choice([c for c in alphabet if c != core[i]])
    return core[:i] + [new] + core[i + 1:]


@register_family("is_palindrome")
class IsPalindrome(Family):
    # 2: plain rng calls where random bytes were a mask of upper-case letters; from level 5 a near miss
    #    that only its digits break leads the hidden tests (ignoring digits passed 83-89% of them)
    # 3: accents do not count (é matches e, as NFD splits it): non-ASCII letters and accented pairs from
    #    level 6, accents written as combining marks and ø/o near misses from level 9
    # 4: a plain description: the one that named unicodedata.normalize drew answers calling it without the
    #    import (the answer starts at the signature line, below where an import goes): 0 of 30
    version = 4
    entry_point = "is_palindrome"
    signature = "def is_palindrome(s: str) -> bool"
    description = (
        "Decide whether the string s is a palindrome when only its letters and digits count (the\n"
        "characters for which str.isalnum() is true), upper and lower case are equal, and accents are\n"
        "ignored: é, è, ê, É and e are the same letter, and ç is c, while a letter with no accent to drop,\n"
        "such as ø or ж, stays as it is (ø and o differ). A string with no letters or digits counts as a\n"
        "palindrome."
    )
    levels = {
        1: "lowercase letters, 5-12 of them; the empty string, a near miss in the middle pair",
        2: "mixed case, 5-14 letters; a palindrome only when case is ignored",
        3: "mixed case, 6-16 letters",
        4: "spaces and some punctuation; punctuation only, one letter among punctuation",
        5: "digits too, 6-24 letters and digits; a near miss that only its digits break",
        6: "8-30 letters and digits, non-ASCII ones (ж, ø, 中) too; in a third of the problems a palindrome "
           "whose mirrored letters differ only in their accents (é / e)",
        7: "8-36 letters and digits; accents in two thirds of the problems; most non-palindromes differ in "
           "one character",
        8: "heavy noise: any ASCII punctuation, 10-36 letters and digits; near misses only; accents in every "
           "problem",
        9: "10-40 letters and digits; accents also written as a letter and a combining mark; ø against o",
        10: "12-44 letters and digits, heavy noise, accents throughout, up to ~85 characters",
    }
    reference_source = '''import unicodedata


def is_palindrome(s: str) -> bool:
    # NFD splits an accented letter into its base letter and a combining mark, which is not alphanumeric
    cleaned = [ch.lower() for ch in unicodedata.normalize("NFD", s) if ch.isalnum()]
    return cleaned == cleaned[::-1]
'''
    category = "strings"
    wrong_sources = (
        '''def is_palindrome(s):  # case matters
    cleaned = [ch for ch in s if ch.isalnum()]
    return cleaned == cleaned[::-1]
''',
        '''def is_palindrome(s):  # punctuation and spaces still compared
    return s.lower() == s.lower()[::-1]
''',
        '''def is_palindrome(s):  # accents still count: é and e differ
    cleaned = [ch.lower() for ch in s if ch.isalnum()]
    return cleaned == cleaned[::-1]
''',
        '''import unicodedata


def is_palindrome(s):  # accents dropped, and with them every letter outside ASCII (ж, ø, 中)
    cleaned = [ch.lower() for ch in unicodedata.normalize("NFKD", s) if ch.isascii() and ch.isalnum()]
    return cleaned == cleaned[::-1]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, alphabet, upper, noise, ratio, p_near, _, accents, decomposed = _SPEC[difficulty]
        n = rng.randint(lo, hi)
        roll = rng.random()
        if roll < 0.5 + 0.5 * p_near:  # a palindrome, or (the upper part of the roll) a near miss of one
            half = rng.choices(alphabet, k=n // 2)
            core = half + rng.choices(alphabet, k=n % 2) + half[::-1]
            core = core if roll < 0.5 else _break(rng, core, alphabet)
            return (_dress(rng, core, upper, noise, ratio, accents, decomposed),)
        core = rng.choices(alphabet, k=n)  # unrelated characters
        if core == core[::-1]:
            core = _break(rng, core, alphabet)
        return (_dress(rng, core, upper, noise, ratio, accents, decomposed),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet, upper, noise, ratio, _, p_problem, accents, decomposed = _SPEC[difficulty]
        # Edge inputs come from large spaces (each input belongs to one split only): a lone letter is
        # wrapped in punctuation rather than bare, and only "" is shared by every split.
        pool = ["empty", "middle"] + (["case"] if difficulty >= 2 else [])
        if difficulty >= 4:
            pool += ["punctuation", "one letter"]
        if difficulty >= 9:
            pool.append("look-alike")
        # two a problem, so most tests stay random; from level 5 a near miss in the digits leads them; from
        # level 6, in some problems (every one from 8), a palindrome only when accents are ignored; from 9
        # always a near miss in the middle pair
        kinds = (["digits"] if difficulty >= 5 else []) + (["middle"] if difficulty >= 9 else [])
        kinds += rng.sample([k for k in pool if k not in kinds], 1 if difficulty >= 9 else 2)
        if rng.random() < p_problem:
            kinds.insert(0, "accents")
        edges = []
        for kind in kinds:
            if kind == "empty":  # True
                edges.append(("",))
            elif kind == "middle":  # only the innermost pair differs: loops that stop early say True
                half = rng.choices(alphabet, k=rng.randint(3, hi // 2 - 1))
                # from level 6 half the time (from 9 always) two non-ASCII letters: code that keeps only
                # ASCII letters says True
                plain = alphabet == _WORLD and (difficulty >= 9 or rng.random() < 0.5)
                x, y = rng.sample(_PLAIN if plain else alphabet, 2)
                edges.append((_dress(rng, half + [x, y] + half[::-1], upper, noise, ratio, accents, decomposed),))
            elif kind == "digits":  # False only because two mirrored digits differ: ignoring digits says True
                half = rng.choices(alphabet, k=rng.randint(2, hi // 2 - 1))
                d, e = rng.sample(string.digits, 2)
                k = rng.randint(0, len(half))
                half.insert(k, d)
                core = half + rng.choices(alphabet, k=rng.randint(0, 1)) + half[::-1]
                core[len(core) - 1 - k] = e  # d's mirror
                edges.append((_dress(rng, core, upper, noise, ratio, accents, decomposed),))
            elif kind == "one letter":  # one letter or digit among punctuation: True
                chars = rng.choices(noise.strip(), k=rng.randint(2, 8))
                chars.insert(rng.randint(0, len(chars)), rng.choice(alphabet))
                edges.append(("".join(chars),))
            elif kind == "case":  # equal only when case is ignored: "Abcba" is True
                half = rng.choices(_LOWER, k=rng.randint(2, lo))
                core = half + rng.choices(_LOWER, k=rng.randint(0, 1)) + half[::-1]
                i = rng.randrange(len(half))
                core[i] = core[i].upper()
                edges.append(("".join(core),))
            elif kind in ("accents", "look-alike"):
                # a palindrome whose mirrored pair is a precomposed accented letter and the plain letter
                # (or another accent): True; or a letter NFD leaves whole and its look-alike (ø, o): False
                half = rng.choices(alphabet, k=rng.randint(3, hi // 2 - 1))
                core = half + rng.choices(alphabet, k=rng.randint(0, 1)) + half[::-1]
                i = rng.randrange(len(half))
                mirror = len(core) - 1 - i
                if kind == "accents":
                    text = [_accent(rng, c, decomposed) if rng.random() < accents else c for c in core]
                    base = rng.choice(list(_ACCENTED))
                    text[i] = rng.choice(_ACCENTED[base])
                    text[mirror] = rng.choice([base] + [v for v in _ACCENTED[base] if v != text[i]])
                else:
                    text = core
                    text[i] = rng.choice(list(_LOOK_ALIKE))
                    text[mirror] = _LOOK_ALIKE[text[i]]
                edges.append((_dress(rng, text, upper, noise, ratio),))
            else:  # punctuation only, nothing to compare: True
                edges.append(("".join(rng.choices(noise.strip(), k=rng.randint(3, 8))),))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        assert set(s) <= _ALLOWED, f"unexpected character in {s!r}"
