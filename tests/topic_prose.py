"""The prose of a topic, as a reader meets it, for the readability measure (issue 16).

Headings, tables, the closing source list, the review date and the disclaimer are not prose; a link
reads as its label and emphasis marks are dropped. Run ``python -m tests.topic_prose [FILE…]`` to print
each topic's Flesch–Kincaid grade (textstat 0.7.4, which needs no downloaded data).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat

from trialtracker.topics.library import parse_topic

TOPICS = Path(__file__).resolve().parents[1] / "resources" / "topics"
GRADE_LIMIT = 8.0

_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_MARKS = re.compile(r"(\*\*|__|\*|`)(.+?)\1")


def prose(body: str) -> str:
    """Running text of a topic body: one sentence-ending line per list item or paragraph line."""
    kept: list[str] = []
    for raw in body.split("\n## Sources\n")[0].splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", ">")) or line.startswith("*Last reviewed"):
            continue
        line = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", line)
        line = _MARKS.sub(r"\2", _LINK.sub(r"\1", line)).strip()
        if line and line[-1] not in ".!?:":
            line += "."  # a list item or a short line is a sentence of its own
        kept.append(line)
    return "\n".join(kept)


def grade(body: str) -> float:
    """Flesch–Kincaid school grade of the topic's prose."""
    return float(textstat.flesch_kincaid_grade(prose(body)))


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted(TOPICS.glob("*.md"))
    for path in files:
        topic = parse_topic(path.read_text(encoding="utf-8"), path)
        words = len(prose(topic.body).split())
        print(f"{topic.key:24} grade {grade(topic.body):5.1f}  ({words} words of prose)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
