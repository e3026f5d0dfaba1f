"""Who is acting: used for permission checks, redaction and the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from civcas.assess.workflow import role_at_least
from civcas.errors import PermissionDenied
from civcas.model.vocabulary import Role


@dataclass(frozen=True, slots=True)
class Actor:
    username: str
    role: Role | None  # None: an anonymous visitor
    user_id: int | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.role is None

    def can(self, needed: Role) -> bool:
        return self.role is not None and role_at_least(self.role, needed)

    def require(self, needed: Role, doing: str) -> None:
        if not self.can(needed):
            who = "an anonymous visitor" if self.role is None else f"the {self.role} role"
            raise PermissionDenied(f"{doing} needs the {needed} role or higher; you have {who}")


ANONYMOUS = Actor(username="anonymous", role=None)
SYSTEM = Actor(username="system", role=Role.ADMIN)
