"""Everything that speaks to the ClinicalTrials.gov API v2 (no Qt, no database)."""
