"""Is a distribution's code permissively licensed? Decided from its metadata alone, conservatively.

In order: the `License-Expression` field (PEP 639, SPDX: `OR` needs one permissive side, `AND`
needs both, `WITH` an exception keeps the base licence's answer); else the `License ::`
classifiers (every one must be permissive); else a short `License` field read as an SPDX
expression or a known name, or a long one recognised by the MIT / BSD / Apache wording. Anything
else, including no licence metadata at all, is "unknown" and left out.

What is not covered: a package that vendors code under another licence (its files are recorded
under the package's own licence), and a licence text too unusual to recognise (left out, not guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

PERMISSIVE = frozenset({
    "MIT", "MIT-0", "MIT-CMU", "X11", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear", "0BSD", "BSD",
    "Apache-2.0", "ISC", "PSF-2.0", "Python-2.0", "Python-2.0.1", "CNRI-Python", "Zlib", "Unlicense",
    "CC0-1.0", "BSL-1.0", "HPND", "NCSA", "UPL-1.0",
})
# Classifier names (the part after the last "::") of permissive licences, as SPDX ids.
CLASSIFIERS = {
    "MIT License": "MIT", "MIT No Attribution License (MIT-0)": "MIT-0", "BSD License": "BSD",
    "Apache Software License": "Apache-2.0", "ISC License (ISCL)": "ISC",
    "Python Software Foundation License": "PSF-2.0", "The Unlicense (Unlicense)": "Unlicense",
    "zlib/libpng License": "Zlib", "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
    "Historical Permission Notice and Disclaimer (HPND)": "HPND",
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
    "University of Illinois/NCSA Open Source License": "NCSA",
    "Universal Permissive License (UPL)": "UPL-1.0",
}
# Free-text names seen in `License` fields, lower-cased, without punctuation.
NAMES = {
    "mit": "MIT", "mit license": "MIT", "bsd": "BSD", "bsd license": "BSD", "new bsd": "BSD-3-Clause",
    "3clause bsd license": "BSD-3-Clause", "bsd 3clause": "BSD-3-Clause", "bsd 3clause license": "BSD-3-Clause",
    "bsd3": "BSD-3-Clause", "bsd 2clause": "BSD-2-Clause", "apache": "Apache-2.0", "apache 20": "Apache-2.0",
    "apache license 20": "Apache-2.0", "apache 20 license": "Apache-2.0", "apache software license": "Apache-2.0",
    "isc": "ISC", "isc license": "ISC", "psf": "PSF-2.0", "zlib": "Zlib", "unlicense": "Unlicense",
}
_TEXTS = [  # (SPDX id, wording that identifies the licence text, wording that must be absent)
    ("MIT", "permission is hereby granted, free of charge", "gnu general public"),
    ("BSD", "redistribution and use in source and binary forms", "gnu general public"),
    ("Apache-2.0", "apache license", "gnu general public"),
]
_TOKEN = re.compile(r"\(|\)|[^\s()]+")


@dataclass(frozen=True)
class Licence:
    spdx: str         # what the metadata says, as an SPDX-like expression ("unknown" where it says nothing usable)
    source: str       # where that came from: License-Expression, classifier, License field, stdlib, none
    permissive: bool


def classify(metadata: Message) -> Licence:
    """The licence of one distribution, from its METADATA (`importlib.metadata.Distribution.metadata`)."""
    expression = (metadata.get("License-Expression") or "").strip()
    if expression:
        return Licence(expression, "License-Expression", expression_permissive(expression))
    classifiers = [c.split("::")[-1].strip() for c in metadata.get_all("Classifier") or []
                   if c.startswith("License ::") and c.count("::") >= 2]
    classifiers = [c for c in classifiers if c != "OSI Approved"]
    if classifiers:
        ids = [CLASSIFIERS.get(c, c) for c in classifiers]
        return Licence(" AND ".join(ids), "classifier", all(i in PERMISSIVE for i in ids))
    text = (metadata.get("License") or "").strip()
    if text:
        spdx = field_licence(text)
        return Licence(spdx or "unknown", "License field", spdx is not None and expression_permissive(spdx))
    return Licence("unknown", "none", False)


def field_licence(text: str) -> str | None:
    """A free-text `License` field as an SPDX expression, or None when it cannot be read."""
    if "\n" not in text and len(text) <= 80:
        name = re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()
        if name in NAMES:
            return NAMES[name]
        words = [tok for tok in _TOKEN.findall(text) if tok not in "()"]
        if words and all((tok in ("AND", "OR", "WITH")) == (i % 2 == 1) and re.fullmatch(r"[\w.+-]+", tok)
                         for i, tok in enumerate(words)):
            return text  # an SPDX expression written in the old field ("MPL-2.0 AND MIT")
        return None
    lowered = " ".join(text.lower().split())
    for spdx, wording, absent in _TEXTS:
        if wording in lowered and absent not in lowered:
            return spdx
    return None


def expression_permissive(expression: str) -> bool:
    """Evaluate an SPDX expression: OR needs one permissive side, AND both; `X WITH exception` is X.

    Precedence as SPDX defines it (WITH, then AND, then OR); a malformed expression is not permissive.
    """
    tokens = _TOKEN.findall(expression)
    try:
        value, rest = _or(tokens)
    except (IndexError, ValueError):
        return False
    return value and not rest


def _or(tokens: list[str]) -> tuple[bool, list[str]]:
    value, tokens = _and(tokens)
    while tokens and tokens[0].upper() == "OR":
        right, tokens = _and(tokens[1:])
        value = value or right
    return value, tokens


def _and(tokens: list[str]) -> tuple[bool, list[str]]:
    value, tokens = _atom(tokens)
    while tokens and tokens[0].upper() == "AND":
        right, tokens = _atom(tokens[1:])
        value = value and right
    return value, tokens


def _atom(tokens: list[str]) -> tuple[bool, list[str]]:
    head, tokens = tokens[0], tokens[1:]
    if head == "(":
        value, tokens = _or(tokens)
        if not tokens or tokens[0] != ")":
            raise ValueError("unbalanced parenthesis")
        tokens = tokens[1:]
    elif head in (")", "AND", "OR", "WITH"):
        raise ValueError(f"unexpected {head}")
    else:
        value = head.rstrip("+") in PERMISSIVE or head in PERMISSIVE
    if tokens and tokens[0].upper() == "WITH":  # an exception only grants more
        tokens = tokens[2:]
    return value, tokens
