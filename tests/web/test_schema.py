"""schemathesis against the OpenAPI schema, in process: no server errors, no schema violations, with an
administrator's, an analyst's and a case officer's token, so that every route is reached."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tipwatch.accounts import Role
from tipwatch.accounts.tokens import issue_token
from tipwatch.accounts.users import create_user
from tipwatch.http import Settings, create_app

EXAMPLES = 6
# Server errors and schema violations. positive_data_acceptance is left out on purpose: a schema-valid
# year range the record does not cover is refused with 400 and a clear message, as it should be.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
]


@pytest.fixture(scope="module")
def api_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path: Path = tmp_path_factory.mktemp("schema") / "schema.db"
    app = create_app(Settings(database_url=f"sqlite:///{path}"))
    db = app.state.database
    tokens = {}
    for role in Role:
        create_user(db, role.value.replace("_", "-"), "correct horse battery", role, actor="tests")
        name = role.value.replace("_", "-")
        tokens[role] = issue_token(db, name, "schemathesis", actor=name).token
    app.state.test_tokens = tokens
    yield app
    db.dispose()


@pytest.mark.slow
def test_api_conforms_to_its_schema(api_app: Any) -> None:
    """Each operation of the schema, driven by hypothesis (schemathesis' pytest plugin does not load on
    this pytest, so its strategies are run directly)."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", api_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:
        role = Role.ADMINISTRATOR if operation.path.startswith("/api/users") else Role.CASE_OFFICER
        _check(operation, {"Authorization": f"Bearer {api_app.state.test_tokens[role]}"})


def _check(operation: Any, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except Exception as exc:
            exc.add_note(f"operation: {operation.method.upper()} {operation.path}")
            raise

    check()
