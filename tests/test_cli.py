"""Every CLI command's success and failure paths, on a temp data dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trialtracker import __version__
from trialtracker.domain.catalog import load_catalog

from .conftest import CliResult

CATALOG_SIZE = len(load_catalog().entries)


def test_version_is_single_sourced(cli) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        cli("--version")
    assert exc.value.code == 0


def test_console_script_prints_version_without_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("trialtracker")
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"trialtracker {__version__}"


def test_the_installed_command_loads_only_our_package_to_print_its_version() -> None:
    """Issue 13's target for ``--version`` (≤ 1.3 times ``import trialtracker``): pip's launcher for an entry
    point imported ``re`` first, which made it 1.7 times; the command is now our own script
    (packaging/scripts/trialtracker), at 1.1 times."""
    exe = Path(sys.executable).with_name("trialtracker")
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env, timeout=60,
                            check=False)  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip() == f"trialtracker {__version__}"
    imported = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "trialtracker.cli" in imported
    assert not imported & {"re", "argparse", "sqlalchemy", "requests", "PySide6"}, sorted(imported)


def test_list_json_shape_on_a_new_data_dir(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result: CliResult = cli("list", "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert len(rows) == CATALOG_SIZE
    row = next(r for r in rows if r["nct_id"] == "NCT00273364")
    for key in ("nct_id", "title", "acronym", "overall_status", "last_refreshed", "tags", "starred",
                "note_count", "topics"):  # fmt: skip
        assert key in row
    assert row["acronym"] == "MIST"
    assert row["overall_status"] is None and row["last_refreshed"] is None
    assert row["tags"] == [] and row["starred"] is False and row["note_count"] == 0
    assert "hsct" in row["topics"]
    assert (data_dir / "trialtracker.sqlite3").exists()


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from trialtracker.cli import main

    monkeypatch.setenv("TRIALTRACKER_DATA_DIR", str(tmp_path / "envdata"))
    assert main(["list"]) == 0
    assert (tmp_path / "envdata" / "trialtracker.sqlite3").exists()


def test_add_normalises_and_reports_already_tracked(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "nct1234567", "NCT00273364")
    assert result.code == 0, result.err
    assert "Added 1: NCT01234567" in result.out
    assert "Already tracked: NCT00273364" in result.out
    assert "NCT01234567" in cli("list").out


def test_add_invalid_id_exits_2_naming_it_and_adds_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("add", "NCT01234567", "NCT12AB")
    assert result.code == 2
    assert "'NCT12AB'" in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert "NCT01234567" not in cli("list").out


def test_add_from_file_extracts_ids_from_any_text(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "mail.txt"
    f.write_text("Hi, have a look at NCT01234567 and nct07654321.\nAlso NCT00273364.", encoding="utf-8")
    result = cli("add", "--from-file", str(f))
    assert result.code == 0, result.err
    assert "Added 2: NCT01234567, NCT07654321" in result.out


def test_add_from_missing_or_binary_file_exits_2(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "--from-file", str(tmp_path / "nope.txt")).code == 2
    binary = tmp_path / "img.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00NCT01234567")
    result = cli("add", "--from-file", str(binary))
    assert result.code == 2 and "binary" in result.err


def test_remove_keeps_notes_and_catalog_never_resurrects(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("note", "NCT00273364", "--add", "My question list").code == 0
    result = cli("remove", "NCT00273364")
    assert result.code == 0 and "notes are kept" in result.out
    assert "NCT00273364" not in cli("list").out
    notes = json.loads(cli("notes", "NCT00273364", "--json").out)
    assert [n["body"] for n in notes] == ["My question list"]
    assert cli("remove", "NCT00273364").code == 2


def test_star_and_tag(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("star", "NCT00273364").code == 0
    result = cli("tag", "NCT00273364", "hsct", "ask nurse")
    assert result.code == 0 and "ask nurse, hsct" in result.out
    row = next(r for r in json.loads(cli("list", "--json").out) if r["nct_id"] == "NCT00273364")
    assert row["starred"] is True and row["tags"] == ["ask nurse", "hsct"]
    assert cli("tag", "NCT00273364", "hsct", "--remove").code == 0
    assert cli("star", "NCT00273364", "--off").code == 0
    row = next(r for r in json.loads(cli("list", "--json").out) if r["nct_id"] == "NCT00273364")
    assert row["starred"] is False and row["tags"] == ["ask nurse"]
    assert cli("star", "NCT09999999").code == 2
    assert cli("tag", "bogus", "x").code == 2


def test_note_add_and_notes_listing(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("note", "NCT00273364", "--add", "**First** note").code == 0
    assert cli("note", "NCT00273364", "--add", "second").code == 0
    assert cli("note", "NCT00273364", "--add", "   ").code == 2
    assert cli("note", "NCT09999999", "--add", "x").code == 2
    rows = json.loads(cli("notes", "--json").out)
    assert [r["body"] for r in rows] == ["**First** note", "second"]
    assert "second" in cli("notes", "NCT00273364").out
    assert json.loads(cli("notes", "--search", "FIRST", "--json").out)[0]["body"] == "**First** note"
    shown = json.loads(cli("show", "NCT00273364", "--json").out)
    assert shown["note_count"] == 2


def test_note_edit_uses_editor(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "fake-editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a').write('edited in editor\\n')\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    assert cli("note", "NCT00273364", "--edit").code == 0
    assert cli("note", "NCT00273364", "--edit").code == 0
    rows = json.loads(cli("notes", "NCT00273364", "--json").out)
    assert [r["body"] for r in rows] == ["edited in editor\nedited in editor\n"]


def test_note_edit_never_overwrites_a_change_made_meanwhile(  # type: ignore[no-untyped-def]
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the editor is open, another program changes the same note: both texts survive."""
    assert cli("note", "NCT00273364", "--add", "first words").code == 0
    script = tmp_path / "editor.py"
    script.write_text(
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute(\"UPDATE note SET body = 'changed in the window'\")\n"
        "c.commit()\n"
        "open(sys.argv[-1], 'a').write(' and mine')\n",
        encoding="utf-8",
    )
    # $EDITOR carries the database path; the file to edit comes last.
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} {data_dir / 'trialtracker.sqlite3'}")
    result = cli("note", "NCT00273364", "--edit")
    assert result.code == 0 and "saved as a new note" in result.out
    rows = json.loads(cli("notes", "NCT00273364", "--json").out)
    assert sorted(r["body"] for r in rows) == ["changed in the window", "first words and mine"]


