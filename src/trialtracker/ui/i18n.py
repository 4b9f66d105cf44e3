"""Languages: Qt's own translations and ours for the system locale, and a pseudo-locale for layout tests.

Strings in the window go through ``self.tr()`` (or ``QCoreApplication.translate`` for the tables of
actions and menus, marked with ``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` finds them). Translations
live in ``resources/i18n/trialtracker_<language>.qm``; English is the source language, so with no file
for the user's language the window simply stays English. Regenerate the source file with::

    pyside6-lupdate src/trialtracker/ui/*.py -ts resources/i18n/trialtracker_en.ts

The pseudo-locale (``TRIALTRACKER_PSEUDO_LOCALE=1``, and the tests) makes every translated string about
40 % longer, with accents and brackets: a window that still fits at 1024×640 with it fits most real
languages, and a string that stays plain English was never translated.
"""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from trialtracker.paths import resource

__all__ = ["EnglishPlurals", "PseudoTranslator", "Words", "english_plural", "install_translators", "pseudo"]

_ACCENTED = str.maketrans("aeiouyAEIOUYcnsz", "áéîõüýÅÉÎÕÜÝçñšž")
#: Left as they are: placeholders (%n, %1, {name}), mnemonics (&&, &), and HTML-like tags.
_KEEP = re.compile(r"(%L?n|%L?\d+|\{[^}]*\}|&&|&(?=\w)|<[^>]+>)")


def pseudo(text: str) -> str:
    """``Refresh`` -> ``⟦Řéfréšh·····⟧``: accented, ~40 % longer, bracketed (a cut end shows)."""
    if not text.strip():
        return text
    parts = _KEEP.split(text)
    out = "".join(part if _KEEP.fullmatch(part) else part.translate(_ACCENTED) for part in parts)
    return f"⟦{out}{'·' * max(1, len(text) * 2 // 5)}⟧"


class PseudoTranslator(QTranslator):
    """Translates every string to :func:`pseudo` (nothing to load)."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


_PLURAL = re.compile(r"(\w+)\((s|es)\)|(\w*)\((\w*)\|(\w*)\)")


def english_plural(source: str, n: int) -> str:
    """The English form of a numerus source for ``n``: ``%n trial(s)``, ``%n search(es)``, and for the
    rest ``(one|other)`` endings or words: ``%n entr(y|ies) (is|are)``, ``%n stud(y|ies) match(es|)``."""

    def form(match: re.Match[str]) -> str:
        word, suffix, stem, one, other = match.groups()
        if word is not None:
            return word + ("" if n == 1 else suffix)
        return stem + (one if n == 1 else other)

    return _PLURAL.sub(form, source)


class Words:
    """A translation context for plain functions, named by its subclass: ``class CrashWords(Words)``, then
    ``CrashWords.tr("…")`` and, for a count, ``CrashWords.tr("%n error(s)", "", n)``. lupdate reads
    ``Name.tr(…)`` as context ``Name`` and sees a count only in ``tr()`` (in ``QCoreApplication.translate``
    it takes a variable there for an old "encoding" argument, and drops the string for an expression)."""

    @classmethod
    def tr(cls, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(cls.__name__, source, disambiguation, n)


class EnglishPlurals(QTranslator):
    """English plural forms for strings marked ``tr("%n trial(s)", "", n)``, English being the source
    language (no .qm file is needed for it). Installed first, so a real language's translator wins."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """None (Qt's "no translation": the source is shown) for anything but a numerus source."""
        return english_plural(source, n) if n >= 0 and "(" in source else None

    def isEmpty(self) -> bool:
        return False


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's translations and ours for ``locale`` (the system's), or the pseudo-locale when
    ``TRIALTRACKER_PSEUDO_LOCALE`` is set. Returns the installed translators (keep them alive)."""
    plurals = EnglishPlurals(app)
    app.installTranslator(plurals)
    installed: list[QTranslator] = [plurals]
    if os.environ.get("TRIALTRACKER_PSEUDO_LOCALE"):
        translator: QTranslator = PseudoTranslator(app)
        app.installTranslator(translator)
        return [plurals, translator]
    locale = locale or QLocale.system()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = resource("i18n")
    for name, folder in (("qtbase", qt_dir), ("trialtracker", str(ours))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed
