"""Packaging files agree with each other and with the package: app id, version, paths, syntax.

Covers ``packaging/pyinstaller/`` (spec + launch scripts), ``packaging/flatpak/`` (manifest),
``packaging/build.sh`` and the shipped desktop/metainfo/icon files. Nothing here builds anything.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import trialtracker
from trialtracker import APP_ID

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "pyinstaller" / "trialtracker.spec"
MANIFEST = PACKAGING / "flatpak" / f"{APP_ID}.yml"
DESKTOP = REPO / "packaging" / "linux" / f"{APP_ID}.desktop"
METAINFO = REPO / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
HICOLOR = REPO / "resources" / "icons" / "hicolor"
GUI_COMMAND = "trialtracker-gui"


def _manifest() -> dict:
    yaml = pytest.importorskip("yaml")  # PyYAML is not a project dependency
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


# --- app id -------------------------------------------------------------------------------------


def test_app_id_is_the_same_everywhere() -> None:
    assert APP_ID == "io.github.trialtracker.TrialTracker"
    assert DESKTOP.is_file() and METAINFO.is_file() and MANIFEST.is_file()

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    assert entry["Desktop Entry"]["StartupWMClass"] == APP_ID

    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name

    icons = sorted(p for p in HICOLOR.glob("*/apps/*") if p.is_file())
    assert icons, "no hicolor icons"
    assert {p.stem for p in icons} == {APP_ID}

    spec_ids = re.findall(r'^APP_ID\s*=\s*"([^"]+)"', SPEC.read_text(encoding="utf-8"), re.M)
    assert spec_ids == [APP_ID]


def test_flatpak_manifest_app_id_and_command() -> None:
    manifest = _manifest()
    assert manifest["id"] == APP_ID
    assert manifest["command"] == GUI_COMMAND
    assert GUI_COMMAND in _pyproject()["project"]["gui-scripts"]
    for arg in (
        "--share=network",
        "--socket=wayland",
        "--socket=fallback-x11",
        "--share=ipc",
        "--device=dri",
    ):
        assert arg in manifest["finish-args"]
    assert manifest["runtime"] == "org.kde.Platform" and manifest["sdk"] == "org.kde.Sdk"
    if "base" in manifest:  # the PySide BaseApp is built per KDE runtime version
        assert manifest["base-version"] == manifest["runtime-version"]


def test_desktop_file_runs_the_command_the_manifest_and_wheel_install() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"].split()[0] == GUI_COMMAND
    assert {"trialtracker", GUI_COMMAND} <= {b.text for b in ET.parse(METAINFO).getroot().iter("binary")}


# --- paths referenced by the manifest and the spec -----------------------------------------------


def test_flatpak_manifest_references_only_existing_files() -> None:
    manifest = _manifest()
    commands: list[str] = []
    app_sources: list[Path] = []
    for module in manifest["modules"]:
        assert isinstance(module, dict), "a module given as a file name must exist next to the manifest"
        commands += module.get("build-commands", [])
        for source in module.get("sources", []):
            if "path" in source:
                path = (MANIFEST.parent / source["path"]).resolve()
                assert path.exists(), f"manifest source {source['path']} does not exist"
                if source["type"] == "dir":
                    app_sources.append(path)
    assert app_sources == [REPO], "the app module must build from the repository root"

    referenced = {m for c in commands for m in re.findall(r"(?<![\w/$}])(resources/[\w./-]+)", c)}
    assert referenced, "the manifest installs nothing from resources/"
    missing = sorted(r for r in referenced if not (REPO / r).is_file())
    assert not missing, f"manifest references missing files: {missing}"

    # Desktop file, metainfo and every icon size go to the standard places, under the app id.
    joined = "\n".join(commands)
    assert f"/share/applications/{APP_ID}.desktop" in joined
    assert f"/share/metainfo/{APP_ID}.metainfo.xml" in joined
    for icon in HICOLOR.glob("*/apps/*"):
        assert f"/share/icons/hicolor/{icon.relative_to(HICOLOR).as_posix()}" in joined, (
            f"{icon} not installed"
        )


def test_pyinstaller_spec_compiles_and_references_existing_files() -> None:
    text = SPEC.read_text(encoding="utf-8")
    compile(text, str(SPEC), "exec")

    for script in re.findall(r'_analysis\("([^"]+)"\)', text):
        assert (SPEC.parent / script).is_file(), f"spec names missing script {script}"
    assert set(re.findall(r'_analysis\("([^"]+)"\)', text)) == {"launch.py", "launch_gui.py"}
    for folder in (
        "resources",
        "src/trialtracker/store/migrations",
        "src/trialtracker/store/migrations/versions",
    ):
        assert (REPO / folder).is_dir()
    assert (REPO / "src/trialtracker/store/migrations/script.py.mako").is_file()
    assert '"trialtracker/resources"' in text, "resources must land where the wheel puts them"
    assert 'collect_submodules("trialtracker")' in text
    assert "bundle_identifier=APP_ID" in text


def _calls(script: Path) -> list[str]:
    """The names a launcher script imports from ``trialtracker.cli``."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "trialtracker.cli"]
    return [a.name for n in imports for a in n.names]


@pytest.mark.parametrize(("script", "entry"), [("launch.py", "main"), ("launch_gui.py", "gui_main")])
def test_launch_scripts_call_what_pip_installs(script: str, entry: str) -> None:
    """The frozen build's two executables and the two commands pip installs start the same functions:
    the window through a gui-scripts entry point, the command line through our own script."""
    assert _calls(SPEC.parent / script) == [entry]
    from trialtracker import cli

    assert callable(getattr(cli, entry))
    wheel = _pyproject()["tool"]["hatch"]["build"]["targets"]["wheel"]
    installed = {name: _calls(REPO / source) for source, name in wheel["shared-scripts"].items()}
    installed |= {name: [target.split(":")[1]] for name, target in _pyproject()["project"]["gui-scripts"].items()}
    assert installed == {"trialtracker": ["main"], GUI_COMMAND: ["gui_main"]}
    cli_script = REPO / "packaging" / "scripts" / "trialtracker"
    assert cli_script.read_text(encoding="utf-8").startswith("#!python\n"), "pip rewrites this shebang"
    assert os.access(cli_script, os.X_OK), "the wheel keeps the file's mode: it must be executable"


def test_build_script_is_valid_bash() -> None:
    build = PACKAGING / "build.sh"
    text = build.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert "packaging/pyinstaller/trialtracker.spec" in text
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash not available")
    result = subprocess.run([bash, "-n", str(build)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr


# --- version ------------------------------------------------------------------------------------


def test_metainfo_newest_release_is_the_package_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "metainfo has no <release>"
    newest = max(releases, key=lambda r: _version_key(r.get("version", "")))
    assert releases[0] is newest, "AppStream lists releases newest first"
    assert newest.get("version") == trialtracker.__version__, (
        "add a <release> for the new version to the metainfo (see packaging/RELEASING.md)"
    )
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", "")), "release needs date=YYYY-MM-DD"
