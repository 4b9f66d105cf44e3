"""PyInstaller entry point of the windowed executable ``trialtracker-gui``.

Same as the ``trialtracker-gui`` script installed by pip: ``trialtracker gui``
with the remaining arguments. On Windows and macOS this executable is built
without a console window.
"""

import sys

sys.dont_write_bytecode = True

from trialtracker.cli import gui_main  # noqa: E402

raise SystemExit(gui_main())
