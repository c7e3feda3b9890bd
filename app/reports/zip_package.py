"""A zip package (the workbook) whose large members are deflated in pieces on worker threads.

zlib lets go of the GIL while it compresses, so a year's case lists (tens of MB of sheet XML)
are compressed on another core while the next list is still being written, instead of all at
the end on one. Each piece is its own raw deflate stream ended by a sync flush (a non-final,
byte-aligned empty block); laid end to end, and closed by a final piece, they form one valid
deflate stream — what parallel gzip tools do. `zipfile` cannot take data already compressed, so
the package's headers are written here (plain zip, no zip64: a report stays far below 4 GB)."""
from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

PIECE = 4 << 20  # bytes per piece: big enough to compress well, small enough to share out
_LIMIT = 0xFFFFFFFF


def deflate(data: bytes, level: int, *, final: bool) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)


def deflate_later(pool: ThreadPoolExecutor, data: bytes, level: int) -> list[Future]:
    """`data` cut into pieces, each deflated (not final) on the pool."""
    return [pool.submit(deflate, data[i:i + PIECE], level, final=False) for i in range(0, len(data), PIECE)]


@dataclass
class Member:
    """One file of the package: its name, DOS timestamp, CRC and size of the plain data, and the
    deflated pieces in order (the last one final)."""

    name: str
    date_time: tuple[int, int, int, int, int, int]
    crc: int
    size: int
    pieces: Sequence[bytes] = field(default_factory=list)


def write_zip(members: Sequence[Member]) -> bytes:
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for m in members:
        name = m.name.encode("utf-8")
        flags = 0 if m.name.isascii() else 0x800  # bit 11: the name is UTF-8
        compressed = sum(map(len, m.pieces))
        if max(compressed, m.size, offset) > _LIMIT:
            raise ValueError(f"{m.name}: too large for a plain zip")
        year, month, day, hour, minute, second = m.date_time
        dos_date = (year - 1980) << 9 | month << 5 | day
        dos_time = hour << 11 | minute << 5 | second // 2
        common = struct.pack("<HHHHHIII", 20, flags, zlib.DEFLATED, dos_time, dos_date, m.crc, compressed, m.size)
        out += [struct.pack("<I", 0x04034B50), common, struct.pack("<HH", len(name), 0), name, *m.pieces]
        directory += [struct.pack("<IH", 0x02014B50, 20), common,
                      struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset), name]
        offset += 30 + len(name) + compressed
    central = b"".join(directory)
    if offset > _LIMIT or len(members) > 0xFFFF:
        raise ValueError("too large for a plain zip")
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), offset, 0)
    return b"".join(out) + central + end


__all__ = ["Member", "deflate", "deflate_later", "write_zip"]
