"""Register Trial Tracker with the Linux desktop (menu entry and icons) for the current user.

A wheel cannot put files into ``/usr/share``, so after ``pip install`` the
application has no menu entry.  :func:`install_desktop` copies the shipped
``.desktop`` file and hicolor icons into the user's XDG data directory
(``$XDG_DATA_HOME``, default ``~/.local/share``)::

    applications/io.github.trialtracker.TrialTracker.desktop
    icons/hicolor/<N>x<N>/apps/io.github.trialtracker.TrialTracker.png
    icons/hicolor/scalable/apps/io.github.trialtracker.TrialTracker.svg

The ``.desktop`` and AppStream metainfo files live in ``packaging/linux/``
(the wheel carries copies in ``trialtracker/resources/desktop/``); the icons in
``resources/icons/hicolor/``.  Run it as
``trialtracker install-desktop`` (or ``install-desktop --uninstall``).

No Qt here: this module must work from a plain command line.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from trialtracker import APP_ID
from trialtracker.paths import desktop_file, resource

GUI_SCRIPT = "trialtracker-gui"
DESKTOP_FILE_NAME = f"{APP_ID}.desktop"
METAINFO_FILE_NAME = f"{APP_ID}.metainfo.xml"
ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)
TOOL_TIMEOUT_S = 10.0

# Characters that force quoting of an Exec argument (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_file_source() -> Path:
    """The shipped (canonical) ``.desktop`` file."""
    return desktop_file(DESKTOP_FILE_NAME)


def metainfo_file_source() -> Path:
    """The shipped (canonical) AppStream metainfo file."""
    return desktop_file(METAINFO_FILE_NAME)


def icon_sources() -> dict[str, Path]:
    """Shipped app icons keyed by hicolor size directory (``"16x16"`` ... ``"scalable"``)."""
    hicolor = resource("icons", "hicolor")
    found: dict[str, Path] = {}
    for size in ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        if png.is_file():
            found[f"{size}x{size}"] = png
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    if svg.is_file():
        found["scalable"] = svg
    return found


def xdg_data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (as the spec requires), else ``~/.local/share``."""
    env = os.environ.get("XDG_DATA_HOME", "")
    if env and os.path.isabs(env):
        return Path(env)
    return Path.home() / ".local" / "share"


def find_gui_executable() -> Path | None:
    """Absolute path of the ``trialtracker-gui`` launcher of *this* installation, if any.

    The scripts directory of the running interpreter (the venv's ``bin/``) is
    searched first, so the menu entry starts the same installation even when
    that venv is not on ``PATH``; then ``PATH``.
    """
    search = [os.path.dirname(sys.executable), os.environ.get("PATH", os.defpath)]
    found = shutil.which(GUI_SCRIPT, path=os.pathsep.join(search))
    return Path(found).absolute() if found else None


def _escape_string(value: str) -> str:
    """Escape a value of type *string* for a desktop file (backslash, control characters)."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _exec_argument(arg: str) -> str:
    """Quote one argument of the Exec key per the Desktop Entry spec (before string escaping)."""
    arg = arg.replace("%", "%%")
    if not any(ch in _EXEC_RESERVED for ch in arg):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{inner}"'


def render_desktop_entry(template: str, executable: Path | None) -> str:
    """Return the desktop file text with ``Exec``/``TryExec`` pointing at ``executable``.

    With ``executable=None`` the template is returned unchanged (bare
    ``trialtracker-gui``, resolved through ``PATH`` by the desktop).
    """
    if executable is None:
        return template
    exec_value = _escape_string(_exec_argument(str(executable)))
    try_exec_value = _escape_string(str(executable))
    lines: list[str] = []
    in_main_group = False
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_main_group = stripped == "[Desktop Entry]"
        elif in_main_group and stripped.startswith("Exec="):
            line = f"Exec={exec_value}"
        elif in_main_group and stripped.startswith("TryExec="):
            line = f"TryExec={try_exec_value}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write_text(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(0o644)
    os.replace(tmp, target)


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    tmp.chmod(0o644)
    os.replace(tmp, target)


def _run_tool(args: Sequence[str]) -> bool:
    """Run a desktop cache tool if it exists; never raise. Returns True if it ran successfully."""
    tool = shutil.which(args[0])
    if tool is None:
        return False
    try:
        completed = subprocess.run(
            [tool, *args[1:]],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0


def refresh_caches(data_home: Path) -> None:
    """Best-effort refresh of the menu and icon caches; silently does nothing if the tools are absent."""
    applications = data_home / "applications"
    if applications.is_dir():
        _run_tool(["update-desktop-database", "-q", str(applications)])
    hicolor = data_home / "icons" / "hicolor"
    if hicolor.is_dir():
        # Icon themes notice changes by the theme directory's mtime.
        with contextlib.suppress(OSError):
            os.utime(hicolor)
        # Only refresh an existing user cache: creating one would hide icons that
        # other applications later add without updating it.
        if (hicolor / "icon-theme.cache").exists():
            _run_tool(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)])


def _targets(data_home: Path) -> tuple[Path, dict[str, Path]]:
    desktop = data_home / "applications" / DESKTOP_FILE_NAME
    hicolor = data_home / "icons" / "hicolor"
    icons = {f"{size}x{size}": hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES}
    icons["scalable"] = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    return desktop, icons


def install_desktop(data_home: Path | None = None, *, update_caches: bool = True) -> list[Path]:
    """Install the menu entry and icons for the current user; return the files written.

    ``data_home`` defaults to :func:`xdg_data_home`.  Existing files are
    replaced, so running it again (e.g. after an upgrade or moving the venv)
    is safe.
    """
    home = data_home if data_home is not None else xdg_data_home()
    desktop_target, icon_targets = _targets(home)
    written: list[Path] = []

    template = desktop_file_source().read_text(encoding="utf-8")
    _write_text(desktop_target, render_desktop_entry(template, find_gui_executable()))
    written.append(desktop_target)

    for size_dir, source in icon_sources().items():
        target = icon_targets[size_dir]
        _copy_file(source, target)
        written.append(target)

    if update_caches:
        refresh_caches(home)
    return written


def uninstall_desktop(data_home: Path | None = None, *, update_caches: bool = True) -> list[Path]:
    """Remove what :func:`install_desktop` installed; return the files removed.

    Only Trial Tracker's own files are deleted, never the shared directories.
    """
    home = data_home if data_home is not None else xdg_data_home()
    desktop_target, icon_targets = _targets(home)
    removed: list[Path] = []
    for target in (desktop_target, *icon_targets.values()):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        removed.append(target)
    if update_caches and removed:
        refresh_caches(home)
    return removed
