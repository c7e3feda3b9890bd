"""Database layer: SQLAlchemy models, the engine/session factory and Alembic migrations.

Imports nothing of ours (checked by tests/test_layers.py and the import-linter contract).
"""
