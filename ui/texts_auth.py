"""Texts of the sign-in page and of the roles (French first, English)."""

from __future__ import annotations

AUTH_TEXTS: dict[str, dict[str, str]] = {
    "signin_header": {"fr": "Connexion", "en": "Sign in"},
    "signin_intro": {
        "fr": "Vigie contient des plans de sécurité : connectez-vous avec le compte que "
        "l'administrateur vous a remis.",
        "en": "Vigie holds security plans: sign in with the account your administrator gave you.",
    },
    "signin_username": {"fr": "Identifiant", "en": "User name"},
    "signin_password": {"fr": "Mot de passe", "en": "Password"},
    "signin_submit": {"fr": "Se connecter", "en": "Sign in"},
    "signin_sso": {
        "fr": "Se connecter avec le compte de l'organisation",
        "en": "Sign in with your organisation's account",
    },
    "signin_throttled": {
        "fr": "Trop d'essais : réessayez dans {seconds} s.",
        "en": "Too many attempts: try again in {seconds} s.",
    },
    "signout": {"fr": "Se déconnecter", "en": "Sign out"},
    "first_account_header": {"fr": "Premier compte", "en": "First account"},
    "first_account_intro": {
        "fr": "Aucun compte n'existe encore et le mode démonstration n'est pas demandé. Un "
        "administrateur crée le premier compte sur le serveur, puis les autres se connectent "
        "avec le leur (démonstration locale : `make run`, qui règle `VIGIE_DEMO=1`).",
        "en": "No account exists yet and the demo mode was not asked for. An administrator "
        "creates the first account on the server, then everyone signs in with their own (local "
        "demo: `make run`, which sets `VIGIE_DEMO=1`).",
    },
    "demo_refused_note": {
        "fr": "VIGIE_DEMO=1 est réglé mais des comptes existent : le mode démonstration est "
        "désactivé, connectez-vous.",
        "en": "VIGIE_DEMO=1 is set but accounts exist: the demo mode is off, sign in.",
    },
    "sso_unverified": {
        "fr": "Le fournisseur d'identité n'a pas vérifié cette adresse e-mail : connexion "
        "refusée. Vérifiez l'adresse auprès de votre organisation.",
        "en": "The identity provider has not verified this e-mail address: sign-in refused. "
        "Have your organisation verify it.",
    },
    "signed_in_as": {"fr": "Connecté : **{who}** — {role}", "en": "Signed in: **{who}** — {role}"},
    "demo_mode": {
        "fr": "Mode démonstration : aucun compte n'est configuré, vous êtes planificateur local.",
        "en": "Demo mode: no account is configured, you are the local planner.",
    },
    "account_role_planner": {"fr": "planificateur", "en": "planner"},
    "account_role_exercise_lead": {"fr": "directeur d'exercice", "en": "exercise lead"},
    "account_role_liaison": {
        "fr": "officier de liaison (lecture et export)",
        "en": "liaison (read and export)",
    },
    "read_only_note": {
        "fr": "Votre rôle permet de consulter et d'exporter ce plan, pas de le modifier.",
        "en": "Your role lets you read and export this plan, not change it.",
    },
    "lead_only_note": {
        "fr": "Votre rôle permet de modifier la chronologie de l'exercice (stimuli et dangers) ; "
        "le plan lui-même est en lecture seule.",
        "en": "Your role lets you edit the exercise timeline (injects and hazards); the plan "
        "itself is read-only.",
    },
    "edit_refused": {
        "fr": "Modification refusée : votre rôle ({role}) ne permet pas de modifier {fields}.",
        "en": "Change refused: your role ({role}) may not change {fields}.",
    },
    "col_role": {"fr": "Rôle", "en": "Role"},
    "area_read_only": {"fr": "Zone du plan : {name}", "en": "The plan's area: {name}"},
}
