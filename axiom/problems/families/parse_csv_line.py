"""Split one line of CSV into fields: commas, double-quoted fields, doubled quotes inside them."""

from __future__ import annotations

import csv
import random
import re
import string

from axiom.problems.family import Family, register_family

_ALNUM = string.ascii_letters + string.digits
_SPACED = _ALNUM + " " * 6 + ".-_:;/"
_NON_ASCII = "éèàçñßüöäøåæœłžšÉÜÖжщыяюфдЖλπΩδ中文字日本語"
_WORLD = _SPACED + _NON_ASCII
_FIELD = r'(?:[^",]*|"(?:[^"]|"")*")'
_LINE = re.compile(f"{_FIELD}(?:,{_FIELD})*")
# level: (fewest fields, most, longest field, characters, chance a field is empty, chance a field is
#         quoted, chance of a comma inside a quoted field, chance of a quote inside a quoted field)
_SPEC = {
    1: (2, 4, 8, _ALNUM, 0.0, 0.0, 0.0, 0.0),
    2: (2, 5, 8, _ALNUM, 0.25, 0.0, 0.0, 0.0),
    3: (3, 6, 10, _SPACED, 0.2, 0.0, 0.0, 0.0),
    4: (3, 6, 10, _SPACED, 0.2, 0.4, 0.0, 0.0),
    5: (3, 7, 12, _SPACED, 0.2, 0.4, 0.5, 0.0),
    6: (3, 7, 12, _SPACED, 0.2, 0.5, 0.4, 0.4),
    7: (4, 9, 14, _SPACED, 0.25, 0.5, 0.5, 0.5),
    8: (4, 10, 14, _WORLD, 0.2, 0.5, 0.5, 0.5),
    9: (6, 14, 18, _WORLD, 0.2, 0.5, 0.5, 0.5),
    10: (8, 20, 24, _WORLD, 0.2, 0.5, 0.6, 0.6),
}


def _content(rng: random.Random, longest: int, chars: str, comma: float, quote: float, quoted: bool) -> str:
    """The text of one field; commas and quotes only in fields that will be quoted."""
    out = rng.choices(chars, k=rng.randint(1, longest))
    if quoted:
        for extra, chance in ((",", comma), ('"', quote)):
            while rng.random() < chance:
                out.insert(rng.randint(0, len(out)), extra)
                chance /= 2
    return "".join(out)


def _line(fields: list[str], quoted: list[bool]) -> str:
    return ",".join('"' + f.replace('"', '""') + '"' if q else f for f, q in zip(fields, quoted, strict=True))


def _draw(rng: random.Random, difficulty: int, n: int) -> tuple[list[str], list[bool]]:
    _, _, longest, chars, empty, quote_field, comma, quote = _SPEC[difficulty]
    quoted = [rng.random() < quote_field for _ in range(n)]
    fields = ["" if rng.random() < empty else _content(rng, longest, chars, comma, quote, q) for q in quoted]
    return fields, quoted


