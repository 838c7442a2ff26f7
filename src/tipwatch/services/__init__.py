"""Use cases: one module each (statistics, review, publish, submission, reply, assess-from-narrative).

Each takes a :class:`~tipwatch.store.Database` (where it reads one) and plain values (never a request),
reads the registry in one snapshot (one connection, one transaction:
:meth:`~tipwatch.store.Database.snapshot`) and returns typed results. The CLI and the web app call these
and render what they return; neither holds SQL or rules of its own."""
