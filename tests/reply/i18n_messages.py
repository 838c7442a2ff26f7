"""Every message the shipped catalogues must translate: those Babel's extractors find where
``src/tipwatch/reports/locale/babel.cfg`` says (the brief from published figures and its chart, the
plenary review, the dashboard's pages and templates), and the core's fixed words that templates
translate by value (claim kinds, notes, metric mappings; the review's sections, finding kinds and action
statuses; roles). The review's statistic labels are checked on a rendered review
(tests/review/test_review_i18n.py)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from tipwatch.accounts import Role
from tipwatch.registry.vocabulary import ActionStatus
from tipwatch.reply.claims import ClaimKind
from tipwatch.reply.figures import METRICS
from tipwatch.reply.figures_brief import NOTES
from tipwatch.review.findings import FindingKind
from tipwatch.review.statistic_rows import SECTIONS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tipwatch"
MAPPING = PACKAGE / "reports" / "locale" / "babel.cfg"


def extracted_messages() -> set[str]:
    """The messages marked in the sources babel.cfg names (as ``pybabel extract -F babel.cfg -k N_``)."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))
    return {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE),
            method_map=method_map,
            options_map=options_map,
            keywords={"_": None, "N_": None, "gettext": None},
        )
    }


def required_messages() -> set[str]:
    found = extracted_messages()
    found |= {str(kind) for kind in ClaimKind}
    found |= set(NOTES)
    found |= {metric.mapping for metric in METRICS.values()}
    found |= set(SECTIONS.values()) | {str(k) for k in FindingKind} | {str(s) for s in ActionStatus}
    found |= {str(role) for role in Role}
    return found