@register_family("parse_csv_line")
class ParseCsvLine(Family):
    entry_point = "parse_csv_line"
    signature = "def parse_csv_line(line: str) -> list[str]"
    description = (
        "Split one line of CSV (comma-separated values) into its fields and return them as a list of\n"
        "strings, in order. Fields are separated by commas. A field is either unquoted, any characters\n"
        "other than a comma or a double quote, kept exactly as they are (spaces included), or quoted:\n"
        "it starts and ends with a double quote (\"), may contain commas, and writes a double quote inside\n"
        "it as two double quotes (\"\"). Return a quoted field's content without the surrounding quotes\n"
        "and with each \"\" turned into one \". Fields may be empty: the line a,,b has three fields, the\n"
        "middle one empty, a line ending with a comma ends with an empty field, \"\" is an empty quoted\n"
        "field, and the empty line has one empty field ([\"\"]). Every line follows these rules."
    )
    levels = {
        1: "2-4 fields of letters and digits",
        2: "empty fields: a,,b and a trailing comma; the empty line",
        3: "spaces inside and around fields, which are kept",
        4: "double-quoted fields (quotes removed)",
        5: "commas inside quoted fields",
        6: "doubled quotes \"\" inside quoted fields",
        7: "4-9 fields; empty quoted fields and fields of only commas and quotes",
        8: "non-ASCII characters",
        9: "6-14 fields, up to 18 characters each",
        10: "8-20 fields, up to 24 characters, many commas and quotes inside quotes",
    }
    reference_source = '''def parse_csv_line(line: str) -> list[str]:
    fields = []
    field = ""
    in_quotes = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"' and i + 1 < len(line) and line[i + 1] == '"':
                field += '"'  # a doubled quote stands for one quote
                i += 1
            elif ch == '"':
                in_quotes = False
            else:
                field += ch
        elif ch == '"':
            in_quotes = True
        elif ch == ",":
            fields.append(field)
            field = ""
        else:
            field += ch
        i += 1
    fields.append(field)
    return fields
'''
    category = "parsing"
    wrong_sources = (
        '''def parse_csv_line(line):  # splits at every comma, even inside quotes, and keeps the quotes
    return line.split(",")
''',
        '''def parse_csv_line(line):  # drops every quote, so a doubled quote "" vanishes instead of becoming "
    fields, field, in_quotes = [], "", False
    for ch in line:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == "," and not in_quotes:
            fields.append(field)
            field = ""
        else:
            field += ch
    fields.append(field)
    return fields
''',
        '''def parse_csv_line(line):  # strips the spaces around each field
    fields, field, in_quotes, i = [], "", False, 0
    while i < len(line):
        ch = line[i]
        if in_quotes and ch == '"' and line[i + 1:i + 2] == '"':
            field += ch
            i += 1
        elif ch == '"':
            in_quotes = not in_quotes
        elif ch == "," and not in_quotes:
            fields.append(field.strip())
            field = ""
        else:
            field += ch
        i += 1
    fields.append(field.strip())
    return fields
''',
        '''def parse_csv_line(line):  # drops an empty last field
    fields, field, in_quotes, i = [], "", False, 0
    while i < len(line):
        ch = line[i]
        if in_quotes and ch == '"' and line[i + 1:i + 2] == '"':
            field += ch
            i += 1
        elif ch == '"':
            in_quotes = not in_quotes
        elif ch == "," and not in_quotes:
            fields.append(field)
            field = ""
        else:
            field += ch
        i += 1
    if field:
        fields.append(field)
    return fields
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        fewest, most = _SPEC[difficulty][:2]
        return (_line(*_draw(rng, difficulty, rng.randint(fewest, most))),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        fewest, most, longest, chars = _SPEC[difficulty][:4]
        pool = ["one field"] + (["empty", "trailing comma"] if difficulty >= 2 else [])
        if difficulty >= 7:
            pool.append("only commas and quotes")
        edges = []
        for kind in rng.sample(pool, min(2, len(pool))):  # two a problem, so most tests stay random
            fields, quoted = _draw(rng, difficulty, rng.randint(fewest, most))
            if kind == "one field":  # no comma at all
                edges.append((_line([_content(rng, 3 * longest, chars, 0.0, 0.0, False)], [False]),))
            elif kind == "empty":
                edges.append(("",))
            elif kind == "trailing comma":
                edges.append((_line(fields + [""], quoted + [False]),))
            else:  # a quoted field holding nothing but commas and quotes, and an empty quoted one
                odd = "".join(rng.choices(',"', k=rng.randint(1, 6)))
                fields[rng.randrange(len(fields))], fields[rng.randrange(len(fields))] = odd, ""
                edges.append((_line(fields, [True] * len(fields)),))
        return edges

    def check_args(self, line: str) -> None:
        assert isinstance(line, str), f"expected a string, got {type(line).__name__}"
        assert _LINE.fullmatch(line), f"{line!r} is not a line of well-formed CSV fields"

    def reference(self, line: str) -> list[str]:
        # reference_source, in C: the csv module reads these rules (its empty line is no row, not one field)
        return next(csv.reader([line])) if line else [""]
