"""Password hashing with argon2id, and the rules a new password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    check_password_rules(password)
    return str(_hasher.hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            "password too short",
            [
                Problem(
                    ProblemCode.PASSWORD_TOO_SHORT,
                    f"received a password of {len(password)} characters; expected at least "
                    f"{MIN_PASSWORD_LENGTH}. Use a longer passphrase.",
                    location=Location(field="password"),
                )
            ],
        )


def dummy_verify() -> None:
    """Spend the time of one verification, so that unknown usernames take as long as wrong passwords."""
    verify_password(_DUMMY, "not the password")


_DUMMY = _hasher.hash("a dummy password for timing")
