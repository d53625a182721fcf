"""Identify (IDIC's first step): who a customer is, and how well the data recognise them.

Modules: ``customers`` (search by id, name, e-mail or phone; a customer's profile, channels and
history), ``identification`` (which attributes recognise a customer; likely duplicate customers).

Builds on ``store`` and ``value`` (a profile shows the customer's tier); never writes data.
"""

__all__ = ["customers", "identification"]
