"""Offline fair work in the GUI: kits, return bundles, and the 冲突处理 conflict view."""
from ui.sync.sync_page import ConflictView, SyncPage

__all__ = ["ConflictView", "SyncPage"]
