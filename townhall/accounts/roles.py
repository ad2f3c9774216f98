"""Staff roles. Each is a Django group of the same name; residents have none."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    CASEWORKER = "caseworker"
    MANAGER = "manager"
    SAFETY_OPERATOR = "safety_operator"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.CASEWORKER: _("Caseworker"),
    Role.MANAGER: _("Manager"),
    Role.SAFETY_OPERATOR: _("Safety operator"),
    Role.ADMINISTRATOR: _("Administrator"),
}

STAFF_ROLES = tuple(role.value for role in Role)
