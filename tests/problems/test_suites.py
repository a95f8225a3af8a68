import pytest

from axiom.errors import ConfigError, UnknownFamilyError
from axiom.problems.suites import V2, parse_difficulties, resolve_families, suite_families


@pytest.mark.parametrize("spec, levels", [
    ("1,3,5,7,10", [1, 3, 5, 7, 10]), ("3-7", [3, 4, 5, 6, 7]), ("1-3,8", [1, 2, 3, 8]),
    ("5", [5]), ([10, 1, 1], [1, 10]), (4, [4]),
])
def test_parse_difficulties(spec, levels):
    assert parse_difficulties(spec) == levels


@pytest.mark.parametrize("spec", ["0", "11", "a", "1,,3", "", "7-x"])
def test_bad_difficulties_are_clear_errors(spec):
    with pytest.raises(ConfigError, match="difficult"):
        parse_difficulties(spec)


def test_named_suites():
    assert suite_families("v2") == list(V2) and len(V2) == 11
    assert suite_families("phase6") == ["arithmetic", "rpn", "parentheses"]
    assert set(V2) <= set(suite_families("all"))
    with pytest.raises(ConfigError, match="allowed: v2, phase6, all"):
        suite_families("v3")


def test_families_override_suite_and_unknown_names_fail():
    assert resolve_families("v2", "rpn, fibonacci") == ["rpn", "fibonacci"]
    with pytest.raises(UnknownFamilyError, match="unknown family 'rpm'; known families: .*rpn"):
        resolve_families(families=["rpm"])