def test_note_edit_without_editor_is_a_clear_error(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("note", "NCT00273364", "--edit")
    assert result.code == 2 and "$EDITOR" in result.err


def test_show_text_and_json(cli) -> None:  # type: ignore[no-untyped-def]
    text = cli("show", "nct00273364")
    assert text.code == 0
    assert "MIST" in text.out and "Need to Know: What Are Stem Cells?" in text.out
    assert "https://clinicaltrials.gov/study/NCT00273364" in text.out
    data = json.loads(cli("show", "NCT00273364", "--json").out)
    assert data["catalog"]["cell_type"].startswith("HSCT")
    assert any(link["topic"] == "hsct" for link in data["topic_links"])
    assert cli("show", "NCT09999999").code == 2


def test_show_prints_the_rendered_detail_of_the_service(cli, library) -> None:  # type: ignore[no-untyped-def]
    from trialtracker.cli.render import trial_as_text
    from trialtracker.services import notes, trials

    notes.add_note(library, "NCT00273364", "# Questions\n- travel costs?")
    trials.star(library, ["NCT00273364"])
    text = trial_as_text(trials.require_detail(library, "NCT00273364"))
    assert text.startswith("NCT00273364 (MIST)\n")
    assert "Starred:" in text and "Last refreshed:      never" in text
    assert "  - travel costs?" in text and "why: named in the article" in text
    assert cli("show", "NCT00273364").out == text + "\n"


def test_ccsvi_trials_carry_a_caution(cli) -> None:  # type: ignore[no-untyped-def]
    cautions = [
        json.loads(cli("show", nct, "--json").out)["catalog"]["caution"]
        for nct in ("NCT02418351", "NCT02587806", "NCT02418325", "NCT02587715")
    ]
    assert all(c and "CCSVI" in c for c in cautions)
    assert json.loads(cli("show", "NCT00273364", "--json").out)["catalog"]["caution"] is None


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_export_formats(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    cli("note", "NCT00273364", "--add", "note in export")
    target = tmp_path / f"out.{fmt}"
    result = cli("export", "--format", fmt, "-o", str(target))
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["format"] == "trialtracker-bundle" and data["schema_version"]
        assert len(data["trials"]) == CATALOG_SIZE
    elif fmt == "csv":
        lines = text.splitlines()
        assert lines[0].startswith("nct_id,acronym,title") and len(lines) == CATALOG_SIZE + 1
    else:
        assert "# Trial Tracker report" in text and "note in export" in text


def test_export_to_unwritable_path_exits_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("export", "-o", str(tmp_path / "missing-dir" / "x.json"))
    assert result.code == 1 and "cannot write" in result.err


def test_export_import_round_trip_into_fresh_data_dir(cli, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from trialtracker.cli import main

    cli("add", "NCT01234567")
    cli("note", "NCT01234567", "--add", "# Heading\n\nkeep *this*")
    cli("note", "NCT00273364", "--add", "another")
    cli("star", "NCT01234567")
    cli("tag", "NCT01234567", "watch-closely")
    cli("remove", "NCT00288626")
    bundle = tmp_path / "bundle.json"
    assert cli("export", "-o", str(bundle)).code == 0

    fresh = tmp_path / "fresh"
    assert main(["--data-dir", str(fresh), "import", str(bundle)]) == 0
    capsys.readouterr()
    main(["--data-dir", str(fresh), "list", "--json"])
    rows = {r["nct_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["NCT01234567"]["starred"] and rows["NCT01234567"]["tags"] == ["watch-closely"]
    main(["--data-dir", str(fresh), "notes", "--json"])
    bodies = sorted(n["body"] for n in json.loads(capsys.readouterr().out))
    assert bodies == ["# Heading\n\nkeep *this*", "another"]
    # Importing twice adds nothing twice.
    assert main(["--data-dir", str(fresh), "import", str(bundle)]) == 0
    assert "0 trial(s) added" in capsys.readouterr().out
    main(["--data-dir", str(fresh), "notes", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "trialtracker-bundle", "bundle_version": 1, "trials": [', "not valid JSON"),
        (b'{"format": "trialtracker-bundle", "bundle_version": 99, "trials": []}', "newer"),
        (b'{"format": "trialtracker-bundle", "bundle_version": 1, "trials": [{"nct_id": "bad"}]}', "damaged"),
        (b"just some words, no identifiers", "no NCT IDs"),
        (b"\x00\x01\x02binary", "binary"),
    ],
    ids=["truncated", "newer", "bad-id", "no-ids", "binary"],
)
def test_import_broken_or_foreign_file_exits_2_and_changes_nothing(
    cli, tmp_path: Path, data_dir: Path, content: bytes, message: str
) -> None:  # type: ignore[no-untyped-def]
    cli("note", "NCT00273364", "--add", "precious")
    before = cli("export").out
    f = tmp_path / "in.json"
    f.write_bytes(content)
    result = cli("import", str(f))
    assert result.code == 2 and message in result.err
    assert cli("export").out == before


def test_import_plain_id_list(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "ids.csv"
    f.write_text("nct_id,comment\nNCT01234567,x\nNCT00273364,y\n", encoding="utf-8")
    result = cli("import", str(f))
    assert result.code == 0
    assert "1 trial(s) added, 1 already tracked" in result.out


def test_unusable_database_is_one_line_exit_2(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    data_dir.mkdir(parents=True)
    (data_dir / "trialtracker.sqlite3").write_bytes(b"not a db at all" * 100)
    result = cli("list")
    assert result.code == 2
    assert "not a Trial Tracker database" in result.err and "trialtracker.sqlite3" in result.err
    assert result.err.count("\n") == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("trialtracker")
    env = {**os.environ, "TRIALTRACKER_DATA_DIR": str(tmp_path)}
    result = subprocess.run([str(exe), "frobnicate"], capture_output=True, text=True, env=env, timeout=60,
                            check=False)  # fmt: skip
    assert result.returncode == 2 and "invalid choice" in result.stderr


HOSTILE_NOTE = "title\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x1b[2J\x1b[31mred\x9b2J \u202egnp.exe\u202c end\r\nnext"


def test_terminal_output_is_stripped_of_escapes_and_bidi_overrides(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("note", "NCT00273364", "--add", HOSTILE_NOTE).code == 0
    shown = cli("notes", "NCT00273364").out
    assert "title" in shown and "link" in shown and "red" in shown and "end" in shown
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\r"):
        assert bad not in shown, repr(bad)
    # JSON keeps the text exact (escaped where a terminal could be fooled).
    out = cli("notes", "NCT00273364", "--json").out
    assert "\u202e" not in out and "\x9b" not in out
    assert json.loads(out)[0]["body"] == HOSTILE_NOTE


def test_a_closed_pipe_ends_quietly(cli, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for i in range(40):  # enough output to overflow the pipe once the reader has gone
        assert cli("note", "NCT00273364", "--add", f"note {i} " + "x" * 4000).code == 0
    exe = str(Path(sys.executable).with_name("trialtracker"))
    command = f"'{exe}' --data-dir '{data_dir}' notes | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("--- NCT00273364") and result.stdout.count("\n") == 1
    assert result.stderr == "status=0\n", "no traceback, no error line"


def test_export_never_follows_a_planted_symlink_and_leaves_no_temporary_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "out"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (folder / "bundle.json.part").symlink_to(victim)  # where the old exporter wrote first
    target = folder / "bundle.json"
    target.write_text("previous export")
    assert cli("export", "-o", str(target)).code == 0
    assert victim.read_text() == "precious"
    assert json.loads(target.read_text())["format"] == "trialtracker-bundle"
    assert sorted(p.name for p in folder.iterdir()) == ["bundle.json", "bundle.json.part"]


@pytest.mark.slow
def test_note_edit_keeps_the_text_when_the_save_fails(  # type: ignore[no-untyped-def]
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the editor is open another program locks the database; the save fails after the busy
    timeout, and the edited text is kept in a file the error line names."""
    assert cli("list").code == 0
    db, ready, pid = data_dir / "trialtracker.sqlite3", tmp_path / "locked", tmp_path / "pid"
    locker = (
        "import os, sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "open(sys.argv[3], 'w').write(str(os.getpid()))\n"
        "open(sys.argv[2], 'w').close()\n"
        "time.sleep(30)\n"
    )
    (tmp_path / "locker.py").write_text(locker, encoding="utf-8")
    editor = (
        "import pathlib, subprocess, sys, time\n"
        "open(sys.argv[1], 'a').write('my careful words\\n')\n"
        f"subprocess.Popen([sys.executable, {str(tmp_path / 'locker.py')!r}, {str(db)!r}, {str(ready)!r}, {str(pid)!r}])\n"
        f"while not pathlib.Path({str(ready)!r}).exists(): time.sleep(0.05)\n"
    )
    (tmp_path / "editor.py").write_text(editor, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {tmp_path / 'editor.py'}")
    try:
        result = cli("note", "NCT00273364", "--edit")
    finally:
        if pid.exists():
            os.kill(int(pid.read_text()), 9)
    assert result.code == 1 and result.err.count("\n") == 1
    assert "database is busy" in result.err and "your edited text is kept in" in result.err
    kept = Path(result.err.split("kept in ", 1)[1].split(" (", 1)[0])
    assert kept.parent == data_dir / "unsaved-notes"
    assert kept.read_text(encoding="utf-8").endswith("-->\nmy careful words\n")  # Markdown after one comment
    assert "trialtracker recover --restore" in result.err
    listed = cli("recover")
    assert listed.code == 0 and "NCT00273364" in listed.out and "my careful words" in listed.out
    assert str(kept) in listed.out

    # The lock is gone now: the kept text goes back into the library, and its file with it.
    restored = cli("recover", "--restore")
    assert restored.code == 0 and "NCT00273364: restored" in restored.out
    assert not kept.exists()
    assert json.loads(cli("notes", "NCT00273364", "--json").out)[-1]["body"] == "my careful words\n"
    assert "every note is saved" in cli("recover").out
