"""One trial of a JSON bundle, built straight from its stored rows.

Why not ``TrialDetail.of(…).as_json(page=False)``: that builds ~10 objects per trial (sites,
interventions, links, changes) only to turn them back into dicts, 0.4 s of a 10,000-trial export.
The shape is the same, key for key: a test compares every entry of a bundle with the detail view's
JSON, so a field added to :meth:`~trialtracker.services.views.TrialDetail.as_json` and not here fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trialtracker.domain.fields import DATE_FIELDS
from trialtracker.domain.sponsors import sponsor_caution
from trialtracker.services.views import JsonDict, NoteView, coordinate, iso, opt_str
from trialtracker.store.export_rows import ChangeRow, LinkRow, StoredTrial


def _site(data: dict[str, Any]) -> JsonDict:
    get = data.get
    return {
        "facility": opt_str(get("facility")), "city": opt_str(get("city")), "state": opt_str(get("state")),
        "country": opt_str(get("country")), "status": opt_str(get("status")), "zip": opt_str(get("zip")),
        "lat": coordinate(get("lat")), "lon": coordinate(get("lon")),
    }  # fmt: skip


def _intervention(data: dict[str, Any]) -> JsonDict:
    get = data.get
    others = get("other_names")
    return {"name": opt_str(get("name")), "type": opt_str(get("type")),
            "description": opt_str(get("description")),
            "other_names": [str(x) for x in others if x] if others else []}  # fmt: skip


def bundle_entry(
    t: StoredTrial,
    notes: Sequence[NoteView],
    tags: list[str],
    links: Sequence[LinkRow],
    changes: Sequence[ChangeRow],
    personal_tags: list[str],
) -> JsonDict:
    """``TrialDetail.of(t, notes, …).as_json(page=False)``, without the objects in between."""
    active = [link for link in links if not link[3]]
    return {
        "nct_id": t.nct_id, "title": t.title, "acronym": t.acronym, "overall_status": t.overall_status,
        "phases": list(t.phases or ()), "last_update_posted": t.last_update_posted,
        "last_refreshed": iso(t.last_refreshed), "tags": tags, "personal_tags": personal_tags,
        "starred": t.starred, "note_count": len(notes),
        "topics": [link[0] for link in active], "not_found": t.not_found, "last_error": t.last_error,
        "brief_title": t.brief_title, "official_title": t.official_title, "aliases": list(t.aliases or ()),
        "last_known_status": t.last_known_status, "why_stopped": t.why_stopped, "study_type": t.study_type,
        "enrollment": {"count": t.enrollment_count, "type": t.enrollment_type},
        "dates": {n: {"date": getattr(t, n), "type": getattr(t, n + "_type")} for n in DATE_FIELDS},
        "first_posted": t.first_posted, "has_results": t.has_results, "lead_sponsor": t.lead_sponsor,
        "lead_sponsor_class": t.lead_sponsor_class, "sponsor_caution": sponsor_caution(t.lead_sponsor,
                                                                                        t.lead_sponsor_class),
        "conditions": [str(c) for c in t.conditions or ()], "keywords": [str(k) for k in t.keywords or ()],
        "interventions": [_intervention(i) for i in t.interventions or () if isinstance(i, dict)],
        "locations": [_site(s) for s in t.locations or () if isinstance(s, dict)],
        "catalog": {"in_catalog": t.in_catalog, "cell_type": t.cell_type, "route": t.route,
                    "ms_type": t.ms_type, "phase": t.catalog_phase, "country": t.catalog_country,
                    "source": t.catalog_source, "note": t.catalog_note, "caution": t.caution},
        "tracked_since": iso(t.tracked_since),
        "topic_links": [{"topic": key, "how": how, "reason": reason} for key, how, reason, _ in active],
        "changes": [{"field": field, "old": old, "new": new, "detected_at": iso(at),
                     "registry_update": update, "reviewed": reviewed}
                    for _, field, old, new, at, update, reviewed in changes],
        "notes": [n.as_json() for n in notes],
    }  # fmt: skip
