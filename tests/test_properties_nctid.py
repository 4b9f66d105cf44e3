"""Property tests for NCT IDs: only NCT + 8 ASCII digits pass, anything else is one clear error (exit 2).

One malformed ID fails a whole registry batch, so the rule is checked against an independent oracle
over any text, not only against the examples we thought of.
"""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from trialtracker.domain import nctid
from trialtracker.domain.errors import EXIT_USAGE, InvalidInput

# Whitespace the module strips around an ID (Python's ``\s``: Unicode spaces, tabs, line breaks).
_SPACE = st.text(st.characters(categories=["Zs", "Zl", "Zp"]) | st.sampled_from("\t\n\r\x0b\x0c\x1c\x85"),
                 max_size=3)  # fmt: skip
_NUMBERS = st.integers(min_value=1, max_value=99_999_999)


def _oracle(value: str) -> str | None:
    """The rule, written again independently: the canonical ID ``value`` stands for, or None."""
    core = value.strip()  # str.strip() and the module's ``\s`` agree on what whitespace is
    if core[:3].upper() != "NCT":
        return None
    rest = core[3:].strip()
    if rest[:1] in ("-", "_"):
        rest = rest[1:].strip()
    if not (1 <= len(rest) <= 8) or not all(c in string.digits for c in rest) or int(rest) == 0:
        return None
    return "NCT" + rest.zfill(8)


@st.composite
def written_ids(draw: st.DrawFn) -> tuple[str, str]:
    """A valid ID as a person might write it (any case, padding, separator, spaces) and its canonical form."""
    number = draw(_NUMBERS)
    prefix = "".join(c.upper() if draw(st.booleans()) else c for c in "nct")
    digits = str(number).zfill(draw(st.integers(min_value=len(str(number)), max_value=8)))
    sep = draw(st.sampled_from(["", "-", "_", " ", " - "]))
    return draw(_SPACE) + prefix + sep + digits + draw(_SPACE), f"NCT{number:08d}"


def _assert_clear(exc: InvalidInput) -> None:
    assert exc.exit_code == EXIT_USAGE
    assert str(exc) and "\n" not in str(exc) and "\r" not in str(exc)


@given(written_ids())
@example(("NCT00273364", "NCT00273364"))
@example(("\u3000nct-1\u2028", "NCT00000001"))
def test_every_valid_id_normalises_to_its_canonical_form(case: tuple[str, str]) -> None:
    written, canonical = case
    assert nctid.normalize(written) == canonical
    assert nctid.is_valid(written)
    assert nctid.normalize_ids([written, canonical]) == [canonical]  # one trial, whichever way it is written


@given(st.text(max_size=30) | st.from_regex(r"\s*[Nn][Cc][Tt]\s*[-_]?\s*\w{0,10}\s*", fullmatch=True))
@example("NCT٠١٢٣٤٥٦٧")
@example("NCT０１２３４５６７")
@example("NCT00000000")
@example("NCT123456789")
@example("NCT 1\n2")
@example("NCT1\n")
@example("ＮＣＴ00273364")
@example("NCT\u00b2")  # superscript two: str.isdigit() says yes, the registry says no
def test_anything_else_is_one_clear_error_and_nothing_else(text: str) -> None:
    expected = _oracle(text)
    try:
        value = nctid.normalize(text)
    except nctid.InvalidNctId as exc:
        assert expected is None, f"{text!r} is a valid ID ({expected}) but was refused"
        _assert_clear(exc)
        with pytest.raises(nctid.InvalidIds) as many:
            nctid.normalize_ids(["NCT00273364", text])
        assert many.value.bad == [text]
        _assert_clear(many.value)
        return
    assert value == expected, f"{text!r} was accepted as {value}"
    assert re.fullmatch(r"NCT[0-9]{8}", value, re.ASCII)
    assert nctid.normalize(value) == value  # idempotent


@given(st.lists(st.text(max_size=15) | written_ids().map(lambda c: c[0]), max_size=8))
def test_normalize_ids_is_all_or_nothing_and_names_every_bad_input(values: list[str]) -> None:
    bad = [v for v in values if _oracle(v) is None]
    try:
        good = nctid.normalize_ids(values)
    except nctid.InvalidIds as exc:
        assert exc.bad == bad and bad
        _assert_clear(exc)
        return
    assert not bad
    assert good == list(dict.fromkeys(_oracle(v) for v in values))  # canonical, unique, in order
    assert nctid.normalize_ids(good) == good  # idempotent: normalised IDs pass unchanged


@given(st.lists(_NUMBERS, max_size=6), st.text(max_size=40))
def test_canonical_ids_round_trip_through_free_text(numbers: list[int], noise: str) -> None:
    ids = [f"NCT{n:08d}" for n in numbers]
    text = f"{noise} " + " ; ".join(ids) + f" {noise}"
    found = nctid.extract(text)
    assert all(nctid.normalize(x) == x for x in found)
    assert [x for x in found if x in ids] == list(dict.fromkeys(ids))  # every one, in order, once
    assert nctid.extract(" ".join(found)) == found


@given(st.text(max_size=60))
@example("NCT01234567٨")
@example("xNCT01234567")
@example("NCT012345678")
def test_extract_finds_only_ids_written_in_the_text(text: str) -> None:
    found = nctid.extract(text)
    assert len(found) == len(set(found))
    for value in found:
        assert re.fullmatch(r"NCT[0-9]{8}", value, re.ASCII) and value != "NCT00000000"
        assert value[3:] in text and value.casefold() in text.casefold()
