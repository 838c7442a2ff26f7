"""Password hashing with argon2id, and the rules a new password must meet: at least ten characters, not
a common password, not trivial, not the user's own name (issue 16, item 11).

The common passwords are the 30,000 most frequent of the list that ships with the ``zxcvbn`` package
(MIT licence, github.com/dwolfhub/zxcvbn-python; from leaked password corpora via Dropbox's zxcvbn). A
password is common when it, its lower-case form, or that form with leet-speak undone and trailing
digits and punctuation cut is on the list (``Password2024!`` is ``password``)."""

from __future__ import annotations

import itertools
import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

MIN_PASSWORD_LENGTH = 10
MIN_DISTINCT_CHARACTERS = 5
_hasher = PasswordHasher()
_LEET = str.maketrans(
    {"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"}
)
_TRAILING = re.compile(r"[\d\W_]+$")
_KEYBOARD_ROWS = (
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "qazwsxedcrfvtgbyhnujmikolp",
)
_SERVICE_WORDS = ("tipwatch",)


def hash_password(password: str, username: str | None = None) -> str:
    check_password_rules(password, username)
    return str(_hasher.hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    listed: list[str] = FREQUENCY_LISTS["passwords"]
    return frozenset(listed) | frozenset(_SERVICE_WORDS)


def _forms(password: str) -> set[str]:
    lower = password.strip().lower()
    forms = {password, lower, lower.translate(_LEET)}
    forms |= {_TRAILING.sub("", form) for form in list(forms)}
    forms |= {form.replace(" ", "") for form in list(forms)}
    return {form for form in forms if form}


def _is_sequence(text: str) -> bool:
    """Characters in one fixed step (``1234567890``, ``abcdefghij``, ``9876543210``, ``2468…``) or a run
    along one keyboard row."""
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    if len(steps) == 1 and abs(next(iter(steps))) <= 2:
        return True
    return any(text in row or text in row[::-1] for row in _KEYBOARD_ROWS)


def password_problem(password: str, username: str | None = None) -> Problem | None:
    """What is wrong with a new password, or ``None``. Never echoes the password."""
    location = Location(field="password")
    if len(password) < MIN_PASSWORD_LENGTH:
        return Problem(
            ProblemCode.PASSWORD_TOO_SHORT,
            f"received a password of {len(password)} characters; expected at least "
            f"{MIN_PASSWORD_LENGTH}. Use a longer passphrase.",
            location=location,
        )
    lower = password.lower()
    compact = re.sub(r"\s+", "", lower)
    if len(set(compact)) < MIN_DISTINCT_CHARACTERS or _is_sequence(compact):
        return Problem(
            ProblemCode.PASSWORD_TOO_SIMPLE,
            f"received a password made of a repeated pattern, a sequence or fewer than "
            f"{MIN_DISTINCT_CHARACTERS} different characters; expected something hard to guess. Use a "
            "passphrase of several unrelated words.",
            location=location,
        )
    if _forms(password) & common_passwords():
        return Problem(
            ProblemCode.PASSWORD_TOO_COMMON,
            "received one of the most common passwords (or one with digits or symbols added); expected "
            "something not on lists that attackers try first. Use a passphrase of several unrelated words.",
            location=location,
        )
    name = (username or "").lower()
    names = {name, *re.split(r"[._-]+", name)} - {""}
    if any(len(part) >= 3 and (part in compact or part[::-1] in compact) for part in names):
        return Problem(
            ProblemCode.PASSWORD_CONTAINS_USERNAME,
            "received a password that contains the user name; expected one that does not. Use a "
            "passphrase of several unrelated words.",
            location=location,
        )
    return None


def check_password_rules(password: str, username: str | None = None) -> None:
    problem = password_problem(password, username)
    if problem is not None:
        raise InputError(problem.code.replace("-", " "), [problem])


def dummy_verify() -> None:
    """Spend the time of one verification, so that unknown usernames take as long as wrong passwords."""
    verify_password(_DUMMY, "not the password")


_DUMMY = _hasher.hash("a dummy password for timing")
