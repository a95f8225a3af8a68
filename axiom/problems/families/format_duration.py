"""Write a number of seconds as a human-readable duration: "1 hour, 2 minutes and 3 seconds"."""

from __future__ import annotations

import random

from axiom.problems.family import Family, register_family

_UNITS = (("year", 365 * 24 * 3600), ("day", 24 * 3600), ("hour", 3600), ("minute", 60), ("second", 1))
_LIMITS = {"day": 364, "hour": 23, "minute": 59, "second": 59}
# level: (most days, most years, most units below the largest that are 0 or 1, share of those that are 0)
# Levels 1-2 are the plain case: every unit from the largest down present and plural (a count of 2 or
# more), at level 1 the largest a day, an hour or a minute; singular and zero units come at level 3.
_SPEC = {
    1: (99, 0, 0, 0.0),
    2: (364, 0, 0, 0.0),
    3: (364, 0, 2, 0.5),
    4: (364, 10, 2, 0.6),
    5: (364, 100, 3, 0.6),
    6: (364, 100, 3, 0.4),
    7: (364, 1000, 3, 0.5),
    8: (364, 10**6, 4, 0.5),
    9: (364, 10**9, 4, 0.5),
    10: (364, 10**12, 4, 0.6),
}


def _limits(difficulty: int) -> dict[str, int]:
    """The largest count of each unit at the level (0: the unit does not appear)."""
    most_days, most_years = _SPEC[difficulty][:2]
    return {**_LIMITS, "year": most_years, "day": most_days}


def _seconds(rng: random.Random, difficulty: int, traps: int, zeros: float) -> int:
    """A duration drawn unit by unit: the largest unit of the level and most smaller ones from their whole
    range, `traps` of the smaller ones 0 (a share `zeros` of them) or 1. Limiting the traps keeps the
    number of possible durations large: with every unit 0 or 1 there would be only a few thousand."""
    limits = _limits(difficulty)
    units = [(name, size) for name, size in _UNITS if limits[name]]
    if limits["year"] and rng.random() < 0.15:  # now and then no years: "5 days, 3 hours and 1 second"
        units = units[1:]
    least = 2 if difficulty <= 2 else 1  # plural counts only at levels 1-2
    if difficulty == 1:  # a quarter of the durations start at hours, some at minutes
        units = units[rng.choice((0, 0, 0, 0, 0, 0, 1, 1, 2)):]
    trapped = rng.sample(units[1:], min(traps, len(units) - 1))
    total = 0
    for unit in units:
        name, size = unit
        if unit in trapped:
            count = 0 if rng.random() < zeros else 1
        else:
            count = rng.randint(least, limits[name])
        total += count * size
    return total


@register_family("format_duration")
class FormatDuration(Family):
    # 2: every problem tests 0 ("now", stated by the description) and (level 3+) one unit alone
    # 3: level 1 is plain (every unit from the largest down, each plural; no singular edge case), so
    #    the default model, which writes every unit in the plural, has a level to start from
    # 4: level 2 is plain too (up to 364 days; the default model solved level 1 and nothing with a
    #    singular unit): singular and zero units both come at level 3
    version = 4
    entry_point = "format_duration"
    signature = "def format_duration(seconds: int) -> str"
    description = (
        "Write a duration of `seconds` (an integer, 0 or more) in words, using years, days, hours,\n"
        "minutes and seconds, where a year is 365 days, a day 24 hours, an hour 60 minutes and a minute\n"
        "60 seconds. Use each unit as much as possible, the largest first: 3662 seconds is 1 hour, 1\n"
        "minute and 2 seconds. Write each unit that is not zero as its count, a space and the unit's\n"
        "name, plural with an \"s\" unless the count is exactly 1 (\"1 day\", \"2 days\"); leave out units\n"
        "that are zero. Join the parts with \", \" except the last two, which are joined with \" and \":\n"
        "\"1 hour, 2 minutes and 3 seconds\", \"4 years and 5 seconds\", \"7 days\". A duration of 0\n"
        "seconds is \"now\"."
    )
    levels = {
        1: "every unit from the largest (days up to 99, hours or minutes) down, each 2 or more (plural); "
           "0 seconds (now) in every problem; a duration under a day",
        2: "up to 364 days, every unit present and plural; a duration under a day",
        3: "singular units (1 minute); zero units left out, so the \"and\" moves; one unit alone (7 days)",
        4: "years (365 days), up to 10 of them",
        5: "up to 100 years, up to three units zero or one",
        6: "up to 100 years, more singular units; exactly two units, years and a small one",
        7: "up to 1000 years",
        8: "up to a million years, up to four units zero or one",
        9: "up to 10^9 years",
        10: "up to 10^12 years, up to four units zero or one",
    }
    reference_source = '''def format_duration(seconds: int) -> str:
    if seconds == 0:
        return "now"
    units = [("year", 365 * 24 * 3600), ("day", 24 * 3600), ("hour", 3600), ("minute", 60), ("second", 1)]
    parts = []
    for name, size in units:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {name}" + ("" if count == 1 else "s"))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
'''
    category = "parsing"
    wrong_sources = (
        '''def format_duration(seconds):  # always plural: "1 hours"
    if seconds == 0:
        return "now"
    parts = []
    for name, size in [("year", 31536000), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)]:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {name}s")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
''',
        '''def format_duration(seconds):  # joins every part with ", ", never " and "
    if seconds == 0:
        return "now"
    parts = []
    for name, size in [("year", 31536000), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)]:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {name}" + ("" if count == 1 else "s"))
    return ", ".join(parts)
''',
        '''def format_duration(seconds):  # writes zero units too: "0 days"
    if seconds == 0:
        return "now"
    units = [("year", 31536000), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)]
    while units[0][1] > seconds:
        units.pop(0)
    parts = []
    for name, size in units:
        count, seconds = divmod(seconds, size)
        parts.append(f"{count} {name}" + ("" if count == 1 else "s"))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
''',
    )

    def sample_args(self, rng: random.Random, difficulty: int) -> tuple:
        _, _, traps, zeros = _SPEC[difficulty]
        return (_seconds(rng, difficulty, rng.randint(0, traps), zeros),)

    def edge_cases(self, rng: random.Random, difficulty: int) -> list[tuple]:
        # "now", which the description states (so every split may test it), and one unit alone: "180 days"
        edges = [(0,)]
        if difficulty >= 3:
            limits = _limits(difficulty)
            name, size = rng.choice([(name, size) for name, size in _UNITS if limits[name]])
            edges.append((rng.randint(1, limits[name]) * size,))
        pool = ["short"] if difficulty <= 2 else ["singular"] + (["two units"] if difficulty >= 6 else [])
        for kind in rng.sample(pool, 1):
            if kind == "short":  # under a day: hours (or minutes) first, every count plural
                edges.append((rng.randint(2, 23) * 3600 * rng.randint(0, 1) + rng.randint(2, 59) * 60
                              + rng.randint(2, 59),))
            elif kind == "singular":  # two units exactly 1, the others more
                edges.append((_seconds(rng, difficulty, 2, 0.0),))
            else:  # years and one smaller unit, everything between them zero
                most_years = _SPEC[difficulty][1]
                name, size = rng.choice(_UNITS[1:])
                edges.append((rng.randint(1, most_years) * _UNITS[0][1] + rng.randint(1, _LIMITS[name]) * size,))
        return edges

    def stated(self, args: list) -> bool:
        return args[0] == 0  # 'A duration of 0 seconds is "now"'

    def check_args(self, seconds: int) -> None:
        assert type(seconds) is int and seconds >= 0, f"seconds must be an int >= 0, got {seconds!r}"
