"""The local SQLite store: ORM models, migrations and the operations on them (no Qt)."""
