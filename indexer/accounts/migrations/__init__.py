"""Alembic migrations of the accounts database (run by ``database.upgrade``, never at import)."""
