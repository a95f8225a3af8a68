"""Is a string a palindrome once case and everything but letters and digits are ignored?"""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_LOWER_DIGITS = string.ascii_lowercase + string.digits
_LIGHT = " " * 6 + ",.!?'-"
_HEAVY = " " * 10 + string.punctuation
# level: (fewest letters/digits, most, their alphabet, chance of upper case, noise characters,
#         noise per letter, chance a non-palindrome is a near miss of a palindrome)
_SPEC = {
    1: (5, 12, _LOWER, 0.0, "", 0.0, 0.3),
    2: (5, 14, _LOWER, 0.3, "", 0.0, 0.4),
    3: (6, 16, _LOWER, 0.3, "", 0.0, 0.5),
    4: (6, 20, _LOWER, 0.3, _LIGHT, 0.25, 0.6),
    5: (6, 24, _LOWER_DIGITS, 0.3, _LIGHT, 0.3, 0.7),
    6: (8, 30, _LOWER_DIGITS, 0.4, _LIGHT, 0.3, 0.8),
    7: (8, 36, _LOWER_DIGITS, 0.5, _LIGHT, 0.35, 0.9),
    8: (10, 36, _LOWER_DIGITS, 0.5, _HEAVY, 0.6, 1.0),
    9: (10, 40, _LOWER_DIGITS, 0.5, _HEAVY, 0.6, 1.0),
    10: (12, 44, _LOWER_DIGITS, 0.5, _HEAVY, 0.6, 1.0),
}


def _dress(rng: random.Random, core: list[str], upper: float, noise: str, ratio: float) -> str:
    """`core` (lower-case letters and digits) with some letters upper-cased and noise characters sprinkled
    between them."""
    chars = [c.upper() if c.isalpha() and rng.random() < upper else c for c in core]
    if noise:
        for c in rng.choices(noise, k=int(len(core) * ratio * (0.5 + rng.random()))):
            chars.insert(rng.randint(0, len(chars)), c)
    return "".join(chars)


def _break(rng: random.Random, core: list[str], alphabet: str) -> list[str]:
    """`core` (a palindrome of letters and digits) with one of them changed, never the middle one, so
    that it no longer matches its mirror."""
    n = len(core)
    i = rng.randrange(n - n % 2)
    if n % 2 and i >= n // 2:
        i += 1  # skip the middle letter, which is its own mirror
    new = rng.choice([c for c in alphabet if c != core[i]])
    return core[:i] + [new] + core[i + 1:]


@register_family("is_palindrome")
class IsPalindrome(Family):
    # 2: plain rng calls where random bytes were a mask of upper-case letters; from level 5 a near miss
    #    that only its digits break leads the hidden tests (ignoring digits passed 83-89% of them)
    version = 2
    entry_point = "is_palindrome"
    signature = "def is_palindrome(s: str) -> bool"
    description = (
        "Decide whether the ASCII string s is a palindrome when only its letters and digits are\n"
        "considered and upper and lower case are treated as equal: drop every other character\n"
        "(spaces, punctuation), lower-case what remains, and check that it reads the same forwards\n"
        "and backwards. Return True or False. A string with no letters or digits at all (including\n"
        "the empty string) counts as a palindrome."
    )
    levels = {
        1: "lowercase letters, 5-12 of them; the empty string, a near miss in the middle pair",
        2: "mixed case, 5-14 letters; a palindrome only when case is ignored",
        3: "mixed case, 6-16 letters",
        4: "spaces and some punctuation; punctuation only, one letter among punctuation",
        5: "digits too, 6-24 letters and digits; a near miss that only its digits break",
        6: "8-30 letters and digits",
        7: "8-36 letters and digits; most non-palindromes differ in one character",
        8: "heavy noise: any ASCII punctuation, 10-36 letters and digits; near misses only",
        9: "10-40 letters and digits, heavy noise",
        10: "12-44 letters and digits, heavy noise, up to ~85 characters",
    }
    reference_source = '''def is_palindrome(s: str) -> bool:
    cleaned = [ch.lower() for ch in s if ch.isalnum()]
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
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, alphabet, upper, noise, ratio, p_near = _SPEC[difficulty]
        n = rng.randint(lo, hi)
        roll = rng.random()
        if roll < 0.5 + 0.5 * p_near:  # a palindrome, or (the upper part of the roll) a near miss of one
            half = rng.choices(alphabet, k=n // 2)
            core = half + rng.choices(alphabet, k=n % 2) + half[::-1]
            return (_dress(rng, core if roll < 0.5 else _break(rng, core, alphabet), upper, noise, ratio),)
        core = rng.choices(alphabet, k=n)  # unrelated characters
        if core == core[::-1]:
            core = _break(rng, core, alphabet)
        return (_dress(rng, core, upper, noise, ratio),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet, upper, noise, ratio, _ = _SPEC[difficulty]
        # Edge inputs come from large spaces (each input belongs to one split only): a lone letter is
        # wrapped in punctuation rather than bare, and only "" is shared by every split.
        pool = ["empty", "middle"] + (["case"] if difficulty >= 2 else [])
        if difficulty >= 4:
            pool += ["punctuation", "one letter"]
        # two a problem, so most tests stay random; from level 5 a near miss in the digits leads them
        kinds = (["digits"] if alphabet == _LOWER_DIGITS else []) + rng.sample(pool, min(2, len(pool)))
        edges = []
        for kind in kinds:
            if kind == "empty":  # True
                edges.append(("",))
            elif kind == "middle":  # only the innermost pair differs: loops that stop early say True
                half = rng.choices(alphabet, k=rng.randint(3, hi // 2 - 1))
                x, y = rng.sample(alphabet, 2)
                edges.append((_dress(rng, half + [x, y] + half[::-1], upper, noise, ratio),))
            elif kind == "digits":  # False only because two mirrored digits differ: ignoring digits says True
                half = rng.choices(alphabet, k=rng.randint(2, hi // 2 - 1))
                d, e = rng.sample(string.digits, 2)
                k = rng.randint(0, len(half))
                half.insert(k, d)
                core = half + rng.choices(alphabet, k=rng.randint(0, 1)) + half[::-1]
                core[len(core) - 1 - k] = e  # d's mirror
                edges.append((_dress(rng, core, upper, noise, ratio),))
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
            else:  # punctuation only, nothing to compare: True
                edges.append(("".join(rng.choices(noise.strip(), k=rng.randint(3, 8))),))
        return edges

    def check_args(self, s: str) -> None:
        assert isinstance(s, str), f"expected a string, got {type(s).__name__}"
        # printable ASCII (0x20-0x7e) is exactly the letters, digits, space and string.punctuation
        assert s.isascii() and s.isprintable(), f"non-ASCII or unexpected character in {s!r}"
