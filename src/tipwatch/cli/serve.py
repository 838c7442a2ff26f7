"""``tipwatch serve`` (the dashboard and JSON API) and ``tipwatch users`` (accounts, for administrators)."""

from __future__ import annotations

import getpass
import os
from typing import Annotated

import typer
from rich.table import Table

from tipwatch.cli.cells import cell, line
from tipwatch.cli.common import (
    ActorOption,
    DbOption,
    actor_of,
    console,
    fail,
    guarded,
    opened_database,
    output_options,
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
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@guarded
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).", min=1, max=65535)] = 8000,
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
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trusted-proxy",
            help="Address or network of a reverse proxy whose X-Forwarded-For is believed (repeatable; "
            "none by default).",
        ),
    ] = None,
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI schema at /api/openapi.json)."""
    from secrets import token_urlsafe

    import uvicorn

    from tipwatch.accounts.users import count_users
    from tipwatch.disclosure.policy import DisclosurePolicy
    from tipwatch.http import Settings, create_app

    if insecure_dev_cookies and not _is_loopback(host):
        raise fail(f"--insecure-dev-cookies is for loopback addresses only; received --host {host}")
    trusted_proxies = _trusted_proxies(trusted_proxy)
    _check_port(host, port)
    with opened_database(db) as database:
        no_users = count_users(database) == 0
    setup_token = token_urlsafe(24) if no_users else None
    settings = Settings(
        database_url=db,
        secure_cookies=not insecure_dev_cookies,
        setup_token=setup_token,
        disclosure=DisclosurePolicy(k, calendar),
        trusted_proxies=trusted_proxies,
    )
    _print_welcome(f"http://{host if ':' not in host else f'[{host}]'}:{port}", setup_token, first_run)
    # One process: the caches (tokens, registry version, answers) are per process, the CSRF secret is
    # random per process, and on two cores a second worker measured no better (docs/web.md).
    # uvicorn would take the client's address from X-Forwarded-For of any loopback peer; the app decides
    # whom to believe (--trusted-proxy), so uvicorn must pass the peer's address as it is.
    uvicorn.run(
        create_app(settings), host=host, port=port, log_level="warning", http="httptools", proxy_headers=False
    )


def _trusted_proxies(given: list[str] | None) -> tuple[str, ...]:
    from tipwatch.http.client_address import parse_proxies

    proxies = tuple(given or ())
    try:
        parse_proxies(proxies)
    except ValueError as error:
        raise fail(
            f"--trusted-proxy: {error}; expected an address or network such as 10.0.0.1 or 10.0.0.0/8"
        ) from None
    return proxies


def _print_welcome(url: str, setup_token: str | None, first_run: bool) -> None:
    console.print(
        line("tipwatch dashboard: ", (f"{url}/", "bold"), f"   API schema: {url}/api/openapi.json"),
        soft_wrap=True,
    )
    if setup_token is not None:
        console.print(
            "No account exists yet. Create the first administrator in the browser (link valid while no user exists):"
        )
        console.print(line("  ", (f"{url}/setup?token={setup_token}", "bold")), soft_wrap=True)
        console.print(
            "or on the command line:  tipwatch users add admin --role administrator", soft_wrap=True
        )
    elif first_run:
        console.print("Accounts exist; log in at " + f"{url}/login", soft_wrap=True)


def _check_port(host: str, port: int) -> None:
    """Refuse, before printing any address, a port this process cannot listen on (one in use, or one
    that needs privileges); the server binds it again a moment later."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise fail(f"--host {host}: not an address this machine can listen on ({exc.strerror})") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise fail(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; stop what uses it or choose "
                "another port with --port (make run PORT=...)"
            ) from None


def _password(prompt: bool, *, confirm: bool = True) -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    if not prompt:
        raise fail(f"no password: set ${PASSWORD_ENV} or run in a terminal to be asked")
    if not confirm:
        return getpass.getpass("Password: ")
    first = getpass.getpass("Password (10 characters or more): ")
    if getpass.getpass("Repeat: ") != first:
        raise fail("the passwords differ; nothing was changed")
    return first


@users_app.command("add")
@guarded
@output_options()
def users_add(
    username: str,
    role: Annotated[str, typer.Option(help="viewer, analyst, case_officer or administrator.")] = "viewer",
    db: DbOption = None,
    json_output: bool = False,
    actor: ActorOption = None,
) -> None:
    """Add a user (password from $TIPWATCH_PASSWORD, else asked twice)."""
    from tipwatch.accounts import Role
    from tipwatch.accounts.users import create_user

    parsed = Role.parse(role)
    password = _password(os.isatty(0))
    with opened_database(db) as database:
        account = create_user(database, username, password, parsed, actor=actor_of(actor))
    print_json(account.to_dict()) if json_output else console.print(
        f"added {account.username} ({account.role.value})"
    )


