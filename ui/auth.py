"""Who is using this browser session: sign-in page, single sign-on, the demo's local planner.

- Single sign-on (OIDC through ``st.login``) when ``.streamlit/secrets.toml`` has an ``[auth]``
  section: the identity provider vouches for the (verified) e-mail, the store's account gives
  the role.
- Local accounts (user name and password, hashed in the store) when the store holds any.
- The demo (one local planner, no account) only when ``VIGIE_DEMO=1`` is set (``make run``) and
  the store holds no account at all; once one exists the demo is refused, and said. Without the
  setting and without accounts the app says how to create the first account.

The role comes from the live account at every run of the page (and at every store write, which
re-reads it in its transaction): a disabled account is signed out at its next action, a demoted
one loses its controls. The app only hides what the role cannot do; the store enforces it.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from planner.errors import PlannerError
from scenarios.accounts import Actor, Role
from scenarios.errors import AccessDenied
from ui.i18n import said, t
from ui.session import scenario_store

DEMO_USERNAME = "planificateur"
#: Failed sign-ins allowed in a session before it must wait (Argon2 already costs ~50 ms each).
MAX_FAILED_SIGN_INS = 5
THROTTLE_S = 30
#: How the first account is created (said when there is no account and no demo).
FIRST_ACCOUNT_COMMAND = "python -m planner accounts add NAME --role planner --name 'First Last'"


def sso_configured() -> bool:
    """Whether single sign-on is configured (an ``[auth]`` section in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False


def demo_enabled() -> bool:
    """Whether the demo was asked for (``VIGIE_DEMO=1``; ``make run`` sets it)."""
    return os.environ.get("VIGIE_DEMO", "") == "1"


def require_actor() -> Actor:
    """The session's actor as its account is now; without one, the sign-in page (or, with no
    account and no demo, how to create the first account) is shown and the run stops. Call it
    at the top of every run, fragment runs included."""
    state = st.session_state
    store = scenario_store()
    if sso_configured() and st.user.get("is_logged_in", False):
        actor = _sso_actor()
    elif state.get("actor") is not None:
        actor = state.actor
    elif not sso_configured() and not store.has_accounts():
        if not demo_enabled():
            _first_account_page()
            st.stop()
        actor = Actor((state.get("author") or "").strip() or DEMO_USERNAME, Role.PLANNER, demo=True)
    else:
        _sign_in_page()
        st.stop()
    try:
        actor = store.live_actor(actor)
    except AccessDenied as err:  # disabled or removed since, or the demo met a new account
        _signed_out(said(err))
    state.demo = actor.demo
    if not actor.demo:
        state.actor = actor
    state.current_actor = actor
    return actor


def _signed_out(reason: str) -> None:
    """End the session's sign-in now and show the sign-in page with ``reason``."""
    _clear_session()
    st.session_state.signin_errors = [reason]
    if sso_configured() and st.user.get("is_logged_in", False):
        st.logout()
    _sign_in_page()
    st.stop()


def _first_account_page() -> None:
    st.title(t("title"))
    st.subheader(t("first_account_header"))
    st.markdown(t("first_account_intro"))
    st.code(FIRST_ACCOUNT_COMMAND, language="bash")


def _sso_actor() -> Actor:
    if st.user.get("email_verified") is not True:  # the provider must vouch for the e-mail
        st.error(t("sso_unverified"))
        st.button(t("signout"), on_click=st.logout, key="signout")
        st.stop()
    try:
        return scenario_store().sso_actor(str(st.user.get("email") or ""))
    except PlannerError as err:
        st.error(said(err))
        st.button(t("signout"), on_click=st.logout, key="signout")
        st.stop()


def _sign_in_page() -> None:
    st.title(t("title"))
    st.subheader(t("signin_header"))
    st.write(t("signin_intro"))
    if demo_enabled() and not sso_configured():
        st.info(t("demo_refused_note"))
    if sso_configured():
        st.button(t("signin_sso"), on_click=st.login, type="primary", key="signin_sso")
    with st.form("signin"):
        st.text_input(t("signin_username"), key="signin_username")
        st.text_input(t("signin_password"), type="password", key="signin_password")
        st.form_submit_button(t("signin_submit"), on_click=_sign_in)
    for message in st.session_state.get("signin_errors", [])[-1:]:
        st.error(message)


def _sign_in() -> None:
    state = st.session_state
    failures: list[float] = state.setdefault("signin_failures", [])
    recent = [at for at in failures if time.monotonic() - at < THROTTLE_S]
    if len(recent) >= MAX_FAILED_SIGN_INS:
        wait = int(THROTTLE_S - (time.monotonic() - recent[0])) + 1
        state.signin_errors = [t("signin_throttled", seconds=wait)]
        return
    try:
        state.actor = scenario_store().authenticate(
            state.get("signin_username") or "", state.get("signin_password") or ""
        )
    except PlannerError as err:
        failures.append(time.monotonic())
        state.signin_errors = [said(err)]
        return
    finally:
        state.signin_password = ""  # never kept in the session
    state.signin_errors = []


def account_box(actor: Actor) -> None:
    """Who is signed in, in which role, and the sign-out button (sidebar)."""
    if st.session_state.get("demo"):
        st.caption(t("demo_mode"))
        return
    role = t("account_role_" + actor.role.value)
    st.markdown(t("signed_in_as", who=actor.label, role=role))
    st.button(t("signout"), on_click=_sign_out, key="signout")


def _sign_out() -> None:
    _clear_session()
    if sso_configured() and st.user.get("is_logged_in", False):
        st.logout()


def _clear_session() -> None:
    keep = {"lang": st.session_state.get("lang", "fr")}
    st.session_state.clear()
    st.session_state.update(keep)
