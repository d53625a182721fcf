"""Sub-commands of `python -m dashboard`, one module per capability."""
