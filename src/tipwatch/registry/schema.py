"""Every table of the one database (registry, accounts, tier record and GLOTIP statistics, the audit log),
imported in one place so that Alembic's comparison and the schema test see the whole schema. It lives
here, above store/ and accounts/, because store/ imports neither."""

import tipwatch.accounts.models
import tipwatch.registry.models
import tipwatch.store.audit
import tipwatch.store.tier_tables  # noqa: F401  (tier record, GLOTIP statistics)
from tipwatch.store.base import Base

metadata = Base.metadata
