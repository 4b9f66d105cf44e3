"""Reading JSON in small steps gives exactly what ``json.loads`` / ``bytes.decode`` give, errors included."""

from __future__ import annotations

import gc
import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialtracker.services import jsonsteps
from trialtracker.services.jsonsteps import decode_in_steps, loads_in_steps, release_in_steps, storable

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)
SPACE = st.sampled_from(["", " ", "\n", "\t", "\r\n  "])
#: Where a text is cut into the pieces :func:`loads_in_steps` reads (fractions of its length): a cut can
#: fall inside a number, a string, an escape, a literal or the space between values.
CUTS = st.lists(st.floats(min_value=0, max_value=1), max_size=6)


def _cut(text: str, cuts: list[float]) -> list[str]:
    at = sorted({round(c * len(text)) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in itertools.pairwise(at)]


def _in_pieces(cuts: list[float]) -> Any:
    return lambda text: loads_in_steps(_cut(text, cuts))


def _outcome(read: Any, text: str) -> tuple[str, Any]:
    try:
        return "value", read(text)
    except json.JSONDecodeError as exc:
        return "error", (exc.msg, exc.pos, exc.lineno, exc.colno)
    except (ValueError, RecursionError) as exc:
        return "other", type(exc).__name__


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), VALUES, max_size=6), SPACE, st.integers(min_value=0, max_value=2), CUTS
)  # fmt: skip
def test_documents_read_in_steps_equal_json_loads(
    document: dict[str, Any], space: str, indent: int, cuts: list[float]
) -> None:
    text = space + json.dumps(document, indent=indent or None, ensure_ascii=indent == 1) + space
    assert _outcome(_in_pieces(cuts), text) == _outcome(json.loads, text) == ("value", document)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=4), VALUES, min_size=1, max_size=4), st.data())
def test_damaged_documents_fail_where_and_how_json_loads_fails(document: dict[str, Any], data: st.DataObject) -> None:
    text = json.dumps(document, indent=data.draw(st.sampled_from([None, 1])))
    at = data.draw(st.integers(min_value=0, max_value=len(text)))
    damage = data.draw(st.sampled_from(["cut", "delete", "insert"]))
    if damage == "cut":
        broken = text[:at]
    elif damage == "delete":
        broken = text[:at] + text[at + 1 :]
    else:
        broken = text[:at] + data.draw(st.sampled_from(list(',:[]{}"x0 '))) + text[at:]
    cuts = data.draw(CUTS)
    assert _outcome(_in_pieces(cuts), broken) == _outcome(json.loads, broken)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, 2,]}', '{"a": [1 2]}', '{"a": 1,}', '{"a" 1}', "{1: 2}", '{"a": [}', '{"a": []} x',
        '{"a": [[1], {"b": [2, 3]}], "c": "d"}', "{}", "{ }", '{"a": []}', '[1, 2]', "", "  ", "nul",
        '{"n": 1' + "0" * 5000 + "}", '{"deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"a": NaN, "b": [Infinity, -Infinity]}', '{"a": 1, "a": 2}',
    ],
)  # fmt: skip
def test_edge_cases_match_json_loads(text: str) -> None:
    expected = _outcome(json.loads, text)
    assert _outcome(_in_pieces([]), text) == expected
    for size in (1, 2, 7):  # every cut a piece can make, in its smallest pieces
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert _outcome(lambda _: loads_in_steps(pieces), text) == expected  # noqa: B023 (called at once)


def test_a_big_document_is_frozen_out_of_the_collectors_walks_and_the_collector_is_back_on() -> None:
    text = json.dumps({"trials": [{"nct_id": f"NCT{i:08d}", "sites": [{"c": "Spain"}]} for i in range(20_000)]})
    assert len(text) >= jsonsteps.FREEZE_FROM_CHARS
    frozen_before = gc.get_freeze_count()
    document = loads_in_steps(_cut(text, [0.25, 0.5, 0.75]))
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen_before
    release_in_steps(document)
    assert document == {"trials": []}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=64) | st.text(max_size=32).map(lambda t: t.encode("utf-8")), st.integers(1, 7))
def test_decoding_in_steps_equals_one_decode_even_across_a_split_character(raw: bytes, step: int) -> None:
    # tiny steps: many splits inside a multi-byte character or a bad sequence
    pieces = decode_in_steps(raw, step)
    assert "".join(pieces) == raw.decode("utf-8", errors="replace")
    assert all(pieces)


def test_only_lone_surrogates_are_not_storable() -> None:
    for text, expected in [
        ('{"t": ["\\ud800"]}', False), ('{"t": [{"x": "\\udfff"}]}', False), ('{"\\ud800": 1}', False),
        ('{"t": ["\\ud83d\\ude00"]}', True), ('{"t": ["\\\\ud800"]}', True), ('{"t": ["plain"]}', True),
    ]:  # fmt: skip
        for at in range(len(text) + 1):  # an escape cut between pieces is still seen
            assert storable([text[:at], text[at:]], json.loads(text)) is expected, (text, at)
        assert storable(list(text), json.loads(text)) is expected, text
