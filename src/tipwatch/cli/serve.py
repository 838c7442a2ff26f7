"""``tipwatch serve`` (the dashboard and JSON API) and ``tipwatch users`` (accounts, for administrators)."""

from __future__ import annotations

import getpass
import ipaddress
import os
import secrets
from typing import Annotated

import typer
from rich.table import Table

from tipwatch.cli.common import (
    ActorOption,
    DbOption,
    JsonOption,
    actor_of,
    console,
    fail,
    guarded,
    print_audit,
    print_json,
)
from tipwatch.cli.review import CalendarOption, KOption
from tipwatch.disclosure.policy import Calendar

PASSWORD_ENV = "TIPWATCH_PASSWORD"
users_app = typer.Typer(
    help="Manage accounts: add users, change roles, issue API tokens.", no_args_is_help=True
)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@guarded
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    first_run: Annotated[
        bool,
        typer.Option(
            "--first-run", help="If no user exists, print a one-time link to create the first administrator."
        ),
    ] = False,
    insecure_dev_cookies: Annotated[
        bool,
        typer.Option("--insecure-dev-cookies", help="Cookies without 'Secure' (plain http; loopback only)."),
    ] = False,
    k: KOption = 5,
    calendar: CalendarOption = Calendar.REPORTING_PERIOD,
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI schema at /api/openapi.json)."""
    import uvicorn

    from tipwatch.accounts.users import count_users
    from tipwatch.disclosure.policy import DisclosurePolicy
    from tipwatch.http.api import Settings, create_app
    from tipwatch.store import open_database

    if insecure_dev_cookies and not _is_loopback(host):
        raise fail(f"--insecure-dev-cookies is for loopback addresses only; received --host {host}")
    database = open_database(db)
    no_users = count_users(database) == 0
    database.dispose()
    setup_token = secrets.token_urlsafe(24) if no_users else None
    settings = Settings(
        database_url=db,
        secure_cookies=not insecure_dev_cookies,
        setup_token=setup_token,
        disclosure=DisclosurePolicy(k, calendar),
    )
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    console.print(f"tipwatch dashboard: [bold]{url}/[/]   API schema: {url}/api/openapi.json", soft_wrap=True)
    if no_users:
        console.print(
            "No account exists yet. Create the first administrator in the browser (link valid while no user exists):"
        )
        console.print(f"  [bold]{url}/setup?token={setup_token}[/]", soft_wrap=True)
        console.print(
            "or on the command line:  tipwatch users add admin --role administrator", soft_wrap=True
        )
    elif first_run:
        console.print("Accounts exist; log in at " + f"{url}/login", soft_wrap=True)
    # One process: the caches (tokens, registry version, answers) are per process, the CSRF secret is
    # random per process, and on two cores a second worker measured no better (docs/web.md).
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", http="httptools")


def _password(prompt: bool) -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if not prompt:
        raise fail(f"no password: set ${PASSWORD_ENV} or run in a terminal to be asked")
    first = getpass.getpass("Password (10 characters or more): ")
    if getpass.getpass("Repeat: ") != first:
        raise fail("the passwords differ; nothing was changed")
    return first


@users_app.command("add")
@guarded
def users_add(
    username: str,
    role: Annotated[str, typer.Option(help="viewer, analyst, case_officer or administrator.")] = "viewer",
    db: DbOption = None,
    json_output: JsonOption = False,
    actor: ActorOption = None,
) -> None:
    """Add a user (password from $TIPWATCH_PASSWORD, else asked twice)."""
    from tipwatch.accounts import Role
    from tipwatch.accounts.users import create_user
    from tipwatch.store import open_database

    parsed = Role.parse(role)
    account = create_user(open_database(db), username, _password(os.isatty(0)), parsed, actor=actor_of(actor))
    print_json(account.to_dict()) if json_output else console.print(
        f"added {account.username} ({account.role.value})"
    )


@users_app.command("list")
@guarded
def users_list(db: DbOption = None, json_output: JsonOption = False) -> None:
    """List users and their roles."""
    from tipwatch.accounts.users import list_users
    from tipwatch.store import open_database

    accounts = list_users(open_database(db))
    if json_output:
        print_json([a.to_dict() for a in accounts])
        return
    table = Table("username", "role", "active")
    for a in accounts:
        table.add_row(a.username, a.role.value, "yes" if a.active else "no")
    console.print(table)


@users_app.command("audit")
@guarded
def users_audit(
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """The latest changes to accounts, newest first: who added a user, changed a role, issued a token."""
    from tipwatch.registry.repository import audit_log
    from tipwatch.store import open_database

    print_audit(audit_log(open_database(db), limit=limit, accounts=True), json_output=json_output)


@users_app.command("set-role")
@guarded
def users_set_role(username: str, role: str, db: DbOption = None, actor: ActorOption = None) -> None:
    """Change a user's role."""
    from tipwatch.accounts import Role
    from tipwatch.accounts.users import set_role
    from tipwatch.store import open_database

    account = set_role(open_database(db), username, Role.parse(role), actor=actor_of(actor))
    console.print(f"{account.username} is now {account.role.value}", soft_wrap=True)


@users_app.command("deactivate")
@guarded
def users_deactivate(username: str, db: DbOption = None, actor: ActorOption = None) -> None:
    """Deactivate a user: their sessions and tokens stop working at once."""
    from tipwatch.accounts.users import set_active
    from tipwatch.store import open_database

    set_active(open_database(db), username, False, actor=actor_of(actor))
    console.print(f"{username} deactivated", soft_wrap=True)


@users_app.command("token")
@guarded
def users_token(
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    db: DbOption = None,
    json_output: JsonOption = False,
    actor: ActorOption = None,
) -> None:
    """Issue an API token (printed once; stored only as a hash). Use it as 'Authorization: Bearer <token>'."""
    from tipwatch.accounts.tokens import issue_token
    from tipwatch.store import open_database

    issued = issue_token(open_database(db), username, name, actor=actor_of(actor))
    if json_output:
        print_json({"id": issued.id, "username": issued.username, "name": issued.name, "token": issued.token})
    else:
        console.print(issued.token, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
