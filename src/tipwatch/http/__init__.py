"""The HTTP adapter: one FastAPI app serving the REST API (api/) and the dashboard pages (web/)."""
