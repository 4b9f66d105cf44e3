"""Sites near me (issue 14, item 4): an offline home place, distances, nearest first, the
"Nearest open site" column and the "Open near me" list, and the CLI's ``--near`` / ``--within``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import CliResult, open_test_library, show_trial
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.geo import Place, distance_km, distance_text, fold, miles_for, parse_coordinates
from trialtracker.services import places
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList, list_rows, smart_counts
from trialtracker.services.settings import Preferences, read_preferences

CHICAGO_SITE = {
    "facility": "Northwestern Memorial Hospital",
    "city": "Chicago",
    "state": "Illinois",
    "country": "United States",
    "status": "RECRUITING",
    "geoPoint": {"lat": 41.8958, "lon": -87.6214},
}
CLEVELAND_SITE = {
    "facility": "Cleveland Clinic",
    "city": "Cleveland",
    "state": "Ohio",
    "country": "United States",
    "status": "RECRUITING",
    "geoPoint": {"lat": 41.5020, "lon": -81.6210},
}
STOCKHOLM_SITE = {
    "facility": "Karolinska University Hospital",
    "city": "Stockholm",
    "country": "Sweden",
    "status": "NOT_YET_RECRUITING",
    "geoPoint": {"lat": 59.3500, "lon": 18.0300},
}
GENOA_SITE = {"facility": "Ospedale San Martino", "city": "Genova", "country": "Italy", "status": "RECRUITING",
              "geoPoint": {"lat": 44.4110, "lon": 8.9730}}  # fmt: skip
OPEN_US, UNKNOWN_US, OPEN_IT = "NCT00273364", "NCT00288626", "NCT00395200"


def studies() -> list[dict[str, Any]]:
    return [
        make_study(OPEN_US, overall_status="RECRUITING", locations=[STOCKHOLM_SITE, CLEVELAND_SITE, CHICAGO_SITE]),
        make_study(UNKNOWN_US, overall_status="UNKNOWN", last_known_status="RECRUITING", locations=[CHICAGO_SITE]),
        make_study(OPEN_IT, overall_status="RECRUITING", locations=[GENOA_SITE]),
    ]  # fmt: skip


@pytest.fixture(name="server")
def near_server(ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch) -> CtGovServer:
    ctgov_server.add(*studies())
    monkeypatch.setenv("TRIALTRACKER_API_URL", ctgov_server.url)
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    return ctgov_server


Cli = Callable[..., CliResult]


def refreshed(cli: Cli) -> None:
    assert cli("refresh", OPEN_US, UNKNOWN_US, OPEN_IT).code == 0


# --------------------------------------------------------------------------- vocabulary and gazetteer


def test_distances_and_units() -> None:
    assert distance_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.6, abs=1)  # London–Paris
    assert distance_km(41.85, -87.65, 41.85, -87.65) == 0
    assert (
        distance_text(12.4) == "12 km"
        and distance_text(0.3) == "< 1 km"
        and distance_text(1609.344 * 2) == "3,219 km"
    )
    assert distance_text(16.09344, miles=True) == "10 mi"
    assert miles_for("US") and miles_for("gb") and not miles_for("DE") and not miles_for(None)
    assert parse_coordinates("41.85, -87.65") == (41.85, -87.65)
    assert parse_coordinates("91, 0") is None and parse_coordinates("Chicago") is None
    assert parse_coordinates("nan, 1") is None
    assert fold("São Paulo") == fold("sao paulo")


def test_the_offline_gazetteer_finds_places_by_name_region_and_country() -> None:
    first = places.search_places("portland")[0]
    assert (first.label, first.population > 500_000) == ("Portland, Oregon, United States", True)
    assert places.search_places("Portland, Maine")[0].label == "Portland, Maine, United States"
    assert places.search_places("barcelona, ven")[0].country == "Venezuela"
    assert places.search_places("sao paulo")[0].name == "São Paulo"
    assert places.search_places("") == [] and places.search_places("zzzzqq") == []
    assert places.resolve_place("genoa").label == "Genoa, Italy"
    typed = places.resolve_place("45.5, -122.6")
    assert (typed.lat, typed.lon) == (45.5, -122.6)
    with pytest.raises(InvalidInput, match=r"no place called 'Chicagoo'.*did you mean Chicago"):
        places.resolve_place("Chicagoo")
    with pytest.raises(InvalidInput, match="no place called"):
        places.resolve_place("Xqzzy")


# --------------------------------------------------------------------------- services


def test_rows_measure_the_nearest_recruiting_site_of_trials_whose_status_is_known(
    server: CtGovServer, cli: Cli, data_dir: Path
) -> None:
    refreshed(cli)
    lib = open_test_library(data_dir)
    try:
        chicago = places.resolve_place("Chicago")
        rows = {r.nct_id: r for r in list_rows(lib, near=chicago, within_km=100)}
        mist = rows[OPEN_US]
        assert (
            mist.nearest_km is not None
            and mist.nearest_km < 10
            and mist.nearest_site == "Chicago, United States"
        )
        assert mist.near
        assert rows[UNKNOWN_US].nearest_km is None, "an unknown trial cannot vouch for its sites"
        assert (
            rows[OPEN_IT].nearest_km is not None
            and rows[OPEN_IT].nearest_km > 7000
            and not rows[OPEN_IT].near
        )
        assert smart_counts(rows.values())[SmartList.NEAR] == 1
        narrow = {
            r.nct_id: r
            for r in list_rows(lib, [OPEN_US], near=places.resolve_place("Cleveland"), within_km=10)
        }
        assert narrow[OPEN_US].nearest_site == "Cleveland, United States" and narrow[OPEN_US].near
        assert all(r.nearest_km is None and not r.near for r in list_rows(lib))  # no home place: no distances
    finally:
        lib.close()


def test_home_place_preferences_round_trip_and_bad_values_are_dropped(tmp_path: Path) -> None:
    from trialtracker.services.settings import save_preferences

    path = tmp_path / "preferences.ini"
    save_preferences(Preferences(home_place="Chicago, Illinois, United States", home_lat=41.85, home_lon=-87.65,
                                 near_km=250), path)  # fmt: skip
    back = read_preferences(path)
    assert back.home == Place("Chicago, Illinois, United States", "", "", 41.85, -87.65)
    assert back.near_km == 250
    assert Preferences(home_place="Nowhere", home_lat=None, home_lon=None).cleaned().home is None
    assert Preferences(near_km=10**9).cleaned().near_km == 5000


# --------------------------------------------------------------------------- command line


def test_list_near_and_within(server: CtGovServer, cli: Cli) -> None:
    refreshed(cli)
    near = cli("list", "--near", "Chicago")
    assert near.code == 0 and "as the crow flies from Chicago, Illinois, United States" in near.out
    line = next(x for x in near.out.splitlines() if x.startswith(OPEN_US))
    assert "< 1 km" in line or " km " in line
    within = cli("list", "--near", "Chicago", "--within", "50", "--json")
    assert [r["nct_id"] for r in json.loads(within.out)] == [OPEN_US]
    assert cli("list", "--near", "Genoa", "--within", "50").out.count("NCT") == 1
    nothing = cli("list", "--near", "Tokyo", "--within", "50")
    assert nothing.code == 0 and "No trial has a recruiting site within 50 km" in nothing.out
    bad = cli("list", "--near", "Xqzzy")
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1 and "no place called" in bad.err
    needs_home = cli("list", "--within", "50")
    assert needs_home.code == 2 and "--near PLACE" in needs_home.err
    assert cli("list", "--near", "Chicago", "--within", "-3").code == 2


def test_show_near_sorts_sites_nearest_first_with_distances(server: CtGovServer, cli: Cli) -> None:
    refreshed(cli)
    out = cli("show", OPEN_US, "--near", "Cleveland, Ohio").out
    block = out.split("Sites (nearest first", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert [x.split("  ")[-1].split(" — ")[0] for x in block] == [
        "Cleveland Clinic",
        "Northwestern Memorial Hospital",
        "Karolinska University Hospital",
    ]
    data = json.loads(cli("show", OPEN_US, "--near", "Cleveland, Ohio", "--json").out)
    assert {s["facility"]: s["distance_km"] < 20 for s in data["locations"]}["Cleveland Clinic"]


# --------------------------------------------------------------------------- window


def test_preferences_home_place_then_column_list_and_page(
    server: CtGovServer, cli: Cli, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trialtracker.ui.main_window import MainWindow
    from trialtracker.ui.preferences import PreferencesDialog
    from trialtracker.ui.trial_model import COL_NEAREST

    refreshed(cli)
    lib: Library = open_test_library(data_dir)
    window = MainWindow(lib, auto_refresh=False, remember=False)
    qtbot.addWidget(window)
    try:
        assert window.table.isColumnHidden(COL_NEAREST)
        assert window.sidebar._smart_items[SmartList.NEAR].isHidden()

        dialog = PreferencesDialog(lib, window)
        qtbot.addWidget(dialog)
        dialog.home.field.setText("Chicag")
        dialog.home.field.textEdited.emit("Chicag")
        assert "Chicago, Illinois, United States" in dialog.home._suggestions.stringList()
        dialog.home.field.setText("Atlantiss")
        assert not dialog.save() and "no place called" in dialog.home.error.text()
        dialog.home.field.setText("Chicago, Illinois, United States")
        dialog.home.within.setValue(100)
        assert dialog.save()
        assert lib.settings.preferences.home is not None and read_preferences().near_km == 100

        window.apply_home_place()
        reloaded = window.reload()  # read on the read lane
        qtbot.waitUntil(lambda: reloaded.delivered)
        assert not window.table.isColumnHidden(COL_NEAREST)
        near_item = window.sidebar._smart_items[SmartList.NEAR]
        assert not near_item.isHidden() and near_item.text(0) == "Open near me (≤ 100 km)  (1)"
        window.select_smart_list(SmartList.NEAR)
        assert [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())] == [OPEN_US]
        row = window.model.row_of(OPEN_US)
        assert window.model.cell(row, COL_NEAREST) == "6 km Chicago"

        show_trial(qtbot, window, OPEN_US)
        text = window.detail.browser.toPlainText()
        assert "as the crow flies from Chicago, Illinois, United States" in text
        assert text.index("Northwestern Memorial Hospital") < text.index("Cleveland Clinic")
    finally:
        window.close()
        lib.close()
