"""Take a bundle apart and put it back together, for the refusal and mutation tests."""
from __future__ import annotations

import io
import json
import uuid
import warnings
import zipfile
from pathlib import Path

from app.sync import bundle


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def manifest(data: bytes) -> dict:
    return json.loads(members(data)[bundle.MANIFEST])


def rezip(parts: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # doubled names are the point of some mutations
        for name, data in parts:
            zf.writestr(name, data)
    return buf.getvalue()


def resign(data: bytes, secret: bytes, *, format_version: int = bundle.FORMAT_VERSION,
           replace: dict[str, bytes] | None = None) -> bytes:
    """The same content built again and signed with `secret` (members may be replaced)."""
    m = manifest(data)
    content = {n: d for n, d in members(data).items() if n not in (bundle.MANIFEST, bundle.SIGNATURE)}
    content.update(replace or {})
    _bid, out = bundle.build(kind=m["kind"], centre_id=uuid.UUID(m["centre_id"]), kit_id=uuid.UUID(m["kit_id"]),
                             device_id=uuid.UUID(m["device_id"]), secret=secret, members=content,
                             counts=m["counts"], extra=m["extra"], bundle_id=uuid.UUID(m["bundle_id"]),
                             format_version=format_version)
    return out


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
