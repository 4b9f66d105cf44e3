"""The product's vocabulary, one home per concept: no database, no network, no Qt.

Statuses, phases, therapy classes, watched fields, NCT ID rules, the parsed
registry record and the errors users see are defined here once; every other
layer (store, registry client, services, both faces) uses them from here.
"""
