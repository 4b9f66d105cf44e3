"""Big JSON documents read and checked in many small steps, so a worker thread never freezes the window.

``json.loads`` of a 10,000-trial bundle (18 MB) is one C call of about a quarter of a second, and it holds
the interpreter lock all along: run on the task runner's database lane, it still stopped the window's
event loop that long (382 ms with the check below). Python hands the lock to another thread only between
bytecodes, every ``sys.getswitchinterval()``; so here every value of a top-level array (a bundle's trials)
is decoded by a call of its own, a few microseconds each, and the window gets its turns in between. The
garbage collector's passes over the new objects held the lock too (70-240 ms each): it is paused.

:func:`loads_in_steps` gives what ``json.loads`` gives, and fails where and how it fails (the same
:class:`json.JSONDecodeError` message and position); a test compares the two on generated documents.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from trialtracker.services.collector import collector_paused

#: From this size on, what a parse made is frozen out of the collector's walks (see :mod:`.collector`).
FREEZE_FROM_CHARS = 1_000_000
#: Bytes decoded per call (~2 ms), and array elements freed per statement (a bundle's trials: ~1 ms).
DECODE_STEP = 1 << 20
RELEASE_STEP = 200
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
#: The escape of a UTF-16 surrogate (``\ud800``-``\udfff``): the only way decoded JSON can hold a lone one,
#: since our text comes from bytes decoded with ``errors="replace"``.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _skip_space(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return match.end() if match else at


def decode_in_steps(raw: bytes, step: int = DECODE_STEP) -> str:
    """``raw.decode("utf-8", errors="replace")``, ``step`` bytes per call (one call took 32 ms at 18 MB)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    view = memoryview(raw)
    parts = [decoder.decode(view[at : at + step]) for at in range(0, len(raw), step)]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def loads_in_steps(text: str) -> Any:
    """``json.loads(text)``, with a top-level object's arrays decoded one element per call, and the
    collector paused meanwhile (decoded JSON holds no reference cycles; see :mod:`.collector`)."""
    with collector_paused() as freeze:
        found = _loads(text)
        freeze(len(text) >= FREEZE_FROM_CHARS)
    return found


def _loads(text: str) -> Any:
    at = _skip_space(text, 0)
    if not text.startswith("{", at):
        return json.loads(text)  # not an object: nothing big to split here
    found: dict[str, Any] = {}
    at = _skip_space(text, at + 1)
    if text.startswith("}", at):
        at += 1
    else:
        while True:
            if not text.startswith('"', at):
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, at)
            key, at = _DECODER.raw_decode(text, at)
            at = _skip_space(text, at)
            if not text.startswith(":", at):
                raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
            at = _skip_space(text, at + 1)
            step = _array_in_steps if text.startswith("[", at) else _DECODER.raw_decode
            value, at = step(text, at)
            found[key] = value
            at = _skip_space(text, at)
            if text.startswith(",", at):
                at = _skip_space(text, at + 1)
                continue
            if text.startswith("}", at):
                at += 1
                break
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
    at = _skip_space(text, at)
    if at != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    return found


def _array_in_steps(text: str, at: int) -> tuple[list[Any], int]:
    """The array opening at ``at``, and where it ends."""
    items: list[Any] = []
    at = _skip_space(text, at + 1)
    if text.startswith("]", at):
        return items, at + 1
    while True:
        item, at = _DECODER.raw_decode(text, at)
        items.append(item)
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at = _skip_space(text, at + 1)
            continue
        if text.startswith("]", at):
            return items, at + 1
        raise json.JSONDecodeError("Expecting ',' delimiter", text, at)


def _pieces(value: Any) -> Iterator[Any]:
    """A decoded document in the pieces :func:`loads_in_steps` read it in."""
    if not isinstance(value, dict):
        yield value
        return
    for key, inner in value.items():
        yield key
        if isinstance(inner, list):
            yield from inner
        else:
            yield inner


def storable(text: str, value: Any) -> bool:
    """False if ``value`` (decoded from ``text``) holds a lone surrogate, which UTF-8 (and so the
    database) cannot store; checked piece by piece, and only when ``text`` escapes a surrogate at all."""
    if not _SURROGATE_ESCAPE.search(text):
        return True
    try:
        for piece in _pieces(value):
            json.dumps(piece, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def release_in_steps(value: Any) -> None:
    """Empty a decoded document's top-level arrays a slice at a time. Dropping the last reference to a
    10,000-trial bundle frees its million objects in one cascade (30-40 ms holding the lock)."""
    if isinstance(value, dict):
        for inner in value.values():
            while isinstance(inner, list) and inner:
                del inner[-RELEASE_STEP:]
