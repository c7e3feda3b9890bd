"""The workbook's zip package, written with members deflated in pieces on worker threads, reads
back with the standard zip reader: same names, same bytes, CRCs right."""
from __future__ import annotations

import io
import random
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor

from app.reports.zip_package import PIECE, Member, deflate, deflate_later, write_zip


def test_a_member_deflated_in_pieces_reads_back_whole():
    rng = random.Random(5)
    # Several pieces long, half repetitive XML and half noise, so that pieces differ.
    big = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, rng.randrange(10**9))
                   for i in range(PIECE // 20))
    small = "ünïcode/名字.xml"
    with ThreadPoolExecutor(2) as pool:
        pieces = [p.result() for p in deflate_later(pool, big, 1)]
    assert len(pieces) > 2
    package = write_zip([
        Member("[Content_Types].xml", (2026, 11, 1, 8, 30, 10), zlib.crc32(b"<x/>"), 4, [deflate(b"<x/>", 1, final=True)]),
        Member("xl/worksheets/sheet1.xml", (2026, 11, 1, 8, 30, 10), zlib.crc32(big), len(big),
               [*pieces, deflate(b"", 1, final=True)]),
        Member(small, (1999, 12, 31, 23, 59, 58), zlib.crc32(b""), 0, [deflate(b"", 6, final=True)]),
    ])
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        assert z.testzip() is None
        assert z.namelist() == ["[Content_Types].xml", "xl/worksheets/sheet1.xml", small]
        assert z.read("xl/worksheets/sheet1.xml") == big
        assert z.read("[Content_Types].xml") == b"<x/>" and z.read(small) == b""
        assert z.getinfo(small).date_time == (1999, 12, 31, 23, 59, 58)
