"""The bundle file: a zip with a signed manifest, optionally encrypted as a whole
(design.md §5, §7 Bundle integrity).

Layout of the zip: `manifest.json` (format version, bundle id, kind, centre, kit, device, counts,
SHA-256 of every other member), `manifest.sig` (hex HMAC-SHA256 of the manifest bytes under the
kit's secret) and the members the manifest lists. With a passphrase the whole zip is encrypted:

    b"IPAIDENC" | version byte | 16-byte scrypt salt | 12-byte nonce | AES-256-GCM ciphertext

(the 37-byte header is also the GCM associated data, so it cannot be changed either).

Reading is strict and happens entirely in memory before any database work: anything that does not
check out — truncated, altered, wrong passphrase, unknown format version, another centre's or
another kit's bundle — raises `UsageError` (exit 2) with one Chinese sentence.
"""
from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import UsageError

FORMAT_VERSION = 1
MAGIC = b"IPAIDENC"
ENC_VERSION = 1
SALT_LEN, NONCE_LEN = 16, 12
HEADER_LEN = len(MAGIC) + 1 + SALT_LEN + NONCE_LEN
# scrypt cost: ~0.1 s and 32 MiB on a 2-core laptop; raises the price of guessing passphrases.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 4 * 1024**3
KINDS = {"kit": "展会数据包", "return": "回传数据包", "receipt": "导入回执"}

# The manifest keys every bundle must have, with their JSON types.
REQUIRED = {
    "format": int, "bundle_id": str, "kind": str, "centre_id": str, "kit_id": str, "device_id": str,
    "created_at": str, "counts": dict, "members": dict, "extra": dict,
}


@dataclass(frozen=True)
class Bundle:
    manifest: dict[str, Any]
    members: dict[str, bytes] = field(repr=False)
    sha256: str  # of the file as stored (encrypted or not): receipts name it

    @property
    def bundle_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["bundle_id"])

    @property
    def kit_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["kit_id"])

    @property
    def device_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["device_id"])

    @property
    def centre_id(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["centre_id"])

    def json(self, name: str) -> Any:
        try:
            return json.loads(self.members[name].decode("utf-8"))
        except KeyError:
            raise refused(f"缺少内容 {name}", f"member {name} missing") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise refused(f"内容 {name} 不是有效的 JSON", f"member {name} is not JSON") from exc


def refused(detail: str, english: str) -> UsageError:
    return UsageError(f"数据包被拒绝：{detail}。数据库未作任何改动。", english=f"bundle refused: {english}")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(secret: bytes, manifest_bytes: bytes) -> str:
    return hmac.new(secret, manifest_bytes, hashlib.sha256).hexdigest()


# ------------------------------------------------------------------ writing
def build(
    *, kind: str, centre_id: uuid.UUID, kit_id: uuid.UUID, device_id: uuid.UUID, secret: bytes,
    members: dict[str, bytes], counts: dict[str, int], extra: dict | None = None,
    bundle_id: uuid.UUID | None = None, format_version: int = FORMAT_VERSION,
) -> tuple[uuid.UUID, bytes]:
    """The zip bytes of a signed bundle. `format_version` is only for tests of refusal."""
    bundle_id = bundle_id or uuid.uuid4()
    manifest = {
        "format": format_version, "app": "IPAid Desk", "bundle_id": str(bundle_id), "kind": kind,
        "centre_id": str(centre_id), "kit_id": str(kit_id), "device_id": str(device_id),
        "created_at": datetime.now(timezone.utc).isoformat(), "counts": counts,
        "members": {name: sha256_hex(data) for name, data in sorted(members.items())},
        "extra": extra or {},
    }
    manifest_bytes = canonical_json(manifest)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, sign(secret, manifest_bytes).encode("ascii"))
        for name, data in sorted(members.items()):
            # Attachments are usually compressed already (PDF, JPEG): storing saves time.
            method = zipfile.ZIP_STORED if name.startswith("files/") else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, compress_type=method)
    return bundle_id, buf.getvalue()


def encrypt(data: bytes, passphrase: str) -> bytes:
    salt, nonce = os.urandom(SALT_LEN), os.urandom(NONCE_LEN)
    header = MAGIC + bytes([ENC_VERSION]) + salt + nonce
    return header + AESGCM(_key(passphrase, salt)).encrypt(nonce, data, header)


def write_file(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a failed write never leaves half a bundle."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"无法写入文件 {path}：{exc.strerror}。", english=f"cannot write {path}") from exc


def write(path: Path, data: bytes, passphrase: str | None) -> str:
    """Write a bundle (encrypted when a passphrase is given); returns the file's SHA-256."""
    if passphrase is not None and not passphrase:
        raise UsageError("口令不能为空。", english="the passphrase is empty")
    payload = encrypt(data, passphrase) if passphrase else data
    write_file(path, payload)
    return sha256_hex(payload)


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode("utf-8"))


# ------------------------------------------------------------------ reading
SecretFor = Callable[[dict, Callable[[str], bytes]], bytes]


