"""Identify (IDIC's first step): who a customer is, and how well the data recognise them.

Modules: ``customers`` (search by id, name, e-mail or phone; a customer's profile, channels and
history), ``identification`` (which attributes recognise a customer; likely duplicate customers),
``merge`` (duplicates merged into one id, logged, and undone exactly), ``timeline`` (one
customer's events of every channel), ``identities`` (one row per known customer with the
comparable form of each attribute and how many ids share it: computed once per data version,
kept in the file by the prepare step, read by the other modules).

Builds on ``store`` and ``value`` (a profile shows the customer's tier); only ``merge`` writes
data (moving rows between ids, in one transaction that bumps the data version).
"""

__all__ = ["customers", "identification", "identities", "merge", "timeline"]
