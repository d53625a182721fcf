"""Tests of the command line (python -m dashboard), one module per command area."""
