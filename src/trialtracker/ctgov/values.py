"""Tolerant readers of single JSON values from the registry, shared by the study parsers.

Why their own module: every part of a study (identification, eligibility, contacts…) is
read with the same rules: never trust a key or a type, keep unknown enum values verbatim,
remove CommonMark escapes from text, and return only what a database column can hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# CommonMark: a backslash before any ASCII punctuation character is an escape.
_MD_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# A JSON "\\ud800" escape decodes to a lone surrogate, which no UTF-8 database column can hold.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# SQLite integers are signed 64-bit; a bigger "count" is no enrollment we could store or show.
_INT_LIMIT = 2**63


def unescape_markdown(text: str) -> str:
    """Remove CommonMark backslash escapes: ``\\[rHGG\\]`` -> ``[rHGG]``, ``\\>`` -> ``>``."""
    if "\\" not in text:
        return text
    return _MD_ESCAPE.sub(r"\1", text)


def as_dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def as_str(value: Any) -> str | None:
    """A non-empty string, or a number rendered as one; anything else -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value = _LONE_SURROGATE.sub("\ufffd", value.strip())
        return value or None
    return None


def as_text(value: Any) -> str | None:
    text = as_str(value)
    return unescape_markdown(text) if text is not None else None


def as_enum(value: Any) -> str | None:
    """Enum value verbatim (unknown values are kept, not dropped)."""
    return as_str(value)


def as_strings(value: Any, *, markdown: bool = False) -> tuple[str, ...]:
    """A list of strings; a lone string becomes a 1-tuple; non-strings are skipped."""
    items = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        text = as_text(item) if markdown else as_str(item)
        if text is not None:
            out.append(text)
    return tuple(out)


def as_int(value: Any) -> int | None:
    number = any_int(value)
    return number if number is None or -_INT_LIMIT <= number < _INT_LIMIT else None


def any_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        cleaned = value.strip().replace(",", "")
        try:
            return int(cleaned)
        except ValueError:
            try:
                number = float(cleaned)
            except ValueError:
                return None
            return int(number) if number.is_integer() else None
    return None


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"true", "yes", "1"}:
            return True
        if lowered in {"false", "no", "0"}:
            return False
    if isinstance(value, int):
        return bool(value)
    return None
