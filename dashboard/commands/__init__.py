"""The command line's sub-commands (`python -m dashboard ...`), one module per capability.

Each module registers its parser and runs the core's functions, returning a dict that ``--json``
prints. A layer above the core: nothing in the core imports it, and it holds no SQL of its own.
"""
