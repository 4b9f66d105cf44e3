"""JSON decoding that refuses absurd nesting instead of crashing later.

A deeply nested answer makes ``json.loads`` raise ``RecursionError``; one just
under the interpreter's limit decodes, then blows up wherever it is walked again
(storing the record re-encodes it, with a deeper stack). Real registry studies
nest about ten levels; anything past :data:`MAX_DEPTH` is refused here, once.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 100


class NestingTooDeep(ValueError):
    """The JSON nests deeper than :data:`MAX_DEPTH` (or than the decoder can go)."""


def nesting_depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests containers deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def loads(body: bytes | str, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that raises :class:`NestingTooDeep` (a ``ValueError``) for absurd nesting."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise NestingTooDeep(f"nested too deeply (over {max_depth} levels)") from None
    if isinstance(data, dict | list) and nesting_depth_exceeds(data, max_depth):
        raise NestingTooDeep(f"nested too deeply (over {max_depth} levels)")
    return data
