"""Big JSON documents read and checked in many small steps, so a worker thread never freezes the window.

``json.loads`` of a 10,000-trial bundle (18 MB) is one C call of about a quarter of a second, and it holds
the interpreter lock all along: run on the task runner's database lane, it still stopped the window's
event loop that long (382 ms with the check below). Python hands the lock to another thread only between
bytecodes, every ``sys.getswitchinterval()``; so here every value of a top-level array (a bundle's trials)
is decoded by a call of its own, a few microseconds each, and the window gets its turns in between. The
garbage collector's passes over the new objects held the lock too (70-240 ms each): it is paused. The
text itself stays in the pieces it was decoded in (about a megabyte each): building one 18 MB string is
one call too, which once held the lock for 97 ms on a loaded machine.

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


def decode_in_steps(raw: bytes, step: int = DECODE_STEP) -> list[str]:
    """``raw.decode("utf-8", errors="replace")`` in pieces of ``step`` bytes, one call each (one call took
    32 ms at 18 MB). Left unjoined: joining them is one call too (16 ms at 18 MB, and once 97 ms on a
    loaded machine, the window stalled meanwhile); :func:`loads_in_steps` reads the pieces as they are."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    view = memoryview(raw)
    pieces = [decoder.decode(view[at : at + step]) for at in range(0, len(raw), step)]
    pieces.append(decoder.decode(b"", final=True))
    return [piece for piece in pieces if piece]


def loads_in_steps(pieces: list[str]) -> Any:
    """``json.loads("".join(pieces))``, with a top-level object's arrays decoded one element per call, and
    the collector paused meanwhile (decoded JSON holds no reference cycles; see :mod:`.collector`)."""
    with collector_paused() as freeze:
        found = _loads(pieces)
        freeze(sum(map(len, pieces)) >= FREEZE_FROM_CHARS)
    return found


class _Damaged(Exception):
    """The document is not valid JSON: :func:`json.loads` of the whole text says where and how."""


class _Window:
    """The document's text seen through a window over its pieces: each value is decoded from one string,
    and the window takes in the next piece when a value or the space after it reaches its end."""

    def __init__(self, pieces: list[str]) -> None:
        self._rest = iter(pieces)
        self.text = ""
        self.at = 0

    def _widen(self, at_least: int = 1) -> bool:
        """Drop what was read and take in the next pieces, ``at_least`` characters of them (a value that
        fails to decode doubles what is unread: damaged text far from the end costs no more than twice
        the document); False at the end of the document."""
        taken = [self.text[self.at :]]
        size = 0
        while size < at_least and (piece := next(self._rest, None)) is not None:
            taken.append(piece)
            size += len(piece)
        if not size:
            return False
        self.text = "".join(taken)
        self.at = 0
        return True

    def skip_space(self) -> None:
        self.at = _skip_space(self.text, self.at)
        while self.at == len(self.text) and self._widen():
            self.at = _skip_space(self.text, self.at)

    def take(self, char: str) -> bool:
        """Whether ``char`` comes next after any space; if so, step past it."""
        self.skip_space()
        if self.text.startswith(char, self.at):
            self.at += 1
            return True
        return False

    def value(self) -> Any:
        """The value that comes next after any space (a cut one is read again with the next piece)."""
        self.skip_space()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if self._widen(len(self.text) - self.at):
                    continue
                raise _Damaged from None
            if end + 2 >= len(self.text) and self._widen():
                continue  # a number cut after its digits, its "." or its "e+" may go on in the next piece
            self.at = end
            return value


def _loads(pieces: list[str]) -> Any:
    window = _Window(pieces)
    if not window.take("{"):
        return json.loads("".join(pieces))  # not an object: nothing big to split here
    try:
        found = _object(window)
        window.skip_space()
        if window.at != len(window.text):
            raise _Damaged
    except _Damaged:
        return json.loads("".join(pieces))  # raises what json.loads raises, where it raises it
    return found


def _object(window: _Window) -> dict[str, Any]:
    """The object whose ``{`` was just read."""
    found: dict[str, Any] = {}
    if window.take("}"):
        return found
    while True:
        window.skip_space()
        if not window.text.startswith('"', window.at):
            raise _Damaged
        key = window.value()
        if not window.take(":"):
            raise _Damaged
        found[key] = _array(window) if window.take("[") else window.value()
        if not _another(window, "}"):
            return found


def _array(window: _Window) -> list[Any]:
    """The array whose ``[`` was just read, an element per call."""
    items: list[Any] = []
    if window.take("]"):
        return items
    while True:
        items.append(window.value())
        if not _another(window, "]"):
            return items


def _another(window: _Window, close: str) -> bool:
    """After a member or an element: True if a comma says another follows, False at ``close``."""
    if window.take(","):
        return True
    if window.take(close):
        return False
    raise _Damaged


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


def storable(pieces: list[str], value: Any) -> bool:
    """False if ``value`` (decoded from the text in ``pieces``) holds a lone surrogate, which UTF-8 (and
    so the database) cannot store; checked piece by piece, and only when the text escapes one at all."""
    tail = ""  # the text's last three characters before this piece: an escape may be cut between pieces
    for piece in pieces:
        if _SURROGATE_ESCAPE.search(tail + piece):
            break
        tail = (tail + piece[-3:])[-3:]
    else:
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
