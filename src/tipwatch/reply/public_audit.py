"""A public reply brief as the cross-output audit sees it
(:mod:`tipwatch.disclosure.cross_audit`): the released cells it draws on and what each of its figures
says about them. Its verdicts are decided by those figures alone, so they say nothing more."""

from __future__ import annotations

from tipwatch.disclosure.audit import SumBound
from tipwatch.disclosure.cross_audit import Artefact, window_sums
from tipwatch.disclosure.published import Bounds
from tipwatch.reply.brief import ReplyBrief, Window
from tipwatch.reply.claims import REASSESSED


def brief_artefact(brief: ReplyBrief, name: str = "reply brief") -> Artefact:
    """The cells and window figures of a public brief (an internal brief is not for the public)."""
    disclosure = brief.disclosure
    if not disclosure.public or disclosure.published is None:
        raise ValueError("only a public brief drawn from released periods is a public artefact")
    published = disclosure.published
    values: dict[str, int | str] = {}
    sums: list[SumBound] = []
    windows = [(f.measure, f.window) for check in brief.checks for f in check.figures]
    if brief.reassessment is not None:  # the reassessment shows the period's and the previous one's
        windows += [
            (m, Window.period(y)) for m in REASSESSED for y in (brief.report_year - 1, brief.report_year)
        ]
    for measure, window in windows:
        path = measure.statistic_path
        touched = [p for p in published.periods if p.start <= window.end and window.start <= p.end]
        for period in touched:
            value = period.values.get(path)
            values[f"{period.name}:{path}"] = ".." if value is None else value
        bounds: Bounds = published.bounds(path, window.start, window.end)
        inside = [(p.name, window.start <= p.start and p.end <= window.end) for p in touched]
        sums += [s for s in window_sums(inside, path, bounds.lower, bounds.upper) if s not in sums]
    return Artefact(name, values, (), tuple(sums))
