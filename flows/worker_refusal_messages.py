"""Why a worker cannot be added as asked (storage.workers.WorkerError's `reason` and `params`),
for the coordinator, in the CLI and on the dashboard; French msgids."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text import Raw, Text, _


def refusal(reason: str, params: Mapping[str, str], fallback: str) -> Text | Raw:
    """The refusal in the coordinator's language; `fallback` (the error's own line, as it is)
    for a reason this module does not know."""
    if reason == "name_length":
        return _("le nom d'un intervenant a de 1 à 80 caractères")
    if reason == "role":
        return _(
            "rôle inconnu « {role} » : worker, coordinator ou oncall", role=params.get("role", "")
        )
    if reason == "languages":
        return _(
            "les langues sont parmi fr,en (reçu : {got})",
            got=params.get("got") or "—",
        )
    if reason == "name_taken":
        return _("un intervenant nommé « {name} » existe déjà", name=params.get("name", ""))
    if reason == "telegram_taken":
        return _(
            "le compte Telegram {telegram_id} est déjà celui de « {name} »",
            telegram_id=params.get("telegram_id", ""),
            name=params.get("name", ""),
        )
    return Raw(fallback)
