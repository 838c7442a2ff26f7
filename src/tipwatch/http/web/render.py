"""Rendering templates with autoescaping, the CSRF token, the visitor's permissions and the page's
language (:mod:`.language`): the templates' ``_()`` reads the catalogue of the request being rendered,
so one environment serves every language; every HTML answer varies on ``Accept-Language``."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from tipwatch.accounts import permissions_of
from tipwatch.http.web.language import page_language
from tipwatch.reports.languages import Language
from tipwatch.reports.review_text import ReviewWords

_TEMPLATES = Path(__file__).parent / "templates"


def _environment(request: Request) -> Environment:
    env: Environment | None = getattr(request.app.state, "jinja", None)
    if env is None:
        env = Environment(
            loader=FileSystemLoader(_TEMPLATES),
            autoescape=select_autoescape(default=True),
            auto_reload=False,
            extensions=["jinja2.ext.i18n"],
        )
        env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
        request.app.state.jinja = env
    return env


@pass_context
def _gettext(context: Context, message: str) -> str:
    words: ReviewWords = context["words"]
    return words.gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    words: ReviewWords = context["words"]
    return words.catalogue.ngettext(singular, plural, count)


def _language_links(request: Request, keep: dict[str, str]) -> list[tuple[str, str, str]]:
    """This page in each language: (language, its own name for itself, a link relative to the page with
    ?lang= and the query parameters the page says to ``keep``: nothing else of what was asked is
    repeated). Only for pages reached by GET."""
    if request.method != "GET":
        return []
    names = {Language.EN: "English", Language.ZH_HANT: "繁體中文", Language.PT: "Português"}
    return [
        (str(language), name, "?" + urlencode({**keep, "lang": language})) for language, name in names.items()
    ]


def moment(words: ReviewWords, when: datetime, *, seconds: bool = False) -> str:
    """A time to the minute (or second): ISO in English, the day per locale and the 24-hour time
    otherwise."""
    if words.language is Language.EN:
        return when.isoformat()[: 19 if seconds else 16]
    return (
        f"{words.day(when.date())} {when:%H:%M:%S}" if seconds else f"{words.day(when.date())} {when:%H:%M}"
    )


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    from tipwatch.http.auth import csrf_token_for

    account = getattr(request.state, "account", None)
    if account is None and not hasattr(request.state, "account"):
        try:
            from tipwatch.http.auth import current_account

            account = current_account(request)
        except Exception:
            account = None
    language = page_language(request)
    asked = request.query_params.get("lang")
    words = ReviewWords(language)
    full = {
        "request": request,
        "lang": str(language),
        "words": words,
        "moment": partial(moment, words),
        "language_links": _language_links(request, context.get("page_query", {})) if status < 400 else [],
        "lang_query": f"?lang={language}" if asked == str(language) else "",
        "account": account,
        "permissions": {p.value for p in permissions_of(account.role if account else None)},
        "csrf_token": csrf_token_for(request),
        "title": request.app.state.settings.title,
        **context,
    }
    html = _environment(request).get_template(template).render(full)
    return HTMLResponse(html, status_code=status, headers={**(headers or {}), "Vary": "Accept-Language"})


def render_error(
    request: Request,
    status: int,
    error: str,
    errors: list[dict[str, Any]],
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    return render(
        request, "error.html", {"status": status, "error": error, "errors": errors}, status, headers
    )
