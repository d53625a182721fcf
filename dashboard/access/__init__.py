"""Who may do what: accounts, roles, sign-in rules and the audit log.

Answers "may this person see personal data, download a customer list, import a file?" for the
pages and the command line alike: a page calls :func:`roles.require` before it acts, so hiding a
button is never the only guard. Passwords are hashed with Argon2id (argon2-cffi) and never kept.
Builds on :mod:`dashboard.store` only; it must not import the analyses or any presentation layer.

Modules: ``roles`` (the roles, their permissions, masking of personal data), ``accounts``
(local and single sign-on accounts, checking a password, slowing failed sign-ins), ``audit``
(the audit log), ``policy`` (when sign-in is required, how long a session lasts).
"""

from dashboard.access.roles import ROLES, User, allowed, require

__all__ = ["ROLES", "User", "allowed", "require"]
