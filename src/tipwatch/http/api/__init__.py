"""The JSON API under ``/api/``: one router per area (``routes/``), each calling a service or a shared
data function (:mod:`tipwatch.http`) and answering JSON."""
