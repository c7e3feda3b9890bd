"""Where this install keeps its data (platformdirs), with overrides for tests and portable use."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app import APP_AUTHOR, APP_NAME


def data_dir() -> Path:
    override = os.environ.get("IPAID_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    return path


def log_dir() -> Path:
    override = os.environ.get("IPAID_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_database() -> Path:
    return data_dir() / "ipaid.sqlite"


def resources_dir() -> Path:
    """The top-level resources/ folder (fonts, translations), also inside a PyInstaller bundle."""
    import sys

    override = os.environ.get("IPAID_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
