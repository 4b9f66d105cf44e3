"""The ``trialtracker`` command line: a thin face over :mod:`trialtracker.services`.

Every command honours ``--data-dir`` and ``--api-url``. Exit codes: 0 success,
2 bad input (invalid ID, unknown trial, broken file, unusable database), 1 an
operational failure (registry unreachable, a trial failed to refresh, the disk
is full), 130 cancelled with Ctrl-C (``trialtracker: cancelled; nothing
half-written``: every write is one transaction). Errors are one line on stderr,
never a traceback. ``-v``/``--debug`` log to stderr.
"""

from __future__ import annotations

import sys

from trialtracker.domain.errors import EXIT_FAIL, EXIT_USAGE, Cancelled, TrialTrackerError

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs `--version` a fifth of its time
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

__all__ = ["classify_error", "gui_main", "main"]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command. Nothing heavy (the database layer, the registry client, the topic library)
    is imported before the command needs it: ``trialtracker --version`` costs hardly more than
    starting Python."""
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        from trialtracker import __version__

        print(f"trialtracker {__version__}")  # argparse's version action, without building the parser
        raise SystemExit(0)
    from trialtracker.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    if args.command not in (None, "gui"):  # a command runs and ends; the window lives on (its own rule)
        _fewer_collections()
    from trialtracker.cli import commands, note_commands, team_commands  # noqa: F401 - registers the commands
    from trialtracker.cli.context import COMMANDS, Context, terminal_safe
    from trialtracker.cli.interrupt import report_cancelled
    from trialtracker.cli.logs import logging_to_stderr

    for name in ("data_dir", "api_url", "database_url"):
        if not hasattr(args, name):
            setattr(args, name, None)
    for name in ("verbose", "debug"):
        if not hasattr(args, name):
            setattr(args, name, False)
    if args.command is None:
        args.command = "gui"
        args.screenshot = None
    ctx = Context(args, out or sys.stdout)
    try:
        with logging_to_stderr(args.verbose, args.debug):
            return COMMANDS[args.command](ctx)
    except BrokenPipeError:  # `trialtracker list | head -1`: the reader has all it wanted
        _silence_stdout()
        return 0
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        if isinstance(exc, KeyboardInterrupt | Cancelled):
            return report_cancelled()
        code, message = classify_error(exc)
        print(f"trialtracker: error: {terminal_safe(message)}", file=sys.stderr)
        return code
    finally:
        ctx.close()


def _fewer_collections() -> None:
    """A command builds tens of thousands of rows that all live until it ends; the collector's
    default (a pass every 700 new objects, a full pass over every loaded module's objects now and
    then) spent a third of ``list`` at 10,000 trials finding nothing. What is loaded so far is set
    aside for good, and passes come less often (cyclic garbage is still collected)."""
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot complain about the closed pipe."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def classify_error(exc: BaseException) -> tuple[int, str]:
    """Map an exception to (exit code, one-line message)."""
    if isinstance(exc, TrialTrackerError):
        return exc.exit_code, " ".join(str(exc).split())
    if isinstance(exc, KeyboardInterrupt):
        from trialtracker.cli.interrupt import EXIT_CANCELLED

        return EXIT_CANCELLED, "cancelled; nothing half-written"
    if isinstance(exc, OSError):
        return EXIT_FAIL, f"{exc.strerror or exc} ({exc.filename})" if exc.filename else str(exc)
    return EXIT_FAIL, f"unexpected error: {type(exc).__name__}: {exc}"


def gui_main() -> int:
    """Entry point of the ``trialtracker-gui`` script."""
    return main(["gui", *sys.argv[1:]])


__all__ += ["EXIT_USAGE"]
