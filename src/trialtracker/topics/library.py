"""The explanatory topic library: short plain-language notes shipped in ``resources/topics``.

File format
-----------
One topic per ``<key>.md`` file (the file name stem must equal the ``key``). The file starts
with a metadata header between two ``---`` lines, then a Markdown body::

    ---
    key: msc
    title: Mesenchymal stem/stromal cells (MSCs)
    summary: One line shown in lists and tooltips.
    related: immunomodulation, neuroprotection, remyelination
    sources:
    - Emerging Therapies: MSC Transplantation in the Treatment of Multiple Sclerosis
    - What Is The Role Of Mesenchymal Stem Cells In MS Therapy?
    ---
    Markdown body ...

Header rules (no YAML library is involved):

* each line is ``name: value``, split on the first colon; blank lines are ignored;
* allowed names are ``key``, ``title``, ``summary`` (all required, one line each),
  ``related`` (optional, comma-separated topic keys) and ``sources`` (required);
* ``sources`` is a list: leave its value empty and give one source per following line, each
  prefixed by ``- ``: the exact ``## `` heading of that source on the sources page (checked by
  the tests, not the parser, so a typo does not break the app).

Body conventions (checked by ``tests/test_topics.py``):

* links between topics use the scheme ``topic:KEY``, e.g. ``[remyelination](topic:remyelination)``;
  ``topic:KEY#anchor`` points at a heading of that topic (:func:`heading_anchor`), so a citation is
  ``[Burt 2019](topic:sources#burt-2019-the-mist-trial)`` and a glossary term ``topic:glossary#edss``;
* every body (but the sources page's) ends with a ``## Sources`` section listing its sources as such
  links, in the header's order; then :data:`REVIEWED_PREFIX` and the date of the last review; then
  :data:`DISCLAIMER` as the very last line;
* what the project adds of its own (advice, context) sits under a ``## What this app adds`` heading,
  apart from what a source says.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from trialtracker.paths import resource

SOURCES_KEY = "sources"

#: The five seed articles the notes were first based on, by the exact title we credit them with.
SOURCE_TITLES: tuple[str, ...] = (
    "Emerging Therapies: MSC Transplantation in the Treatment of Multiple Sclerosis",
    "Can mesenchymal stem cells promote neuroprotection in progressive MS?",
    "What Is The Role Of Mesenchymal Stem Cells In MS Therapy?",
    "Mesenchymal stem cell therapy: uses, benefits and research directions (untitled web article)",
    "Need to Know: What Are Stem Cells?",
)

#: Reading order of the library; topics not listed here follow alphabetically.
ORDER: tuple[str, ...] = (
    "ms-basics",
    "ms-types",
    "msc",
    "immunomodulation",
    "neuroprotection",
    "remyelination",
    "msc-manufacturing",
    "autologous-vs-donor",
    "delivery-routes",
    "hsct",
    "other-cell-therapies",
    "evidence-and-safety",
    "guidelines",
    "unregulated-clinics",
    "ccsvi",
    "taking-part",
    "questions-to-ask",
    "reading-a-trial",
    "glossary",
    SOURCES_KEY,
)

SOURCES_HEADING = "## Sources"
OWN_CONTEXT_HEADING = "## What this app adds"
REVIEWED_PREFIX = "*Last reviewed: "
DISCLAIMER = (
    "> **Not medical advice.** These notes explain research in general terms and cannot say "
    "whether a treatment or a trial is right for you. Please talk to your MS team before "
    "making any decision."
)

_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINK_RE = re.compile(r"\]\(topic:([a-z0-9-]+)(?:#([a-z0-9-]+))?\)")
_HEADER_FIELDS = ("key", "title", "summary", "related", "sources")
_LIST_FIELDS = ("related", "sources")


class TopicFormatError(ValueError):
    """A topic file does not follow the format described in this module's docstring."""


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    summary: str
    related: tuple[str, ...]
    sources: tuple[str, ...]
    body: str
    path: Path | None = None

    @property
    def links(self) -> tuple[str, ...]:
        """Keys of the topics this body links to (``topic:KEY``), in order, without repeats."""
        return topic_links(self.body)


def topic_links(markdown: str) -> tuple[str, ...]:
    """Topic keys linked from Markdown text with ``[text](topic:KEY)``, first occurrence order."""
    seen: dict[str, None] = {}
    for match in _LINK_RE.finditer(markdown):
        seen.setdefault(match.group(1), None)
    return tuple(seen)


def heading_anchor(heading: str) -> str:
    """Anchor slug of a heading: ``Burt 2019: the MIST trial`` -> ``burt-2019-the-mist-trial``."""
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")


