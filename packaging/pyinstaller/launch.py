"""PyInstaller entry point of the console executable ``trialtracker``.

Behaves exactly like the ``trialtracker`` command installed by pip: every CLI
subcommand works, and with no arguments it opens the desktop window.
"""

import sys

# A frozen bundle may sit in a read-only or code-signed folder: never write
# __pycache__ next to the Alembic migration files that are loaded by path.
sys.dont_write_bytecode = True

from trialtracker.cli import main  # noqa: E402

raise SystemExit(main())
