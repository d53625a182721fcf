"""Sign-in for the app, the signed-in user of a session, and role checks before each action.

The decisions are the core's (:mod:`dashboard.access`); this module asks for a password or the
identity provider, keeps the user in the session, ends idle sessions and writes the audit log.
"""

from __future__ import annotations

import os
import time
from datetime import datetime

import streamlit as st

from dashboard import text_safety
from dashboard.access import accounts, audit, policy, roles
from dashboard.access.roles import User
from dashboard.errors import DashboardError
from dashboard.ui import state

USER_KEY = "_signed_in"
EXPIRED_KEY = "_session_expired"
#: The user of an app served on this machine only, where sign-in is off.
LOCAL_USER = User("local", "admin", "localhost")
#: Seconds a failed sign-in waits before the page answers (on top of the account's own lock).
FAILED_DELAY_S = 1.0


def _secret(name: str, default=None):
    try:
        return st.secrets.get(name, default)
    except Exception:  # no secrets.toml: Streamlit raises when the file is missing
        return default


def required() -> bool:
    """Whether this app asks people to sign in (see :mod:`dashboard.access.policy`)."""
    mode = os.environ.get(policy.SIGN_IN_ENV_VAR) or _secret("sign_in") or "auto"
    return policy.sign_in_required(str(mode), st.get_option("server.address"))


def _rules() -> policy.SessionRules:
    return policy.SessionRules(
        idle_minutes=int(_secret("session_idle_minutes", policy.SessionRules.idle_minutes)),
        max_hours=int(_secret("session_max_hours", policy.SessionRules.max_hours)),
    )


def _sso_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for ``st.login``."""
    auth = _secret("auth")
    return bool(auth) and "redirect_uri" in auth


def user() -> User | None:
    """The signed-in user of this session (the local administrator when sign-in is off)."""
    if not required():
        return LOCAL_USER
    held = st.session_state.get(USER_KEY)
    return held["user"] if held else None


def may(permission: str) -> bool:
    """True when this session's user holds ``permission`` (to show or hide a widget)."""
    return roles.allowed(user(), permission)


def check(permission: str) -> bool:
    """Right before an action: True when allowed; else the reason is shown and False."""
    try:
        roles.require(user(), permission)
    except DashboardError as e:
        st.error(text_safety.markdown_text(e.localized(state.lang())))
        return False
    return True


def needs(permission: str, where=st) -> None:
    """Say which role an action needs, where its widgets would be."""
    needed = min(roles.PERMISSIONS[permission], key=roles.ROLES.index)
    where.info(state.tr("auth.needs_role", role=state.tr(f"auth.role.{needed}")))


def record(action: str, detail: str = "", rows: int | None = None, conn=None) -> None:
    """Write one event of this session's user to the audit log."""
    who = user()
    audit.record(conn or state.cursor(), who.actor if who else "anonymous", action, detail, rows)


def gate() -> bool:
    """True when the run may go on: sign-in is off or the session is signed in (and not idle
    for too long). Else the router draws :func:`sign_in_form` and nothing else."""
    if not required():
        return True
    held = st.session_state.get(USER_KEY)
    now = datetime.now()
    if held is None and _sso_configured() and st.user.is_logged_in:
        held = _sso_session(now)
    if held is not None:
        if _rules().expired(held["since"], held["seen"], now):
            audit.record(state.cursor(), held["user"].actor, "session_expired")
            del st.session_state[USER_KEY]
            st.session_state[EXPIRED_KEY] = True
        else:
            held["seen"] = now
            return True
    return False


def _sso_session(now: datetime) -> dict | None:
    try:
        person = accounts.sso_user(
            state.cursor(), st.user.get("email"), _secret("sso_default_role")
        )
    except DashboardError as e:  # the message may quote the e-mail the provider gave
        st.error(text_safety.markdown_text(e.localized(state.lang())))
        return None
    audit.record(state.cursor(), person.actor, "sign_in", "single sign-on")
    held = {"user": person, "since": now, "seen": now}
    st.session_state[USER_KEY] = held
    return held


def sign_in_form() -> None:
    """The sign-in page: a user name and password form, and single sign-on when configured."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(state.tr("auth.title"))
        st.write(state.tr("auth.intro"))
        if st.session_state.pop(EXPIRED_KEY, False):
            st.info(state.tr("auth.expired"))
        if _sso_configured():
            provider = _secret("sso_provider_name") or state.tr("auth.sso_default")
            provider = text_safety.markdown_text(provider)
            if st.button(state.tr("auth.sso", provider=provider), key="auth_sso"):
                st.login()
        if not accounts.has_accounts(state.cursor()):
            st.warning(state.tr("auth.no_accounts"))
        with st.form("sign_in"):
            username = st.text_input(
                state.tr("auth.username"), key="auth_username", autocomplete="username"
            )
            password = st.text_input(
                state.tr("auth.password"),
                type="password",
                key="auth_password",
                autocomplete="current-password",
            )
            submitted = st.form_submit_button(state.tr("auth.submit"), type="primary")
        if submitted:
            _try_sign_in(username.strip(), password)


def _try_sign_in(username: str, password: str) -> None:
    conn = state.cursor()
    try:
        person = accounts.authenticate(conn, username, password)
    except DashboardError as e:
        audit.record(conn, username[:128] or "(empty)", "sign_in_failed")
        time.sleep(FAILED_DELAY_S)
        st.error(e.localized(state.lang()))
        return
    audit.record(conn, person.actor, "sign_in", "password")
    now = datetime.now()
    st.session_state[USER_KEY] = {"user": person, "since": now, "seen": now}
    st.rerun()


def sign_out() -> None:
    """End this session's sign-in (and the identity provider's, for single sign-on)."""
    held = st.session_state.pop(USER_KEY, None)
    if held:
        audit.record(state.cursor(), held["user"].actor, "sign_out")
        if held["user"].source == "sso":
            st.logout()


def sidebar() -> None:
    """Who is signed in, with a sign-out button (nothing when sign-in is off)."""
    if not required():
        return
    person = user()
    if person is None:
        return
    st.caption(
        state.tr(
            "auth.signed_in_as",
            name=text_safety.markdown_text(person.name),
            role=state.tr(f"auth.role.{person.role}"),
        )
    )
    if person.role == "viewer":
        st.caption(state.tr("auth.viewer_note"))
    st.button(state.tr("auth.sign_out"), key="auth_sign_out", on_click=sign_out)
