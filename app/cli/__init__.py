"""The `ipaid` command line: a second client of the same services the GUI uses."""
