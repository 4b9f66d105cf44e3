"""The ``trialtracker`` argument parser: every command, its options and its help."""

from __future__ import annotations

import argparse

from trialtracker import APP_NAME, __version__
from trialtracker.domain.search import DEFAULT_CONDITION, DEFAULT_INTERVENTION

#: Seconds a whole `discover` or `watch run` may take (a trickling server cannot hold it longer).
DEFAULT_TIMEOUT = 300.0
#: A whole `refresh`: about a hundred paced requests for 10,000 trials, with their retries.
REFRESH_TIMEOUT = 1800.0
NEAR_HELP = (
    "a town of 15,000 people or more ('Portland, Oregon'; from the offline list, sent nowhere) or 'lat, lon'"
)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def _add_timeout(p: argparse.ArgumentParser, default: float = DEFAULT_TIMEOUT) -> None:
    p.add_argument("--timeout", metavar="SECONDS", type=_seconds, default=default,
                   help="give up when the whole command takes longer (default: %(default)g)")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the database lives (default: $TRIALTRACKER_DATA_DIR or the user data dir)",
    )
    common.add_argument(
        "--api-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="ClinicalTrials.gov API v2 base URL (default: $TRIALTRACKER_API_URL, then Preferences, "
        "then the public API)",
    )
    common.add_argument(
        "--database-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="use a team library on PostgreSQL (postgresql://USER@HOST/DATABASE) instead of the local file "
        "(default: $TRIALTRACKER_DATABASE_URL); the password comes from ~/.pgpass or $PGPASSWORD",
    )
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log what happens to stderr (never note text or registry data)")  # fmt: skip
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="log in detail to stderr (never note text or registry data)")  # fmt: skip
    parser = argparse.ArgumentParser(
        prog="trialtracker",
        description=f"{APP_NAME}: follow stem-cell therapy trials for multiple sclerosis.",
        parents=[common],
        epilog="Run without a command to open the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"trialtracker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = add("list", "list tracked trials")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--changed", action="store_true", help="only trials with unreviewed changes")
    p.add_argument("--near", metavar="PLACE", help=NEAR_HELP + "; shows each trial's nearest recruiting site")
    p.add_argument("--within", metavar="KM", type=float,
                   help="only trials with a recruiting site within KM kilometres (of --near, else of the "
                        "home place set in Preferences)")  # fmt: skip

    p = add("show", "show everything stored about one trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--near", metavar="PLACE",
        help=NEAR_HELP + "; sites nearest first, with distances (default: the home place in Preferences)",
    )  # fmt: skip

    p = add("add", "track trials by NCT ID")
    p.add_argument("ids", metavar="NCT", nargs="*")
    p.add_argument("--from-file", metavar="FILE", help="add every NCT ID found in a text, CSV or JSON file")

    p = add("remove", "stop tracking trials (personal notes are kept)")
    p.add_argument("ids", metavar="NCT", nargs="+")

    p = add("star", "star a trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("--off", action="store_true", help="remove the star")

    p = add("tag", "tag a trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("tags", metavar="TAG", nargs="+")
    p.add_argument("--remove", action="store_true", help="remove these tags instead")
    p.add_argument("--personal", action="store_true",
                   help="in a team library: tags only you see (else the whole team sees them)")  # fmt: skip

    p = add("note", "add or edit a personal note (Markdown)")
    p.add_argument("nct", metavar="NCT")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--add", metavar="TEXT", help="append a new note")
    group.add_argument("--edit", action="store_true", help="edit the latest note in $EDITOR")
    group.add_argument("--share", metavar="NOTE_ID", type=int,
                       help="let the whole team read one of your notes (a team library)")  # fmt: skip
    group.add_argument("--unshare", metavar="NOTE_ID", type=int, help="make one of your notes private again")
    p.add_argument("--shared", action="store_true",
                   help="with --add: the whole team may read it (else private)")  # fmt: skip

    p = add("recover", "list note text kept after a failed save; --restore stores it")
    p.add_argument("--restore", action="store_true", help="store every kept text as a note again")
    p.add_argument("--json", action="store_true")

    p = add("notes", "print personal notes")
    p.add_argument("nct", metavar="NCT", nargs="?")
    p.add_argument("--search", metavar="TEXT", help="only notes containing TEXT")
    p.add_argument("--json", action="store_true")

    p = add("export", "export trials and notes")
    p.add_argument("--format", choices=["json", "csv", "md"], default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument(
        "--raw", action="store_true", help="also write each trial's full registry record (JSON only; large)"
    )

    p = add("import", "import a Trial Tracker JSON bundle or any file holding NCT IDs")
    p.add_argument("file", metavar="FILE")

    p = add("refresh", "refresh trials from ClinicalTrials.gov and record what changed")
    p.add_argument("ids", metavar="NCT", nargs="*", help="only these trials (default: all)")
    p.add_argument("--force", action="store_true", help="refresh even if the registry has not changed")
    p.add_argument("--wait", action="store_true",
                   help="in a team library, wait while another member refreshes, then refresh")  # fmt: skip
    p.add_argument("--notify", action="store_true",
                   help="tell a new status or posted results as a desktop notification (notify-send), for a "
                        "timer that refreshes while the window is closed")  # fmt: skip
    _add_timeout(p, REFRESH_TIMEOUT)

    p = add("history", "show the change history of a trial")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("--json", action="store_true")

    p = add("review", "mark changes reviewed")
    p.add_argument("nct", metavar="NCT", nargs="?")
    p.add_argument("--all", action="store_true", help="mark every change reviewed")

    p = add("discover", "search the registry for MS stem-cell trials")
    p.add_argument("--cond", default=DEFAULT_CONDITION, help="condition (default: %(default)s)")
    p.add_argument("--intr", default=DEFAULT_INTERVENTION, help="intervention terms "
                   "(default: %(default)s)")  # fmt: skip
    p.add_argument("--status", help="comma-separated overall statuses, e.g. RECRUITING,NOT_YET_RECRUITING")
    p.add_argument("--limit", type=int, default=200, help="at most this many studies (default: %(default)s)")
    p.add_argument("--json", action="store_true")
    _add_timeout(p)

    p = add("watch", "saved searches, re-run after every full refresh")
    wsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    w = wsub.add_parser("add", help="save a search", parents=[common])
    w.add_argument("name", metavar="NAME")
    w.add_argument("--cond", default=DEFAULT_CONDITION)
    w.add_argument("--intr", default=DEFAULT_INTERVENTION)
    w.add_argument("--status")
    w = wsub.add_parser("edit", help="rename a watch or change what it searches for", parents=[common])
    w.add_argument("name", metavar="NAME")
    w.add_argument("--rename", metavar="NEW_NAME")
    w.add_argument("--cond", help="condition terms ('' clears them)")
    w.add_argument("--intr", help="intervention terms ('' clears them)")
    w.add_argument("--status", help="comma-separated overall statuses ('' means any status)")
    w = wsub.add_parser("list", help="list watches", parents=[common])
    w.add_argument("--json", action="store_true")
    _add_timeout(
        wsub.add_parser("run", help="run every watch now and list the new candidates", parents=[common])
    )
    w = wsub.add_parser("remove", help="delete a watch", parents=[common])
    w.add_argument("name", metavar="NAME")

    p = add("candidates", "new trials found by watches: list, track or dismiss")
    p.add_argument("--track", metavar="NCT", nargs="+")
    p.add_argument("--dismiss", metavar="NCT", nargs="+")
    p.add_argument("--json", action="store_true")

    p = add("team", "set up a team library on a PostgreSQL server (run by the database's owner)")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    url_help = ("postgresql://USER@HOST:PORT/DATABASE; the password comes from ~/.pgpass, a service file or "
                "$PGPASSWORD, never from a file of ours")  # fmt: skip
    t = tsub.add_parser("init", help="create or upgrade the library's tables and the members' role",
                        parents=[common])  # fmt: skip
    t.add_argument("url", metavar="URL", help=url_help)
    t = tsub.add_parser("add-member", help="make a login for one person and print how they connect",
                        parents=[common])  # fmt: skip
    t.add_argument("url", metavar="URL", help=url_help)
    t.add_argument("name", metavar="NAME", help="their login name (lowercase letters, digits and _)")
    t.add_argument("--json", action="store_true")
    t = tsub.add_parser("members", help="list the people who can use the team library", parents=[common])
    t.add_argument("url", metavar="URL", help=url_help)
    t.add_argument("--json", action="store_true")
    t = tsub.add_parser("name", help="show or set how the team sees you (a team library: --database-url)",
                        parents=[common])  # fmt: skip
    t.add_argument("text", metavar="TEXT", nargs="?",
                   help='your display name, e.g. "Alice Smith"; "" clears it')  # fmt: skip
    t = tsub.add_parser("share-tag", help="let the whole team see one of your personal tags (a team library)",
                        parents=[common])  # fmt: skip
    t.add_argument("tag", metavar="TAG")
    for action, said in (("push", "copy this computer's library into the team library (notes and tags stay "
                                  "yours)"),
                         ("pull", "copy what you read in the team library into this computer's library")):
        t = tsub.add_parser(action, help=f"{said}; safe to run again", parents=[common])
        t.add_argument("url", metavar="URL", help=url_help)
        t.add_argument("--json", action="store_true")

    p = add("topics", "list explanatory topics, or print one")
    p.add_argument("key", metavar="KEY", nargs="?")
    p.add_argument("--json", action="store_true")

    p = add("link", "link a trial to a topic by hand (kept across refreshes)")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("key", metavar="KEY")

    p = add("unlink", "remove a trial's topic link (kept across refreshes)")
    p.add_argument("nct", metavar="NCT")
    p.add_argument("key", metavar="KEY")

    p = add("install-desktop", "add Trial Tracker to the desktop menu (XDG)")
    p.add_argument("--uninstall", action="store_true", help="remove it again")

    p = add("backup", "make a consistent copy of the database in the backups folder")
    p.add_argument("--list", action="store_true", help="list existing backups")

    add("check", "check the database for damage (integrity, references, schema version); changes nothing")

    p = add("restore", "replace the database with a backup (the current one is backed up first)")
    p.add_argument("file", metavar="FILE")

    p = add("gui", "open the desktop window")
    p.add_argument("--screenshot", metavar="PATH", help="save a PNG of the window and exit")
    return parser
