"""Trial ▸ History… and the timeline strip: the whole change record of a trial, in words and drawn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.conftest import open_test_library, show_trial
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.services import refresh, trials
from trialtracker.services.views import ChangeView, DateFact
from trialtracker.ui.history_dialog import COL_FIELD, COL_NEW, COL_OLD, COL_SEEN, HistoryDialog
from trialtracker.ui.main_window import MainWindow
from trialtracker.ui.timeline_strip import TimelineStrip, describe, registry_date, timeline_marks

MIST = "NCT00273364"
UTC = dt.UTC


def test_registry_dates_of_every_precision_and_nonsense() -> None:
    assert registry_date("2019") == dt.date(2019, 1, 1)
    assert registry_date("2019-03") == dt.date(2019, 3, 1)
    assert registry_date("2019-03-14") == dt.date(2019, 3, 14)
    assert [registry_date(x) for x in (None, "", "soon", "2019-13", "2019-02-30")] == [None] * 5


def test_the_marks_say_actual_and_estimated_dates_and_each_status_change_in_order() -> None:
    dates = {"start_date": DateFact("2019-02", "ACTUAL"), "primary_completion_date": DateFact(None, None),
             "completion_date": DateFact("2027-03", "ESTIMATED")}  # fmt: skip
    seen = dt.datetime(2026, 12, 1, 10, tzinfo=UTC)
    changes = [
        ChangeView(1, "first_fetch", None, "RECRUITING", seen, "2021-06-12", True),
        ChangeView(2, "enrollment_count", "40", "60", seen, "2026-11-20", False),  # not a status: no mark
        ChangeView(3, "overall_status", "RECRUITING", "COMPLETED", seen, None, False),  # no registry date
    ]
    marks = timeline_marks(dates, changes)
    assert [(m.when, m.label, m.actual, m.status) for m in marks] == [
        (dt.date(2019, 2, 1), "Start", True, False),
        (dt.date(2021, 6, 12), "Recruiting", True, True),
        (dt.date(2026, 12, 1), "Completed", True, True),
        (dt.date(2027, 3, 1), "End", False, False),
    ]
    assert describe(marks).splitlines() == [
        "Start: 2019-02 (actual)", "2021-06-12: First seen as Recruiting", "2026-12-01: Status Completed",
        "End: 2027-03 (estimated)",
    ]  # fmt: skip
    assert describe([]) == "No dates known yet."


def test_the_strip_draws_a_filled_dot_for_actual_and_a_hollow_one_for_estimated(qtbot: QtBot) -> None:
    strip = TimelineStrip()
    qtbot.addWidget(strip)
    dates = {"start_date": DateFact("2020-01", "ACTUAL"), "completion_date": DateFact("2030-01", "ESTIMATED")}
    strip.set_marks(timeline_marks(dates, []), today=dt.date(2025, 1, 1))
    strip.resize(400, strip.sizeHint().height())
    image = strip.grab().toImage()
    ink = strip.palette().color(strip.foregroundRole())

    def inked(day: dt.date) -> bool:
        centre = strip.position(day).toPoint()
        return _close(QColor(image.pixel(centre)), ink)

    assert inked(dt.date(2020, 1, 1)), "the start (actual) is a filled dot: its centre is ink"
    assert not inked(dt.date(2030, 1, 1)), "the end (estimated) is a hollow dot: its centre is not"
    assert not inked(dt.date(2025, 6, 1)), "between the dots, only the thin axis"
    assert strip.accessibleDescription() == "Start: 2020-01 (actual)\nEnd: 2030-01 (estimated)"


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 90


def test_history_lists_every_change_newest_first_with_the_unreviewed_in_bold(
    qtbot: QtBot, ctgov_server: CtGovServer, data_dir: Path
) -> None:
    ctgov_server.add(make_study(MIST, overall_status="RECRUITING"))
    lib = open_test_library(data_dir, api_url=ctgov_server.url, pace=0)
    try:
        refresh.refresh_library(lib, [MIST])
        ctgov_server.update(MIST, overall_status="COMPLETED", last_update_posted="2026-11-20")
        ctgov_server.data_timestamp = "2026-11-21T09:00:00"
        refresh.refresh_library(lib, [MIST], force=True)
        window = MainWindow(lib, auto_refresh=False, remember=False)
        qtbot.addWidget(window)
        window.show()
        assert show_trial(qtbot, window, MIST)
        assert window.act_history.isEnabled() and window.detail.strip.isVisible()
        assert "Status Completed" in window.detail.strip.accessibleDescription()

        window.act_history.trigger()
        dialog = window.findChild(HistoryDialog)
        assert dialog is not None and dialog.isVisible()
        changes = trials.history(lib, MIST)[1]
        tree = dialog.tree
        assert tree.topLevelItemCount() == len(changes) >= 2
        newest, oldest = tree.topLevelItem(0), tree.topLevelItem(tree.topLevelItemCount() - 1)
        assert newest is not None and oldest is not None
        assert oldest.text(COL_FIELD) == "First fetched from the registry" and "new" not in oldest.text(
            COL_SEEN
        )
        status = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                      if tree.topLevelItem(i).text(COL_FIELD) == "Status")  # fmt: skip
        assert (status.text(COL_OLD), status.text(COL_NEW)) == ("Recruiting", "Completed")
        assert status.text(COL_SEEN).endswith(" · new") and status.font(COL_FIELD).bold()

        trials.mark_reviewed(lib, [MIST])  # reviewed changes stay in the history, no longer in bold
        window.detail.reload()
        qtbot.waitUntil(lambda: not window.detail.loading)
        dialog.close()
        window.act_history.trigger()
        again = [d for d in window.findChildren(HistoryDialog) if d.isVisible()][-1]
        assert again.tree.topLevelItemCount() == len(changes)
        first = again.tree.topLevelItem(0)
        assert first is not None and not first.font(COL_FIELD).bold() and "new" not in first.text(COL_SEEN)
        again.close()
        window.close()
    finally:
        lib.close()
