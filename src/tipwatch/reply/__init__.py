"""Right of reply: the report's claims beside the government's own records (pure)."""
