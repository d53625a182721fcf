"""Store: where the data live, and how a query reaches them.

Modules: ``database`` (the schema, ``connect()``, the data version, settings, the import log),
``file_lock`` (asking a running dashboard for the database file), ``shared_connection`` (the
app's one connection, let go while a command needs the file), ``filters`` (the period and segments
every query takes, as SQL).

The bottom of the core: it imports nothing of ``dashboard`` but ``errors`` and ``i18n``, and knows
no capability (no value, tier or feedback logic lives here).
"""

__all__ = ["database", "file_lock", "filters", "shared_connection"]