def read(path: Path, *, passphrase: str | None, kind: str, secret_for: SecretFor) -> Bundle:
    """Read and check a bundle completely; nothing here touches a database.

    `secret_for(manifest, read_member)` returns the HMAC key for this bundle or raises
    UsageError (unknown kit, another centre)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取文件 {path}：{exc.strerror}。", english=f"cannot read {path}") from exc
    return parse(raw, passphrase=passphrase, kind=kind, secret_for=secret_for)


def parse(raw: bytes, *, passphrase: str | None, kind: str, secret_for: SecretFor) -> Bundle:
    file_sha = sha256_hex(raw)
    data = decrypt(raw, passphrase)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any malformed zip is a refused file
        raise refused("文件不完整或已损坏（不是有效的数据包）", "not a valid bundle (truncated or damaged)") from exc
    with zf:
        try:
            return _check(zf, file_sha, kind, secret_for)
        except UsageError:
            raise
        except Exception as exc:  # noqa: BLE001 - zipfile/zlib raise many types on damaged input
            raise refused("文件已损坏，无法读取其中的内容", f"damaged content ({type(exc).__name__})") from exc


def decrypt(raw: bytes, passphrase: str | None) -> bytes:
    if not raw.startswith(MAGIC):
        if raw[:2] != b"PK":
            raise refused("这不是 IPAid 数据包文件，或文件已损坏", "not an IPAid bundle")
        return raw
    if not passphrase:
        raise UsageError("该数据包已加密，请用 --passphrase-file 提供口令。数据库未作任何改动。",
                         english="the bundle is encrypted: give --passphrase-file")
    if len(raw) < HEADER_LEN + 16:
        raise refused("加密文件不完整", "encrypted file truncated")
    if raw[len(MAGIC)] != ENC_VERSION:
        raise refused(f"加密格式版本 {raw[len(MAGIC)]} 不受支持", "unsupported encryption version")
    header = raw[:HEADER_LEN]
    salt = header[len(MAGIC) + 1: len(MAGIC) + 1 + SALT_LEN]
    nonce = header[-NONCE_LEN:]
    try:
        return AESGCM(_key(passphrase, salt)).decrypt(nonce, raw[HEADER_LEN:], header)
    except InvalidTag:
        raise refused("口令不正确，或文件已被改动或不完整", "wrong passphrase, or the file was altered or truncated") from None


def _check(zf: zipfile.ZipFile, file_sha: str, kind: str, secret_for: SecretFor) -> Bundle:
    infos = zf.infolist()
    names = [i.filename for i in infos]
    if len(names) != len(set(names)) or len(names) > MAX_MEMBERS:
        raise refused("文件内容重复或过多", "duplicate or too many members")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise refused("文件过大", "too large")
    if MANIFEST not in names or SIGNATURE not in names:
        raise refused("缺少清单或签名", "manifest or signature missing")
    manifest_bytes = zf.read(MANIFEST)
    manifest = _manifest(manifest_bytes)
    if manifest["kind"] != kind:
        raise refused(f"这是{KINDS.get(manifest['kind'], manifest['kind'])}，此处需要{KINDS[kind]}",
                      f"this is a {manifest['kind']} bundle, expected {kind}")
    secret = secret_for(manifest, zf.read)
    signature = zf.read(SIGNATURE).strip()
    if not hmac.compare_digest(signature, sign(secret, manifest_bytes).encode("ascii")):
        raise refused("签名不符（文件被改动，或不是用本中心发给该设备的展会数据包生成的）",
                      "signature mismatch (altered, or not from this centre's kit)")
    listed: dict = manifest["members"]
    if set(names) - {MANIFEST, SIGNATURE} != set(listed):
        raise refused("文件中的内容与清单不符", "members differ from the manifest")
    members = {}
    for name, digest in listed.items():
        data = zf.read(name)
        if sha256_hex(data) != digest:
            raise refused(f"内容 {name} 的校验值不符", f"checksum of {name} differs")
        members[name] = data
    return Bundle(manifest, members, file_sha)


def _manifest(manifest_bytes: bytes) -> dict:
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise refused("清单无法读取", "manifest unreadable") from None
    if not isinstance(manifest, dict):
        raise refused("清单格式不对", "manifest is not an object")
    version = manifest.get("format")
    if version != FORMAT_VERSION:
        raise refused(f"数据包格式版本为 {version!r}，本程序只能读取版本 {FORMAT_VERSION}，请使用相同版本的 IPAid Desk",
                      f"format version {version!r}; this program reads {FORMAT_VERSION}")
    for key, kind in REQUIRED.items():
        if not isinstance(manifest.get(key), kind) or isinstance(manifest.get(key), bool):
            raise refused(f"清单缺少或错写了 {key}", f"manifest field {key} missing or wrong")
    for key in ("bundle_id", "centre_id", "kit_id", "device_id"):
        try:
            uuid.UUID(manifest[key])
        except ValueError:
            raise refused(f"清单中的 {key} 无效", f"manifest field {key} invalid") from None
    if manifest["kind"] not in KINDS:
        raise refused(f"未知的数据包类型 {manifest['kind']!r}", "unknown bundle kind")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in manifest["members"].items()):
        raise refused("清单中的内容列表无效", "manifest member list invalid")
    return manifest
