"""The status badge: words and colours come from the domain's status vocabulary."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from trialtracker.domain.statuses import NOT_FOUND_LABEL, NOT_REFRESHED_LABEL, STATUSES, ColourRole
from trialtracker.ui.status_badge import NOT_FOUND, StatusBadgeLabel, badge_colours, badge_text, is_dark


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _colours_of(role: ColourRole, dark: bool) -> tuple[QColor, QColor]:
    code = next(s.code for s in STATUSES if s.colour is role)
    return badge_colours(code, dark)


@pytest.mark.parametrize("dark", [False, True])
def test_each_status_has_its_roles_colours_and_label(dark: bool) -> None:
    for status in STATUSES:
        assert badge_text(status.code) == status.label
        assert badge_colours(status.code, dark) == _colours_of(status.colour, dark), status.code
        assert _contrast(*badge_colours(status.code, dark)) >= 4.5, status.code
    roles = {status.colour for status in STATUSES}
    assert len({badge_colours(s.code, dark)[0].name() for s in STATUSES}) == len(roles)  # one colour a role


@pytest.mark.parametrize("dark", [False, True])
def test_not_found_never_fetched_and_unknown_codes(dark: bool) -> None:
    assert badge_text(NOT_FOUND) == NOT_FOUND_LABEL == "Not found"
    assert badge_colours(NOT_FOUND, dark) == _colours_of(ColourRole.STOPPED, dark)
    assert badge_text(None) == NOT_REFRESHED_LABEL
    none_colours = badge_colours(None, dark)
    assert none_colours[0].name() not in {badge_colours(s.code, dark)[0].name() for s in STATUSES}
    assert _contrast(*none_colours) >= 4.5
    assert badge_text("SOME_NEW_CODE") == "Some new code"
    assert badge_colours("SOME_NEW_CODE", dark) == _colours_of(ColourRole.UNKNOWN, dark)
    assert badge_colours("SOME_NEW_CODE", False) != badge_colours("SOME_NEW_CODE", True)


def test_badge_label_shows_the_words(qtbot: QtBot) -> None:
    label = StatusBadgeLabel()
    qtbot.addWidget(label)
    assert label.text() == NOT_REFRESHED_LABEL
    label.set_status("ACTIVE_NOT_RECRUITING")
    assert label.text() == "Active, not recruiting"
    label.set_status(NOT_FOUND)
    assert label.text() == "Not found"
    background, foreground = badge_colours(NOT_FOUND, is_dark(label.palette()))
    assert f"background: {background.name()}; color: {foreground.name()};" in label.styleSheet()
