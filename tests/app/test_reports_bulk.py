"""The collector pause around a summary's bulk building leaves the collector as it found it."""
from __future__ import annotations

import gc

import pytest

from app.reports.bulk import collector_paused


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
