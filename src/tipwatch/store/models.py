"""Every table module, imported in one place so that Alembic and tests see the whole schema."""

import tipwatch.accounts.models
import tipwatch.registry.models
import tipwatch.store.tier_tables  # noqa: F401  (tier record, GLOTIP statistics)
from tipwatch.store.base import Base

metadata = Base.metadata
