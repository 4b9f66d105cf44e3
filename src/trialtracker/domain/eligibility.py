"""Who may join a trial, in plain words: the criteria as two lists, the ages and sexes as one line.

The registry's ``eligibilityCriteria`` is free, markdown-ish text written by thousands of sponsors,
so :func:`split_criteria` is careful rather than clever: it never drops text (what it cannot place
goes to ``Criteria.other``) and never guesses a list out of unheaded text. The rules:

* A section starts at a heading line naming inclusion or exclusion criteria, in any case, with or
  without a colon, ``#``, ``**`` or a bullet: "Inclusion Criteria:", "INCLUSION CRITERIA",
  "**Key Exclusion Criteria:**", "# Inclusion", "Inclusion Criteria for all participants:". Its
  bare words (key, inclusion/exclusion, criteria) are what the field means, so they are not
  repeated; a heading with other words ("Inclusion Criteria, cases:") becomes the section's next
  item, so groups stay visible. Text after the heading's colon on the same line is an item.
* "Eligibility criteria:" counts as the inclusion heading only when an exclusion heading follows.
* No heading at all: the whole text goes to ``other``. Text before the first heading, and
  paragraphs about both lists ("Other inclusion/exclusion criteria may apply."), go there too.
* Every bullet (``*`` ``-`` ``•`` ``+``), number (``1.`` ``1)`` ``1\\.`` ``2a.``), letter or roman
  numeral (``a.`` ``b)`` ``iii)`` ``(a)``) starts an item, and so does an escaped one (``\\-``
  ``1\\.``) where a paragraph starts (sponsors meant a list); the mark is trimmed. An indented line
  without a mark continues the item above; an unindented one continues a marked item it directly
  follows (markdown's lazy continuation) and is otherwise an item of its own (older records write
  one criterion per line; a lone "OR" stays visible).
* Nested marks (indented deeper than the section's first mark) are items of their own, prefixed
  with :data:`NESTED` ("– "), so a reader sees they belong to the item above.
* Markdown escapes (``\\>`` ``\\<`` ``\\*`` ``\\[`` ...) are undone in items and in ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Prefix of an item that was nested under the item before it.
NESTED = "– "

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MARK = re.compile(
    r"""(?:
        (?:\\?[-*•+·▪◦‣])+(?:\s+|$)                              # * - • +, escaped \-, doubled --
      | [-•]+(?=[^\W\d_])                                        # -Patients, --Measured (no space)
      | \(?(?:\d{1,3}[a-z]?|[a-z]|[ivxlc]{1,6})\\?[.)](?:\s+|$)   # 1. 1) 1\. 2a. a. b) iii) (a) (1)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_KIND = re.compile(
    r"(?P<pre>.*?)\b(?P<kind>inclusion|exclusion|eligibility)\b(?P<crit>\s+criteri(?:a|on)\b)?(?P<post>.*)",
    re.IGNORECASE | re.DOTALL,
)
_BOTH = re.compile(r"\binclusion\b.*\bexclusion\b|\bexclusion\b.*\binclusion\b", re.I | re.S)
# Words that make "... inclusion criteria" a sentence about the criteria rather than their heading.
_STOP_WORDS = (
    "who that which meet meets meeting met fulfil fulfill fulfils fulfills satisfy any all "
    "the no not per see above below following these those listed with without if are is to "
    "and or in on by of"
)
_NOT_HEADING = frozenset(_STOP_WORDS.split())
_AGE = re.compile(r"\s*(\d+)\s+(year|month|week|day|hour|minute)s?\s*", re.I)
_NO_AGE = frozenset({"", "n/a", "na", "none", "unknown"})
_SEX = {"ALL": "all sexes", "BOTH": "all sexes", "FEMALE": "women only", "MALE": "men only"}


@dataclass(frozen=True)
class Criteria:
    """A trial's criteria split for display; ``text`` keeps the registry's text unchanged."""

    inclusion: tuple[str, ...]
    exclusion: tuple[str, ...]
    other: str
    text: str


def unescape(text: str) -> str:
    """Undo markdown backslash escapes: the registry writes ``\\<`` where a reader wants ``<``."""
    return _ESCAPE.sub(r"\1", text)


def _heading(line: str) -> tuple[str, str, str] | None:
    """(kind, label to keep or "", text after the colon) when ``line`` is a section heading."""
    s = line.strip()
    mark = _MARK.match(s)
    bulleted = mark is not None
    if mark is not None:
        s = s[mark.end() :]
    md = s.startswith("#")
    s = s.lstrip("#").strip()
    bold = s.startswith(("**", "__"))
    s = s.strip("*_ \t")
    head, colon, rest = s.partition(":")
    m = _KIND.fullmatch(head)
    if m is None or _BOTH.search(head):
        return None
    pre, post = m["pre"].split(), m["post"].strip(" ,;-–()").split()
    if len(pre) > 3 or len(post) > 6 or any(w.lower().strip(",") in _NOT_HEADING for w in pre):
        return None
    kind, crit = m["kind"].lower(), m["crit"] is not None
    if kind == "eligibility" and (pre or post or not crit):
        return None
    if not colon and (bulleted or len(pre) + len(post) > 5 or head.rstrip().endswith(".")):
        return None
    if not colon and any(w.lower().strip(",") in _NOT_HEADING for w in post):
        return None
    if not crit and (bulleted or not (colon or md or bold)):
        return None
    keep = [w for w in pre if w.lower() != "key"] or post
    label = unescape(head.strip().rstrip("*_ ") + colon) if keep else ""
    return kind, label, rest.strip().strip("*_").strip()


