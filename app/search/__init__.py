"""Search token index: pure functions that turn text into tokens and queries into lookup plans."""
