"""Offline fair work (design.md §5, §7 Sync identity / Bundle integrity): fair kits for laptops,
return bundles, the centre's field-level three-way merge and the receipt that closes the loop.

- `bundle`  — the file format: signed zip, optional AES-256-GCM under a scrypt key, strict reading.
- `records` — travelling rows ↔ JSON-safe dicts, table by table.
- `kit`     — centre: export a kit; laptop: open it into an empty database, recover an account.
- `export`  — laptop: the return bundle of everything created, changed or deleted since the kit.
- `merge`   — centre: import a return bundle in one transaction; resolve conflicts.
- `receipt` — centre writes it at import; the laptop verifies it before closing the kit.
"""