@users_app.command("list")
@guarded
@output_options()
def users_list(db: DbOption = None, json_output: bool = False) -> None:
    """List users and their roles."""
    from tipwatch.accounts.users import list_users

    with opened_database(db) as database:
        accounts = list_users(database)
    if json_output:
        print_json([a.to_dict() for a in accounts])
        return
    table = Table("username", "role", "active")
    for a in accounts:
        table.add_row(cell(a.username), cell(a.role.value), "yes" if a.active else "no")
    console.print(table)


@users_app.command("audit")
@guarded
@output_options()
def users_audit(
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    db: DbOption = None,
    json_output: bool = False,
) -> None:
    """The latest changes to accounts, newest first: who added a user, changed a role, issued a token."""
    from tipwatch.registry.repository import audit_log

    with opened_database(db) as database:
        entries = audit_log(database, limit=limit, accounts=True)
    print_audit(entries, json_output=json_output)


@users_app.command("set-role")
@guarded
def users_set_role(username: str, role: str, db: DbOption = None, actor: ActorOption = None) -> None:
    """Change a user's role."""
    from tipwatch.accounts import Role
    from tipwatch.accounts.users import set_role

    with opened_database(db) as database:
        account = set_role(database, username, Role.parse(role), actor=actor_of(actor))
    console.print(f"{account.username} is now {account.role.value}", soft_wrap=True)


@users_app.command("deactivate")
@guarded
def users_deactivate(username: str, db: DbOption = None, actor: ActorOption = None) -> None:
    """Deactivate a user: their sessions and tokens stop working at once."""
    from tipwatch.accounts.users import set_active

    with opened_database(db) as database:
        set_active(database, username, False, actor=actor_of(actor))
    console.print(f"{username} deactivated", soft_wrap=True)


@users_app.command("token")
@guarded
@output_options()
def users_token(
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    db: DbOption = None,
    json_output: bool = False,
    actor: ActorOption = None,
) -> None:
    """Mint an API token for USERNAME with that user's password ($TIPWATCH_PASSWORD, else asked): tokens
    are minted only by their owner. Printed once; stored only as a hash. Use it as
    'Authorization: Bearer <token>'."""
    from tipwatch.accounts.tokens import issue_token
    from tipwatch.accounts.users import check_credentials

    with opened_database(db) as database:
        if check_credentials(database, username, _password(os.isatty(0), confirm=False)) is None:
            raise fail(
                f"wrong password for {username!r} (or no active user of that name); no token was minted"
            )
        issued = issue_token(database, username, name, actor=username)
    if json_output:
        print_json({"id": issued.id, "username": issued.username, "name": issued.name, "token": issued.token})
    else:
        console.print(issued.token, soft_wrap=True)


@users_app.command("tokens")
@guarded
@output_options()
def users_tokens(username: str, db: DbOption = None, json_output: bool = False) -> None:
    """List a user's API tokens (names and dates, never the tokens)."""
    from tipwatch.accounts.tokens import list_tokens

    with opened_database(db) as database:
        tokens = list_tokens(database, username)
    if json_output:
        print_json([t.to_dict() for t in tokens])
        return
    table = Table("id", "name", "created", "last used", "state")
    for t in tokens:
        used = t.last_used_at.isoformat()[:16] if t.last_used_at else ""
        table.add_row(
            cell(t.id),
            cell(t.name),
            t.created_at.isoformat()[:16],
            used,
            "revoked" if t.revoked else "active",
        )
    console.print(table)


@users_app.command("revoke-token")
@guarded
def users_revoke_token(
    username: str,
    token_id: Annotated[
        int | None, typer.Option("--id", help="The token's id (see 'tipwatch users tokens').")
    ] = None,
    all_tokens: Annotated[bool, typer.Option("--all", help="Revoke every token of the user.")] = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Revoke one API token of a user (--id N) or all of them (--all); they stop working at once."""
    from tipwatch.accounts.tokens import revoke_token, revoke_tokens

    if (token_id is None) == (not all_tokens):
        raise fail("name one token with --id N, or pass --all; nothing was revoked")
    with opened_database(db) as database:
        if all_tokens:
            count = revoke_tokens(database, username, actor=actor_of(actor))
            console.print(f"revoked {count} token(s) of {username}", soft_wrap=True)
        else:
            assert token_id is not None
            revoke_token(database, username, token_id, actor=actor_of(actor))
            console.print(f"revoked token {token_id} of {username}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the tipwatch app."""
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