def _item_text(parts: list[str], nested: bool) -> str:
    joined = re.sub(r"\s+", " ", unescape(" ".join(parts))).strip()
    return NESTED + joined if nested and joined else joined


def split_criteria(text: str | None) -> Criteria:
    """Split registry criteria text into inclusion and exclusion items (see the module's rules)."""
    original = text or ""
    lines = [line.expandtabs(4) for line in original.splitlines()]
    heads = [_heading(line) for line in lines]
    has_exclusion = any(h is not None and h[0] == "exclusion" for h in heads)
    sections: dict[str, list[tuple[list[str], bool]]] = {"inclusion": [], "exclusion": []}
    other: list[str] = []
    items: list[tuple[list[str], bool]] | None = None
    open_item: list[str] | None = None
    open_marked = blank_before = False
    base_indent: int | None = None

    for line, head in zip(lines, heads, strict=True):
        if head is not None and (head[0] != "eligibility" or has_exclusion):
            items = sections["exclusion" if head[0] == "exclusion" else "inclusion"]
            base_indent, open_item, open_marked, blank_before = None, None, False, False
            for part in head[1:]:
                if part:
                    open_item = [part]
                    items.append((open_item, False))
            continue
        stripped = line.strip()
        if not stripped:
            blank_before = True
            if items is None:
                other.append("")
            continue
        if items is None:
            other.append(line)
            continue
        indent = len(line) - len(line.lstrip())
        mark = _MARK.match(stripped)
        if mark is not None and "\\" in mark[0] and open_item is not None and not blank_before:
            mark = None  # an escaped mark (\\- or 1\\.) inside a paragraph is text, as in markdown
        if mark is not None:
            if base_indent is None or indent < base_indent:
                base_indent = indent
            open_item, open_marked = [stripped[mark.end() :]], True
            items.append((open_item, indent > base_indent + 1))
        elif open_item is not None and (indent >= 2 or (open_marked and not blank_before)):
            open_item.append(stripped)
        elif indent < 2 and _BOTH.search(stripped):
            other.extend(["", line] if other else [line])
            open_item, open_marked = None, False
        else:
            open_item, open_marked = [stripped], False
            items.append((open_item, False))
        blank_before = False

    def texts(kind: str) -> tuple[str, ...]:
        found = (_item_text(parts, nested) for parts, nested in sections[kind])
        return tuple(t for t in found if t)

    rest = re.sub(r"\n(?:[ \t]*\n)+", "\n\n", unescape("\n".join(other))).strip()
    return Criteria(texts("inclusion"), texts("exclusion"), rest, original)


def _age(value: str | None) -> tuple[int, str] | None:
    match = _AGE.fullmatch(value or "")
    return (int(match[1]), match[2].lower()) if match else None


def _unit(unit: str, number: int) -> str:
    return unit if number == 1 else unit + "s"


def age_text(value: str | None) -> str | None:
    """ "18 Years" → "18 years", "1 Year" → "1 year"; None for no limit; anything else unchanged."""
    if value is None or value.strip().lower() in _NO_AGE:
        return None
    parsed = _age(value)
    return value if parsed is None else f"{parsed[0]} {_unit(parsed[1], parsed[0])}"


def _ages(min_age: str | None, max_age: str | None) -> str:
    low, high = (None if t is None else " ".join(t.split()) for t in (age_text(min_age), age_text(max_age)))
    if low is None and high is None:
        return "Any age"
    if high is None:
        return f"Ages {low} and older"
    if low is None:
        return f"Up to {high}"
    a, b = _age(min_age), _age(max_age)
    if a is not None and a == b:
        return f"Age {low}"
    if a is not None and b is not None and a[1] == b[1]:
        return f"Ages {a[0]}–{b[0]} {_unit(b[1], b[0])}"
    return f"Ages {low} to {high}"


def eligibility_summary(
    min_age: str | None,
    max_age: str | None,
    sex: str | None = None,
    healthy_volunteers: bool | None = None,
) -> str:
    """One plain line, e.g. "Ages 18–55 years · all sexes · no healthy volunteers"; unknowns left out."""
    parts = [_ages(min_age, max_age)]
    if sex is not None and sex.strip().upper() in _SEX:
        parts.append(_SEX[sex.strip().upper()])
    if healthy_volunteers is not None:
        parts.append("healthy volunteers accepted" if healthy_volunteers else "no healthy volunteers")
    return " · ".join(parts)
