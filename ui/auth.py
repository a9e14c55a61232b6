"""Who is using this browser session: sign-in page, single sign-on, the demo's local planner.

- Single sign-on (OIDC through ``st.login``) when ``.streamlit/secrets.toml`` has an ``[auth]``
  section: the identity provider vouches for the e-mail, the store's account gives the role.
- Local accounts (user name and password, hashed in the store) when the store holds any.
- Neither: the app is the single local planner of the demo, as before accounts existed.

The session's :class:`~scenarios.accounts.Actor` is handed to every store call, which enforces
the role; the app only hides what the role cannot do.
"""

from __future__ import annotations

import time

import streamlit as st

from planner.errors import PlannerError
from scenarios.accounts import Actor, Role
from ui.i18n import said, t
from ui.session import scenario_store

DEMO_USERNAME = "planificateur"
#: Failed sign-ins allowed in a session before it must wait (Argon2 already costs ~50 ms each).
MAX_FAILED_SIGN_INS = 5
THROTTLE_S = 30


def sso_configured() -> bool:
    """Whether single sign-on is configured (an ``[auth]`` section in the secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False


def require_actor() -> Actor:
    """The session's actor; without one, the sign-in page is shown and the run stops."""
    state = st.session_state
    if sso_configured() and st.user.get("is_logged_in", False):
        actor = _sso_actor()
    elif state.get("actor") is not None:
        actor = state.actor
    elif not sso_configured() and not scenario_store().has_accounts():
        actor = Actor((state.get("author") or "").strip() or DEMO_USERNAME, Role.PLANNER)
        state.demo = True
        return actor
    else:
        _sign_in_page()
        st.stop()
    state.demo = False
    state.actor = actor
    return actor


def _sso_actor() -> Actor:
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
    keep = {"lang": st.session_state.get("lang", "fr")}
    st.session_state.clear()
    st.session_state.update(keep)
    if sso_configured() and st.user.get("is_logged_in", False):
        st.logout()
