"""docs/problems.md's family table is the registry's: no second list to keep in step by hand."""

from pathlib import Path

from axiom.problems.command import family_table
from axiom.problems.family import CATEGORIES, registered_families

DOC = Path(__file__).parents[2] / "docs" / "problems.md"


def test_the_docs_family_table_is_generated_from_the_registry():
    text = DOC.read_text()
    start, end = text.index("<!-- family table"), text.index("<!-- /family table -->")
    shown = text[text.index("\n", start) + 1:end].strip()
    fams = registered_families()
    names = sorted(fams, key=lambda n: (CATEGORIES.index(fams[n].category), n))
    assert shown == family_table(names), \
        "docs/problems.md is out of date: replace its family table with `axiom problems list --markdown`"


def test_problems_list_shows_every_family_with_its_category(capsys):
    from axiom.cli import main

    assert main(["problems", "list"]) == 0
    out = capsys.readouterr().out
    for name, family in registered_families().items():
        assert f"{name}  [{family.category}]" in out
