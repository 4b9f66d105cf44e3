from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trialtracker.domain import nctid


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NCT00273364", "NCT00273364"),
        ("nct00273364", "NCT00273364"),
        ("  NCT00273364 ", "NCT00273364"),
        ("NCT273364", "NCT00273364"),
        ("NCT-00273364", "NCT00273364"),
        ("NCT1", "NCT00000001"),
    ],
)
def test_normalize_accepts_registry_pattern(raw: str, expected: str) -> None:
    assert nctid.normalize(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "NCT", "NCT00000000", "NCT123456789", "00273364", "NCTabc", "ISRCTN12345678"]
)
def test_normalize_rejects_non_ids(raw: str) -> None:
    with pytest.raises(nctid.InvalidNctId, match="invalid NCT ID"):
        nctid.normalize(raw)


def test_extract_finds_ids_in_any_text_in_order_without_duplicates() -> None:
    text = 'see nct00273364, "NCT04047628"; again NCT00273364 and NCT123456789 (too long) xNCT01234567'
    assert nctid.extract(text) == ["NCT00273364", "NCT04047628"]


def test_normalize_all_splits_good_and_bad() -> None:
    good, bad = nctid.normalize_all(["NCT00273364", "bogus", "nct00273364", "NCT04047628"])
    assert good == ["NCT00273364", "NCT04047628"]
    assert bad == ["bogus"]


@given(st.text())
def test_normalize_never_crashes_and_output_is_canonical(text: str) -> None:
    try:
        value = nctid.normalize(text)
    except nctid.InvalidNctId:
        return
    assert len(value) == 11 and value.startswith("NCT") and value[3:].isdigit()
    assert nctid.normalize(value) == value


@given(st.integers(min_value=1, max_value=99_999_999))
def test_every_registry_number_round_trips(number: int) -> None:
    canonical = f"NCT{number:08d}"
    assert nctid.normalize(f"nct{number}") == canonical
    assert nctid.extract(f"id:{canonical}.") == [canonical]


@given(st.binary())
def test_extract_on_arbitrary_bytes_returns_only_canonical_ids(data: bytes) -> None:
    for value in nctid.extract(data.decode("utf-8", errors="replace")):
        assert nctid.normalize(value) == value


@pytest.mark.parametrize(
    "raw",
    ["NCT٠١٢٣٤٥٦٧", "NCT０１２３４５６７", "nct०१२३४५६७", "NCT0123456٧"],
    ids=["arabic-indic", "full-width", "devanagari", "one-arabic-digit"],
)
def test_only_ascii_digits_make_an_nct_id(raw: str) -> None:
    with pytest.raises(nctid.InvalidNctId, match="invalid NCT ID"):
        nctid.normalize(raw)
    assert nctid.extract(f"see {raw} here") == []
    assert nctid.extract("NCT01234567٨") == [], "not silently truncated to 8 ASCII digits"
