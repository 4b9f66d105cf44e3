"""Desktop integration: menu entry + icons install/uninstall, shipped file validity, icon sizes."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
from pathlib import Path

import pytest

from trialtracker import APP_ID
from trialtracker.paths import resource
from trialtracker.services import desktop as di

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _desktop_keys(text: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    group = ""
    for line in text.splitlines():
        if line.startswith("["):
            group = line.strip()
        elif "=" in line and group == "[Desktop Entry]":
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def _png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as fh:
        head = fh.read(24)
    assert head[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    length, chunk_type = struct.unpack(">I4s", head[8:16])
    assert chunk_type == b"IHDR" and length == 13
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _fake_tool(bin_dir: Path, name: str, body: str) -> Path:
    script = bin_dir / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # never touch the real ~/.local/share
    return home


# --- install / uninstall ------------------------------------------------------------------------


def test_install_into_xdg_data_home_and_uninstall(data_home: Path) -> None:
    installed = di.install_desktop(update_caches=False)

    desktop = data_home / "applications" / f"{APP_ID}.desktop"
    assert desktop in installed
    for size in di.ICON_SIZES:
        icon = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert icon in installed
        assert (
            icon.read_bytes()
            == resource("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png").read_bytes()
        )
    assert data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg" in installed
    assert all(path.is_file() for path in installed)
    assert all(path.is_relative_to(data_home) for path in installed)

    keys = _desktop_keys(desktop.read_text(encoding="utf-8"))
    assert keys["Icon"] == APP_ID
    assert keys["StartupWMClass"] == APP_ID
    assert keys["Exec"]

    # Idempotent: a second install overwrites the same files.
    assert sorted(di.install_desktop(update_caches=False)) == sorted(installed)

    removed = di.uninstall_desktop(update_caches=False)
    assert sorted(removed) == sorted(installed)
    assert not any(path.exists() for path in installed)
    assert (data_home / "applications").is_dir()  # shared directories stay
    assert di.uninstall_desktop(update_caches=False) == []


def test_explicit_data_home_wins_over_environment(tmp_path: Path, data_home: Path) -> None:
    other = tmp_path / "other"
    installed = di.install_desktop(other, update_caches=False)
    assert installed and all(path.is_relative_to(other) for path in installed)
    assert not data_home.exists()
    assert sorted(di.uninstall_desktop(other, update_caches=False)) == sorted(installed)


def test_default_data_home_without_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert di.xdg_data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert di.xdg_data_home() == tmp_path / ".local" / "share"


def test_exec_points_at_found_launcher(data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launcher = Path("/opt/trial tracker/bin/trialtracker-gui")
    monkeypatch.setattr(di, "find_gui_executable", lambda: launcher)
    di.install_desktop(update_caches=False)
    keys = _desktop_keys((data_home / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    assert keys["Exec"] == '"/opt/trial tracker/bin/trialtracker-gui"'
    assert keys["TryExec"] == "/opt/trial tracker/bin/trialtracker-gui"


def test_exec_falls_back_to_bare_command(data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(di, "find_gui_executable", lambda: None)
    di.install_desktop(update_caches=False)
    keys = _desktop_keys((data_home / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8"))
    assert keys["Exec"] == "trialtracker-gui"


def test_exec_argument_quoting() -> None:
    assert di._exec_argument("/usr/bin/trialtracker-gui") == "/usr/bin/trialtracker-gui"
    assert di._exec_argument("/a b/x") == '"/a b/x"'
    assert di._exec_argument("/a$b/x") == '"/a\\$b/x"'
    assert di._exec_argument("/50%/x") == "/50%%/x"
    # String-level escaping doubles the backslash that protects "$".
    rendered = di.render_desktop_entry("[Desktop Entry]\nExec=trialtracker-gui\n", Path("/a$b/x"))
    assert 'Exec="/a\\\\$b/x"' in rendered


def test_cache_tools_are_best_effort(
    tmp_path: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    _fake_tool(bin_dir, "update-desktop-database", f'echo "udd $*" >> "{log}"; exit 3')
    _fake_tool(bin_dir, "gtk-update-icon-cache", f'echo "gtk $*" >> "{log}"')
    monkeypatch.setenv("PATH", str(bin_dir))

    # A failing tool must not make the install fail.
    di.install_desktop()
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls == [f"udd -q {data_home / 'applications'}"]  # no icon cache created from scratch

    # An existing user icon cache is kept up to date.
    (data_home / "icons" / "hicolor" / "icon-theme.cache").write_bytes(b"")
    di.install_desktop()
    assert f"gtk -q -t -f {data_home / 'icons' / 'hicolor'}" in log.read_text(encoding="utf-8")

    # With no tools at all, nothing breaks either.
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert di.uninstall_desktop()


# --- shipped files ------------------------------------------------------------------------------


def test_shipped_desktop_file_keys() -> None:
    keys = _desktop_keys(di.desktop_file_source().read_text(encoding="utf-8"))
    assert keys["Icon"] == APP_ID
    assert keys["Exec"] == "trialtracker-gui"
    assert keys["StartupWMClass"] == APP_ID
    assert "Science;" in keys["Categories"] and "MedicalSoftware;" in keys["Categories"]


def _require_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        pytest.skip(f"{name} is not installed")
    return tool


def test_desktop_file_validates() -> None:
    tool = _require_tool("desktop-file-validate")
    result = subprocess.run(
        [tool, str(di.desktop_file_source())], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout + result.stderr


def test_installed_desktop_file_with_absolute_exec_validates(
    data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _require_tool("desktop-file-validate")
    monkeypatch.setattr(di, "find_gui_executable", lambda: Path("/opt/trial $tracker/bin/trialtracker-gui"))
    di.install_desktop(update_caches=False)
    installed = data_home / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run([tool, str(installed)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout + result.stderr


def test_metainfo_validates() -> None:
    tool = _require_tool("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(di.metainfo_file_source())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- icons --------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", di.ICON_SIZES)
def test_png_icon_has_its_nominal_size(size: int) -> None:
    png = resource("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
    assert png.is_file()
    assert _png_size(png) == (size, size)


def test_scalable_icon_is_a_copy_of_the_source_svg() -> None:
    source = resource("icons", "trialtracker.svg")
    scalable = resource("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")
    assert scalable.read_bytes() == source.read_bytes(), "run packaging/render_icons.py"
    assert set(di.icon_sources()) == {*(f"{s}x{s}" for s in di.ICON_SIZES), "scalable"}
