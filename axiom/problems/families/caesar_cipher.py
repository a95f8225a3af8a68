"""Shift every ASCII letter of a text along the alphabet, wrapping around, keeping its case."""

from __future__ import annotations

import random
import string

from axiom.problems.family import Family, register_family

_LOWER = string.ascii_lowercase
_SPACED = _LOWER + " " * 5
_CASED = string.ascii_letters + " " * 8
_PRINTABLE = string.ascii_letters + string.digits + " " * 10 + string.punctuation
# non-ASCII letters must stay as they are: a solution testing c.isalpha() shifts them
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ"
_WORLD = _PRINTABLE + _NON_ASCII
_ALLOWED = frozenset(_WORLD)
_LAST_LETTERS = "vwxyzVWXYZ"  # letters that wrap around for most positive shifts
# level: (shortest text, longest, alphabet, largest shift in absolute value, negative shifts)
_SPEC = {
    1: (4, 12, _LOWER, 25, False),
    2: (5, 16, _SPACED, 25, False),
    3: (5, 20, _CASED, 25, False),
    4: (6, 24, _PRINTABLE, 25, False),
    5: (6, 28, _PRINTABLE, 25, True),
    6: (8, 32, _PRINTABLE, 100, True),
    7: (8, 40, _PRINTABLE, 1000, True),
    8: (10, 48, _WORLD, 10**4, True),
    9: (10, 56, _WORLD, 10**9, True),
    10: (12, 64, _WORLD, 10**18, True),
}


def _shift(rng: random.Random, biggest: int, negative: bool) -> int:
    shift = rng.randint(1, biggest)
    return -shift if negative and rng.random() < 0.5 else shift


@register_family("caesar_cipher")
class CaesarCipher(Family):
    entry_point = "caesar_cipher"
    signature = "def caesar_cipher(text: str, shift: int) -> str"
    description = (
        "Encrypt `text` with a Caesar cipher: move every ASCII letter `shift` places along the alphabet,\n"
        "wrapping around from z to a (so 'y' shifted by 3 is 'b'). Lower-case letters stay lower-case and\n"
        "upper-case letters stay upper-case. A negative shift moves letters backwards ('b' shifted by -3 is\n"
        "'y'), and a shift may be larger than 26 in either direction (a shift of 27 moves a letter by 1).\n"
        "Only the ASCII letters a-z and A-Z change: digits, spaces, punctuation and non-ASCII letters such\n"
        "as é or ж stay exactly as they are. Return the encrypted string."
    )
    levels = {
        1: "lower-case letters, length 4-12, shifts 1-25; letters near z that wrap around",
        2: "lower-case words and spaces, length 5-16",
        3: "upper and lower case, length 5-20",
        4: "digits and punctuation that must stay unchanged, length 6-24",
        5: "negative shifts -25..25; a shift of 0",
        6: "shifts up to +-100; a multiple of 26, which changes nothing",
        7: "shifts up to +-1000, length 8-40",
        8: "non-ASCII letters (é, ж...) that must stay unchanged, shifts up to +-10^4; the empty text",
        9: "shifts up to +-10^9, length 10-56",
        10: "shifts up to +-10^18, length 12-64",
    }
    reference_source = '''def caesar_cipher(text: str, shift: int) -> str:
    result = []
    for ch in text:
        if "a" <= ch <= "z":
            result.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            result.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            result.append(ch)
    return "".join(result)
'''
    category = "strings"
    wrong_sources = (
        '''def caesar_cipher(text, shift):  # turns upper-case letters into lower-case ones
    out = ""
    for ch in text:
        if ch.isascii() and ch.isalpha():
            out += chr((ord(ch.lower()) - 97 + shift) % 26 + 97)
        else:
            out += ch
    return out
''',
        '''def caesar_cipher(text, shift):  # wraps around once instead of taking the shift modulo 26
    out = ""
    for ch in text:
        if ch.isascii() and ch.isalpha():
            base = ord("a") if ch.islower() else ord("A")
            k = ord(ch) - base + shift
            if k >= 26:
                k -= 26
            elif k < 0:
                k += 26
            out += chr(base + k)
        else:
            out += ch
    return out
''',
        '''def caesar_cipher(text, shift):  # shifts non-ASCII letters such as é too
    out = ""
    for ch in text:
        if ch.isalpha():
            base = ord("a") if ch.islower() else ord("A")
            out += chr((ord(ch) - base + shift) % 26 + base)
        else:
            out += ch
    return out
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        lo, hi, alphabet, biggest, negative = _SPEC[difficulty]
        text = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
        return (text, _shift(rng, biggest, negative))

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        lo, hi, alphabet, biggest, negative = _SPEC[difficulty]
        pool = ["wrap"] + (["zero"] if difficulty >= 5 else []) + (["whole turns"] if difficulty >= 6 else [])
        if difficulty >= 8:
            pool.append("empty")  # with a shift from a wide range, so each split has its own
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            text = "".join(rng.choices(alphabet, k=rng.randint(lo, hi)))
            if kind == "wrap":  # the last letters of the alphabet, pushed past z
                letters = _LAST_LETTERS if difficulty >= 3 else _LAST_LETTERS[:5]
                text = "".join(rng.choices(letters, k=rng.randint(lo, hi)))
                edges.append((text, rng.randint(5, 25)))
            elif kind == "zero":
                edges.append((text, 0))
            elif kind == "whole turns":  # a multiple of 26 changes nothing
                edges.append((text, 26 * rng.randint(-(biggest // 26), biggest // 26)))
            else:
                edges.append(("", _shift(rng, biggest, negative)))
        return edges

    def check_args(self, text: str, shift: int) -> None:
        assert isinstance(text, str) and type(shift) is int, f"expected (str, int), got {text!r}, {shift!r}"
        assert set(text) <= _ALLOWED, f"unexpected character in {text!r}"
        assert abs(shift) <= 10**18, f"shift {shift} out of range"
