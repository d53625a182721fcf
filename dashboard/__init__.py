"""Customer Value Dashboard: which customers create value, what serving them costs, what they say."""

__version__ = "0.1.0"
