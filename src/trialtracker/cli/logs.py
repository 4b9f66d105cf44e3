"""``-v/--verbose`` and ``--debug``: what the program does, logged to stderr for one run.

Our own loggers never write note text or registry payloads (they name paths,
statuses, sizes, IDs and error kinds). SQLAlchemy's engine logger would print
every statement *with its parameters* (note text included) at INFO, so it is
held at WARNING whatever the flags say.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator

#: Libraries whose INFO/DEBUG output would carry stored or fetched data.
_QUIET = ("sqlalchemy", "alembic")


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (tests swap it), one line per record."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(" ".join(self.format(record).split("\n")) + "\n")
        except Exception:
            self.handleError(record)


@contextlib.contextmanager
def logging_to_stderr(verbose: bool, debug: bool) -> Iterator[None]:
    """Log INFO (``verbose``) or DEBUG (``debug``) to stderr while the block runs; else change nothing."""
    if not (verbose or debug):
        yield
        return
    root = logging.getLogger()
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("trialtracker: %(levelname)s %(name)s: %(message)s"))
    saved_level = root.level
    quiet = {name: logging.getLogger(name).level for name in _QUIET}
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(saved_level)
        for name, level in quiet.items():
            logging.getLogger(name).setLevel(level)
