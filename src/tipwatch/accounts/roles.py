"""Roles and the permissions each grants. Least privilege: no role sees more than its work needs."""

from __future__ import annotations

from enum import StrEnum

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem


class Permission(StrEnum):
    PUBLIC_STATISTICS = "public_statistics"
    ALL_STATISTICS = "all_statistics"
    RECORDS = "records"
    USERS = "users"


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    CASE_OFFICER = "case_officer"
    ADMINISTRATOR = "administrator"

    @classmethod
    def parse(cls, text: str) -> Role:
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            raise InputError(
                f"unknown role {text!r}",
                [
                    Problem(
                        ProblemCode.UNKNOWN_ROLE,
                        f"received role {text!r}; expected one of {', '.join(r.value for r in cls)}",
                        location=Location(field="role"),
                    )
                ],
            ) from None


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.PUBLIC_STATISTICS}),
    Role.ANALYST: frozenset({Permission.PUBLIC_STATISTICS, Permission.ALL_STATISTICS}),
    Role.CASE_OFFICER: frozenset(
        {Permission.PUBLIC_STATISTICS, Permission.ALL_STATISTICS, Permission.RECORDS}
    ),
    Role.ADMINISTRATOR: frozenset({Permission.PUBLIC_STATISTICS, Permission.USERS}),
}


def permissions_of(role: Role | None) -> frozenset[Permission]:
    """What a role may do; anonymous visitors (``None``) get what a viewer gets: public statistics."""
    return _GRANTS[role] if role is not None else _GRANTS[Role.VIEWER]
