"""The tests: one folder per package of dashboard/, cross-cutting checks at the top."""
