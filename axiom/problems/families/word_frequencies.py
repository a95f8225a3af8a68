"""Count how often each word occurs in a text; words are runs of letters, compared in lowercase."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_WORDS = (
    "the", "a", "and", "of", "to", "in", "is", "it", "cat", "dog", "sun", "sea", "run", "big", "red", "blue",
    "apple", "river", "stone", "light", "green", "house", "music", "quick", "brown", "fox", "jumps", "over",
    "lazy", "night", "star", "tree", "book", "read", "write", "code", "test", "data", "model", "small",
)
_SPACE = (" ",)
_WHITESPACE = (" ", " ", " ", "  ", "\t", "\n", " \n ")
_JOINERS = _WHITESPACE + ("-", "/", "'", "--")
_DIGITS = _JOINERS + ("_", "1", "42", " 7 ", "2024")
_AFTER, _BEFORE = ",.!?;:", "(\"'"
# level: (fewest words, most words, vocabulary size, separators, mixed case?, punctuation?)
_SPEC = {
    1: (3, 8, 12, _SPACE, False, False),
    2: (4, 10, 10, _SPACE, False, False),
    3: (4, 12, 10, _SPACE, True, False),
    4: (5, 14, 12, _SPACE, True, True),
    5: (5, 16, 12, _WHITESPACE, True, True),
    6: (6, 20, 14, _JOINERS, True, True),
    7: (6, 24, 16, _DIGITS, True, True),
    8: (8, 30, 18, _DIGITS, True, True),
    9: (10, 40, 20, _DIGITS, True, True),
    10: (12, 50, 24, _DIGITS, True, True),
}


def _word(rng: random.Random, word: str, mixed_case: bool, punctuation: bool) -> str:
    if mixed_case:
        word = rng.choice((word, word, word.capitalize(), word.upper()))
    if punctuation and rng.random() < 0.3:
        word = word + rng.choice(_AFTER) if rng.random() < 0.8 else rng.choice(_BEFORE) + word
    return word


def _text(rng: random.Random, words: list[str], separators: tuple[str, ...], mixed_case: bool,
          punctuation: bool) -> str:
    parts = [_word(rng, words[0], mixed_case, punctuation)]
    for w in words[1:]:
        parts.append(rng.choice(separators))
        parts.append(_word(rng, w, mixed_case, punctuation))
    return "".join(parts)


@register_family("word_frequencies")
class WordFrequencies(Family):
    entry_point = "word_frequencies"
    signature = "def word_frequencies(text: str) -> dict[str, int]"
    description = (
        "Count the words of an ASCII text. A word is a maximal run of the letters a-z and A-Z: every\n"
        "other character (spaces, tabs, newlines, punctuation, digits, hyphens, apostrophes, underscores)\n"
        "separates words, so \"well-known\" is the two words \"well\" and \"known\", \"don't\" is \"don\" and\n"
        "\"t\", and \"abc123def\" is \"abc\" and \"def\". Words are compared in lowercase: \"The\" and \"the\" are\n"
        "the same word. Return a dict mapping each lowercase word to the number of times it occurs; a\n"
        "text without letters gives an empty dict."
    )
    levels = {
        1: "3-8 lowercase words separated by single spaces",
        2: "4-10 words, more repeats; the empty text is an edge case",
        3: "4-12 words in mixed case (The, THE, the)",
        4: "5-14 words with punctuation attached (end., (so, yes!)",
        5: "5-16 words, runs of spaces, tabs and newlines; a text without letters",
        6: "6-20 words joined by hyphens, slashes and apostrophes",
        7: "6-24 words, digits and underscores between words",
        8: "8-30 words",
        9: "10-40 words",
        10: "12-50 words, a larger vocabulary",
    }
    reference_source = '''import re


def word_frequencies(text: str) -> dict[str, int]:
    counts = {}
    for word in re.findall(r"[a-z]+", text.lower()):
        counts[word] = counts.get(word, 0) + 1
    return counts
'''
    category = "dicts_sets"
    wrong_sources = (
        '''def word_frequencies(text):  # splits on whitespace only: punctuation stays in the words
    counts = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts
''',
        '''import re


def word_frequencies(text):  # forgets to lowercase: "The" and "the" counted apart
    counts = {}
    for word in re.findall(r"[A-Za-z]+", text):
        counts[word] = counts.get(word, 0) + 1
    return counts
''',
        '''import re


def word_frequencies(text):  # \\w+ also takes digits and underscores into words
    counts = {}
    for word in re.findall(r"\\w+", text.lower()):
        counts[word] = counts.get(word, 0) + 1
    return counts
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        short, long, vocab, separators, mixed_case, punctuation = _SPEC[difficulty]
        words = rng.choices(rng.sample(_WORDS, vocab), k=rng.randint(short, long))
        return (_text(rng, words, separators, mixed_case, punctuation),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        short, long, vocab, separators, mixed_case, punctuation = _SPEC[difficulty]
        pool = ["one_word_often"] + (["empty"] if difficulty >= 2 else [])
        if difficulty >= 3:
            pool.append("cases")
        if difficulty >= 5:
            pool.append("no_letters")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):
            n = rng.randint(short, long)
            if kind == "one_word_often":  # one word makes up half the text
                words = [rng.choice(_WORDS)] * (n // 2 + 1) + rng.choices(_WORDS, k=n // 2)
                rng.shuffle(words)
                edges.append((_text(rng, words, separators, mixed_case, punctuation),))
            elif kind == "cases":  # one word in several spellings: The, the, THE
                w = rng.choice(_WORDS)
                words = [rng.choice((w, w.capitalize(), w.upper())) for _ in range(rng.randint(2, 5))]
                words += rng.choices(_WORDS, k=n // 2)
                rng.shuffle(words)
                edges.append((_text(rng, words, separators, False, punctuation),))
            elif kind == "no_letters":  # digits, punctuation and spaces only
                edges.append(("".join(rng.choices("0123456789 ,.!?-_()'", k=rng.randint(4, 20))),))
            else:
                edges.append(("",))
        return edges

    def check_args(self, text: str) -> None:
        assert isinstance(text, str) and text.isascii(), f"expected an ASCII string, got {text!r}"