#: One source's anchor on the sources page (its heading's slug).
source_anchor = heading_anchor

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every Markdown heading, in order."""
    return [(len(m.group(1)), m.group(2)) for m in map(_HEADING_RE.match, markdown.splitlines()) if m]


def anchors(markdown: str) -> dict[str, str]:
    """Anchor -> heading text for every heading of a body (what ``topic:KEY#anchor`` may point at)."""
    return {heading_anchor(text): text for _level, text in headings(markdown)}


def _where(path: Path | None) -> str:
    return f"{path}: " if path is not None else ""


def parse_topic(text: str, path: Path | None = None) -> Topic:
    """Parse one topic file's text; raise :class:`TopicFormatError` explaining what is wrong."""
    where = _where(path)
    lines = text.lstrip("\ufeff").splitlines()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start].strip() != "---":
        raise TopicFormatError(f"{where}a topic file must start with a '---' header line")
    try:
        end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise TopicFormatError(f"{where}the header is not closed by a second '---' line") from None

    scalars: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    current_list: str | None = None
    for number, raw in enumerate(lines[start + 1 : end], start=start + 2):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- ") or line == "-":
            item = line[1:].strip()
            if current_list is None:
                raise TopicFormatError(f"{where}line {number}: list item outside 'sources:' or 'related:'")
            if not item:
                raise TopicFormatError(f"{where}line {number}: empty list item")
            lists[current_list].append(item)
            continue
        name, sep, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or name not in _HEADER_FIELDS:
            raise TopicFormatError(
                f"{where}line {number}: expected 'name: value' with name one of {', '.join(_HEADER_FIELDS)}"
            )
        if name in scalars or name in lists:
            raise TopicFormatError(f"{where}line {number}: '{name}' given twice")
        if name in _LIST_FIELDS:
            lists[name] = [part.strip() for part in value.split(",") if part.strip()] if value else []
            current_list = name if not value else None
        else:
            scalars[name] = value
            current_list = None

    for name in ("key", "title", "summary"):
        if not scalars.get(name):
            raise TopicFormatError(f"{where}missing or empty '{name}:' in the header")
    key = scalars["key"]
    if not _KEY_RE.match(key):
        raise TopicFormatError(f"{where}key {key!r} must be lowercase words joined by '-'")
    if path is not None and path.stem != key:
        raise TopicFormatError(f"{where}key {key!r} does not match the file name {path.name!r}")
    sources = tuple(lists.get("sources", ()))
    if not sources:
        raise TopicFormatError(f"{where}'sources:' must list at least one article title")
    related = tuple(lists.get("related", ()))
    for other in related:
        if not _KEY_RE.match(other):
            raise TopicFormatError(f"{where}related key {other!r} is not a valid topic key")
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise TopicFormatError(f"{where}the topic body is empty")
    return Topic(
        key=key,
        title=scalars["title"],
        summary=scalars["summary"],
        related=related,
        sources=sources,
        body=body,
        path=path,
    )


def _order_index(key: str) -> tuple[int, str]:
    return (ORDER.index(key), "") if key in ORDER else (len(ORDER), key)


class TopicLibrary:
    """All topics of one directory (default: the shipped ``resources/topics``), in reading order."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else resource("topics")
        topics: dict[str, Topic] = {}
        for path in sorted(self.directory.glob("*.md")):
            topic = parse_topic(path.read_text(encoding="utf-8"), path)
            if topic.key in topics:
                raise TopicFormatError(f"{path}: duplicate topic key {topic.key!r}")
            topics[topic.key] = topic
        self._topics = {key: topics[key] for key in sorted(topics, key=_order_index)}

    def get(self, key: str) -> Topic | None:
        return self._topics.get(key)

    def __getitem__(self, key: str) -> Topic:
        return self._topics[key]

    def __contains__(self, key: object) -> bool:
        return key in self._topics

    def __iter__(self) -> Iterator[Topic]:
        return iter(self._topics.values())

    def __len__(self) -> int:
        return len(self._topics)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._topics)

    def sources_page(self) -> Topic:
        """The page crediting every source (key ``sources``); KeyError if it is missing."""
        return self._topics[SOURCES_KEY]

    def source_headings(self) -> list[str]:
        """The sources page's entries, by their ``## `` heading, in page order."""
        return [text for level, text in headings(self.sources_page().body) if level == 2]


@functools.lru_cache(maxsize=4)
def load_library(directory: Path | None = None) -> TopicLibrary:
    """The topic library, loaded once per directory (call ``load_library.cache_clear()`` to reload)."""
    return TopicLibrary(directory)


_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)(.+?)\1")


def _plain_inline(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        if target.startswith("topic:"):
            return f"{label} [see: {target.removeprefix('topic:')}]"
        return f"{label} <{target}>"

    text = _MD_LINK_RE.sub(link, text)
    return _EMPHASIS_RE.sub(r"\2", text)


_LIST_ITEM_RE = re.compile(r"^(\s*)(?:[-*+]|(\d+)[.)])\s+(.*)$")
_TABLE_RULE_RE = re.compile(r"^\|?\s*:?-{3,}")


def topic_as_text(topic: Topic) -> str:
    """Plain-text rendering for the terminal: title, summary, then the body without Markdown marks."""
    out = [topic.title, "=" * len(topic.title), "", topic.summary, ""]
    for raw in topic.body.splitlines():
        line = raw.rstrip()
        heading = _HEADING_RE.match(line)
        if heading:
            title = _plain_inline(heading.group(2))
            out.extend([title, ("=" if len(heading.group(1)) <= 2 else "-") * len(title)])
            continue
        if _TABLE_RULE_RE.match(line):
            continue  # a table's |---|---| line
        if line.startswith("|"):
            cells = [_plain_inline(cell.strip()) for cell in line.strip().strip("|").split("|")]
            out.append("  " + "  |  ".join(cells))
            continue
        if line.startswith(">"):
            line = line.lstrip(">").strip()
        item = _LIST_ITEM_RE.match(line)
        if item:  # the marker is added after the inline marks are gone: "- **not** x" stays a bullet
            indent, number, text = item.groups()
            out.append(f"{indent}  {number + '.' if number else '•'} {_plain_inline(text)}")
            continue
        out.append(_plain_inline(line))
    if topic.related:
        out.extend(["", "Related topics: " + ", ".join(topic.related)])
    return "\n".join(out).rstrip() + "\n"
