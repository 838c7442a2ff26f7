"""The plenary review's own words in English, Traditional Chinese or Portuguese (the catalogues of
:mod:`.i18n`): headings, table heads, statistic labels, chart labels and the fixed sentences, with
numbers and dates formatted per locale (English keeps ISO dates). The findings are the review engine's
sentences and stay in English; names, recommendations and actions stay as recorded, and every value
from data is still escaped by the HTML template.
"""

from __future__ import annotations

import base64
import gettext
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date, format_interval
from babel.numbers import format_decimal
from jinja2 import Environment
from markupsafe import Markup

from tipwatch.evidence.periods import Period
from tipwatch.reports.i18n import N_, locale_of, translations
from tipwatch.reports.languages import Language
from tipwatch.review.statistic_rows import Value

if TYPE_CHECKING:
    from tipwatch.reports.review import ReviewDocument

WORDS = (
    N_("concern"),
    N_("progress"),
    N_("note"),
    N_("internal"),
    N_("public"),
    N_("open"),
    N_("in_progress"),
    N_("done"),
    N_("dropped"),
)
"""Finding kinds, audiences and action-item statuses, translated by value."""
LANGUAGE_NOTE = N_(
    "The review's headings, labels and figures are translated; the findings are stated in English, the "
    "language of the review engine, and recommendations, actions and names stay as recorded."
)
DISCLOSURE = N_(
    'Disclosure control: counts from 1 to %(last)s are shown as "<%(k)s"; "x" marks a count of at least '
    '%(k)s withheld so that no small count can be worked out from totals or other tables; ".." marks a '
    "table withheld whole. Zeros are shown."
)


class ReviewWords:
    """How one language writes the review's words, numbers and dates."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.catalogue: gettext.NullTranslations = translations(language)
        self.gettext: Callable[[str], str] = self.catalogue.gettext

    def tr(self, text: object) -> str:
        return self.gettext(str(text)) if text else ""

    def number(self, value: float) -> str:
        return format_decimal(value, locale=locale_of(self.language))

    def show(self, value: Value) -> str:
        """A count, a suppression marker as it is, or "unknown"."""
        if value is None:
            return self.gettext("unknown")
        return self.number(value) if isinstance(value, int) else str(value)

    def signed(self, value: int | None) -> str:
        if value is None:
            return ""
        return ("+" if value >= 0 else "") + self.number(value)

    def day(self, day: date | str) -> str:
        """A day (or its ISO form), ISO in English, per locale otherwise."""
        if isinstance(day, str):
            day = date.fromisoformat(day)
        if self.language is Language.EN:
            return day.isoformat()
        return format_date(day, format="medium", locale=locale_of(self.language))

    def period(self, period: str, label: str) -> str:
        """``2024-05 (2024-05-01 .. 2024-05-31)``, its dates per locale outside English."""
        if self.language is Language.EN:
            return label
        parsed = Period.parse(period)
        span = format_interval(parsed.start, parsed.end, "yMMMd", locale=locale_of(self.language))
        return f"{period} ({span})"

    def days(self, days: float | None) -> str:
        if days is None:
            return self.gettext("not available")
        return self.gettext("%(days)s days") % {"days": self.number(days)}

    def page_counter(self) -> Markup:
        """The CSS ``content`` of the page footer: "Page " counter(page) " of " counter(pages)."""
        text = self.gettext("Page %(page)s of %(pages)s").replace('"', "'")
        return Markup('"{}"').format(
            Markup(text % {"page": '" counter(page) "', "pages": '" counter(pages) "'})
        )


def install(environment: Environment, words: ReviewWords) -> None:
    """The template's ``_`` and its filters, in the words' language."""
    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_translations(words.catalogue, newstyle=True)  # type: ignore[attr-defined]
    environment.filters["tr"] = words.tr
    environment.filters["show"] = words.show
    environment.filters["signed"] = words.signed
    environment.filters["day"] = words.day
    environment.filters["data_uri"] = lambda svg: (
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    )


def fixed_texts(words: ReviewWords, doc: ReviewDocument) -> dict[str, object]:
    """The sentences of the review the template shows whole (computed here, escaped by the template)."""
    _ = words.gettext
    items = {"open": words.number(doc.open_items), "overdue": words.number(doc.overdue_items)}
    delay = {"median": words.days(doc.delay_median_days), "p90": words.days(doc.delay_p90_days)}
    return {
        "lang": str(words.language),
        "page_counter": words.page_counter(),
        "period_text": words.period(doc.period, doc.period_label),
        "language_note": "" if words.language is Language.EN else _(LANGUAGE_NOTE),
        "items_text": _("%(open)s open action items, %(overdue)s overdue at the end of the period.") % items,
        "delay_text": _("Median: %(median)s; 90th percentile: %(p90)s.") % delay,
        "disclosure_text": _(DISCLOSURE) % {"k": doc.k, "last": doc.k - 1} if doc.k else "",
    }
