"""The right of reply for a logged-in account (``/api/reply``, ``/reply``): who may see which audience's
brief, and the brief itself, built by :func:`tipwatch.services.reply.reply_brief` and audited under the
account."""

from __future__ import annotations

from fastapi import HTTPException, Request

from tipwatch.accounts import Account, Permission, permissions_of
from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.policy import DisclosurePolicy
from tipwatch.disclosure.published import Disclosure
from tipwatch.http.auth import get_db
from tipwatch.reply.brief import ReplyBrief
from tipwatch.reply.narrative import NarrativeInput
from tipwatch.services.reply import reply_brief

PERMISSION_FOR = {Audience.INTERNAL: Permission.ALL_STATISTICS, Audience.PUBLIC: Permission.PUBLIC_STATISTICS}


def check_audience(account: Account, audience: Audience) -> None:
    """Refuse (403) an account whose role may not see this audience's brief."""
    needed = PERMISSION_FOR[audience]
    if needed not in permissions_of(account.role):
        raise HTTPException(
            403,
            f"the role {account.role.value!r} may not see an {audience.value} brief (needs {needed.value!r})",
        )


def brief_for(
    request: Request, account: Account, narrative: NarrativeInput, year: int, audience: Audience
) -> ReplyBrief:
    """Check the account may see this audience's brief, then build it (audited under the account) under
    the server's disclosure policy; pseudonymous ids only for a role that may read records."""
    check_audience(account, audience)
    policy: DisclosurePolicy = request.app.state.settings.disclosure
    show_records = Permission.RECORDS in permissions_of(account.role)
    disclosure = Disclosure(audience, policy, show_records=show_records)
    return reply_brief(get_db(request), narrative, year, disclosure, actor=account.username)
