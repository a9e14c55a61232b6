"""Errors of scenario files and of the store, with their French and English messages."""

from __future__ import annotations

from planner.errors import PlannerError
from planner.messages import register

register(
    {
        "scenario_too_large": {
            "en": "This scenario file is larger than {limit_mb} MB: refused.",
            "fr": "Ce fichier de scénario dépasse {limit_mb} Mo : refusé.",
        },
        "scenario_not_json": {
            "en": "This scenario file is truncated or is not JSON ({detail}).",
            "fr": "Ce fichier de scénario est tronqué ou n'est pas du JSON ({detail}).",
        },
        "scenario_not_vigie": {
            "en": "This is not a Vigie scenario (its 'format' is {found!r}, expected "
            "'vigie.scenario').",
            "fr": "Ce n'est pas un scénario Vigie (son « format » est {found!r} au lieu de "
            "'vigie.scenario').",
        },
        "scenario_newer": {
            "en": "This scenario was made by a newer Vigie (format version {found}); "
            "this one reads up to version {current}.",
            "fr": "Ce scénario vient d'une version plus récente de Vigie (format {found}) ; "
            "celle-ci lit jusqu'à la version {current}.",
        },
        "scenario_invalid": {
            "en": "Invalid scenario at {path}: {detail}.",
            "fr": "Scénario invalide à {path} : {detail}.",
        },
        "scenario_unknown": {
            "en": "No stored scenario {scenario_id!r}.",
            "fr": "Aucun scénario enregistré {scenario_id!r}.",
        },
        "scenario_version_unknown": {
            "en": "Scenario {scenario_id!r} has no version {version}.",
            "fr": "Le scénario {scenario_id!r} n'a pas de version {version}.",
        },
        "save_conflict": {
            "en": "Not saved: {by} saved version {current} at {at} since you opened "
            "version {base}. Your edits are kept: save them as a new scenario, or reopen the "
            "latest version.",
            "fr": "Non enregistré : {by} a enregistré la version {current} à {at} depuis que vous "
            "avez ouvert la version {base}. Vos modifications sont conservées : enregistrez-les "
            "comme nouveau scénario, ou rouvrez la dernière version.",
        },
        "store_missing": {
            "en": "No scenario store at {path}: check the --store path (nothing was created).",
            "fr": "Aucune base de scénarios à {path} : vérifiez le chemin --store (rien n'a été "
            "créé).",
        },
        "store_unavailable": {
            "en": "The scenario store cannot be opened ({detail}).",
            "fr": "La base des scénarios ne peut pas être ouverte ({detail}).",
        },
        "offers_csv_unreadable": {
            "en": "The offers file is not a readable CSV ({detail}).",
            "fr": "Le fichier des moyens n'est pas un CSV lisible ({detail}).",
        },
        "offers_csv_missing_column": {
            "en": "The offers CSV has no column {column!r}. Expected columns: {expected}.",
            "fr": "Le CSV des moyens n'a pas de colonne {column!r}. Colonnes attendues : "
            "{expected}.",
        },
        "offers_csv_unknown_column": {
            "en": "The offers CSV has an unknown column {column!r}. Expected columns: {expected}.",
            "fr": "Le CSV des moyens a une colonne inconnue {column!r}. Colonnes attendues : "
            "{expected}.",
        },
        "offers_csv_bad_value": {
            "en": "Offers CSV, line {line} ({commune}): {value!r} is not a valid {column}.",
            "fr": "CSV des moyens, ligne {line} ({commune}) : {value!r} n'est pas une valeur "
            "valide pour {column}.",
        },
        "offers_csv_empty": {
            "en": "The offers CSV holds no commune.",
            "fr": "Le CSV des moyens ne contient aucune commune.",
        },
        "example_unknown": {
            "en": "No bundled example {name!r}; available: {available}.",
            "fr": "Aucun exemple fourni nommé {name!r} ; disponibles : {available}.",
        },
    }
)


class ScenarioError(PlannerError):
    """A scenario file or document that cannot be used (its message says where and why)."""


class StoreError(PlannerError):
    """The store cannot do what was asked (unknown scenario or version, unavailable)."""


class ConflictError(StoreError):
    """Someone saved the scenario since the version this save was based on."""


class AccessDenied(StoreError):
    """The acting account's role does not allow this write (nothing was written)."""


class AccountError(StoreError):
    """An account cannot be created, found or signed in (bad name, role, password)."""
