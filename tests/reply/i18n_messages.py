"""Every message the shipped catalogues must translate: those marked in the templates and the report
modules of the brief from published figures and of the plenary review (Babel's extractors), and the
core's fixed words that the templates translate by value (claim kinds, notes, metric mappings; the
review's sections, finding kinds and action statuses)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from tipwatch.registry.vocabulary import ActionStatus
from tipwatch.reply.claims import ClaimKind
from tipwatch.reply.figures import METRICS
from tipwatch.reply.figures_brief import NOTES
from tipwatch.review.findings import FindingKind
from tipwatch.review.statistic_rows import SECTIONS

REPORTS = Path(__file__).resolve().parents[2] / "src" / "tipwatch" / "reports"


def required_messages() -> set[str]:
    method_map = [
        ("figures_reply.py", "python"),
        ("figures_chart.py", "python"),
        ("review.py", "python"),
        ("review_text.py", "python"),
        ("templates/reply/figures*.j2", "jinja2"),
        ("templates/review.*.j2", "jinja2"),
    ]
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(REPORTS),
            method_map=method_map,
            keywords={"_": None, "N_": None, "gettext": None},
            options_map={
                "templates/reply/figures*.j2": {"extensions": "jinja2.ext.i18n"},
                "templates/review.*.j2": {"extensions": "jinja2.ext.i18n"},
            },
        )
    }
    found |= {str(kind) for kind in ClaimKind}
    found |= set(NOTES)
    found |= {metric.mapping for metric in METRICS.values()}
    found |= set(SECTIONS.values()) | {str(k) for k in FindingKind} | {str(s) for s in ActionStatus}
    return found
