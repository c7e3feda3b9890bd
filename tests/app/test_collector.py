"""The collector pause around bulk building (summaries, imports) leaves the collector as it found it."""
from __future__ import annotations

import gc

import pytest

from app.collector import collector_paused


def test_the_collector_is_back_on_after_the_block_even_when_it_fails():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            with collector_paused():  # nested: the inner block must not switch it back on
                pass
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_refused_import_leaves_the_collector_on(centre, tmp_path):
    """The bundle and ledger imports pause the collector while they build their records; a refusal
    must not leave the program running without it."""
    from app.errors import IpaidError
    from app.ledger.importer import import_ledger
    from app.sync.merge import import_bundle

    junk = tmp_path / "junk.ipaidsync"
    junk.write_bytes(b"not a bundle")
    with pytest.raises(IpaidError):
        import_bundle(centre.db, centre.admin, junk)
    assert gc.isenabled()
    sheet = tmp_path / "junk.xlsx"
    sheet.write_bytes(b"not a workbook")
    with pytest.raises(IpaidError):
        import_ledger(centre.db, centre.supervisor, sheet)
    assert gc.isenabled()
