"""Expert pool and cooperating-unit screens."""
