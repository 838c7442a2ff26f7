"""Every message a brief from published figures may translate: those marked in the templates and the
report modules (Babel's extractors), and the core's fixed sentences (claim kinds, notes, metric
mappings) that the templates translate by value."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from tipwatch.reply.claims import ClaimKind
from tipwatch.reply.figures import METRICS
from tipwatch.reply.figures_brief import NOTES

REPORTS = Path(__file__).resolve().parents[2] / "src" / "tipwatch" / "reports"


def required_messages() -> set[str]:
    method_map = [
        ("figures_reply.py", "python"),
        ("figures_chart.py", "python"),
        ("templates/reply/figures*.j2", "jinja2"),
    ]
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPORTS),
            method_map=method_map,
            keywords={"_": None, "N_": None, "gettext": None},
            options_map={"templates/reply/figures*.j2": {"extensions": "jinja2.ext.i18n"}},
        )
    }
    found |= {str(kind) for kind in ClaimKind}
    found |= set(NOTES)
    found |= {metric.mapping for metric in METRICS.values()}
    return found
