"""The suggested conclusion follows the comparison (domain.md §4, issue 5)."""
from __future__ import annotations

import pytest

from app.rules.conclusions import contradiction, suggest, suggest_design, suggest_patent, suggest_trademark


@pytest.mark.parametrize("claims, expected", [
    ([["same", "same", "same"]], "infringing"),
    ([["same", "equivalent", "same"]], "likely"),
    ([["same", "different", "same"]], "not_infringing"),
    ([["same", "missing"]], "not_infringing"),
    ([["same", "unknown", "same"]], "undetermined"),
    ([["same", None]], "undetermined"),                        # a row not yet marked
    ([["same", "different"], ["same", "same"]], "infringing"),  # one claim covered literally is enough
    ([["equivalent"], ["same", "missing"]], "likely"),
    ([["same", "unknown"], ["same", "same"]], "infringing"),   # an open row elsewhere decides nothing
    ([["different", "unknown"]], "not_infringing"),            # the claim fails whatever the open row says
    ([["different"], ["unknown"]], "undetermined"),            # the second claim could still be covered
    ([], "undetermined"),
])
def test_patent_all_elements_rule(claims, expected):
    assert suggest_patent(claims) == expected
    assert suggest("utility", {}, claims) == expected


@pytest.mark.parametrize("category, overall, expected", [
    ("same", "same", "infringing"), ("similar", "same", "infringing"), ("same", "similar", "likely"),
    ("same", "not_similar", "not_infringing"), ("different", "same", "not_infringing"),
    (None, "same", "undetermined"), ("same", None, "undetermined"),
])
def test_design(category, overall, expected):
    assert suggest_design(category, overall) == expected


@pytest.mark.parametrize("mark, goods, confusion, expected", [
    ("identical", "identical", None, "infringing"),
    ("similar", "similar", "likely", "likely"),
    ("identical", "similar", "likely", "likely"),
    ("similar", "identical", "unlikely", "not_infringing"),
    ("not_similar", "identical", "likely", "not_infringing"),
    ("similar", "not_similar", "likely", "not_infringing"),
    ("similar", "similar", None, "undetermined"),
])
def test_trademark(mark, goods, confusion, expected):
    assert suggest_trademark(mark, goods, confusion) == expected


def test_other_kind_has_no_suggestion_and_warning_names_both_conclusions():
    assert suggest("other", {}, []) is None
    assert contradiction(None, "infringing") is None
    assert contradiction("likely", "likely") is None
    warning = contradiction("not_infringing", "infringing")
    assert "不构成侵权" in warning and "“构成侵权”" in warning
