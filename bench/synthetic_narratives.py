"""Realistic synthetic TIP country narratives (seeded) and a many-country report PDF built from them.

Used by ``bench/bench_reader.py`` and by the reader's tests. Each narrative follows the report's
post-2017 layout — heading, summary with the tier sentence, prioritized recommendations, then
PROSECUTION, PROTECTION, PREVENTION and TRAFFICKING PROFILE sections — and returns the facts planted in
it, so a reader of the text can be checked against them.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = [
    "Albania", "Angola", "Argentina", "Bangladesh", "Benin", "Bolivia", "Brazil", "Bulgaria", "Cambodia",
    "Chile", "Djibouti", "Ecuador", "Egypt", "Ethiopia", "Georgia", "Guatemala", "Haiti", "Honduras",
    "India", "Iraq", "Jamaica", "Jordan", "Kazakhstan", "Kosovo", "Lebanon", "Lesotho", "Madagascar",
    "Malawi", "Mali", "Mexico", "Moldova", "Morocco", "Nepal", "Niger", "Oman", "Pakistan", "Panama",
    "Paraguay", "Peru", "Romania", "Rwanda", "Senegal", "Sri Lanka", "Tanzania", "Thailand", "Togo",
    "Tunisia", "Uganda", "Ukraine", "Uruguay", "Vietnam", "Zambia",
]  # fmt: skip
TIERS = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3"}

FILLER = [
    "The government maintained its national action plan and allocated funding to the inter-ministerial committee, which met quarterly during the reporting period.",
    "Observers reported that front-line officials lacked training on victim identification procedures, and coordination among agencies remained weak in rural provinces.",
    "Officials conducted awareness campaigns in schools, on radio, and through social media, reaching communities vulnerable to exploitation in agriculture, fishing, and domestic work.",
    "The labor inspectorate conducted inspections of workplaces in high-risk sectors but did not have authority to inspect private homes where domestic workers were employed.",
    "NGOs continued to provide the majority of shelter and services, often with limited or inconsistent government funding, and reported that services for male victims were scarce.",
    "Corruption and official complicity in trafficking crimes remained significant concerns, inhibiting law enforcement action during the year.",
    "The government continued to operate a hotline staffed by trained personnel, which received calls in several languages and referred potential cases to police.",
    "Traffickers exploit domestic and foreign victims in the country, and traffickers exploit victims from the country abroad, particularly in construction, agriculture, and commercial sex.",
    "Authorities cooperated with foreign governments on several transnational investigations and extradited suspects in accordance with bilateral agreements.",
    "Courts sometimes issued suspended sentences or fines, which did not serve as an adequate deterrent and weakened efforts to hold traffickers accountable.",
    "The law allowed foreign victims to obtain temporary residence permits, but few victims received them in practice because the procedures were lengthy.",
    "Civil society organizations reported that police sometimes treated trafficking victims as criminals and detained them for immigration or prostitution offenses.",
    "Migrant workers, including those from neighboring countries, remained highly vulnerable to debt bondage imposed by recruitment agencies that charged excessive fees.",
    "The government provided in-kind support to NGO shelters, including facilities and security, and seconded social workers to assist victims during court proceedings.",
]
RECOMMENDATIONS = [
    "Increase efforts to investigate, prosecute, and convict traffickers, including complicit officials.",
    "Proactively identify trafficking victims among vulnerable populations, including migrants and individuals in commercial sex.",
    "Train judges and prosecutors on the anti-trafficking law and victim-centered approaches.",
    "Allocate sufficient resources to NGO shelters and specialized services for all victims.",
    "Strengthen the labor inspectorate’s authority to identify forced labor in the informal sector.",
    "Adopt and implement an updated national action plan with dedicated funding.",
]


_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int, hundred_joiner: str = " ") -> str:
    """``n`` in words as the report writes it ("twenty-one", "one hundred five"; with
    ``hundred_joiner=" and "``: "one hundred and five"). Written independently of the reader's own
    number parsing, so that tests can use it as an oracle."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return (
            _ONES[n // 100] + " hundred" + ("" if rest == 0 else hundred_joiner + words(rest, hundred_joiner))
        )
    rest = n % 1000
    return (
        words(n // 1000, hundred_joiner)
        + " thousand"
        + ("" if rest == 0 else " " + words(rest, hundred_joiner))
    )


def _number(rng: random.Random, n: int) -> str:
    return words(n) if n < 100 and rng.random() < 0.4 else f"{n:,}"


@dataclass(frozen=True)
class Synthetic:
    name: str
    year: int
    text: str
    facts: dict[str, object]


def synthetic_narrative(
    rng: random.Random, *, words_target: int = 4000, name: str | None = None, year: int = 2023
) -> Synthetic:
    name = name or rng.choice(COUNTRIES)
    tier = rng.choice(sorted(TIERS))
    movement = rng.choice(["remained on", "was upgraded to", "was downgraded to"])
    counts = {
        f: rng.choice([None, 0, rng.randint(1, 2500)])
        for f in ("investigations", "prosecutions", "convictions", "victims_identified")
    }
    if tier == "1":
        finding = f"The Government of {name} fully meets the minimum standards for the elimination of trafficking. The government continued to demonstrate serious and sustained efforts during the reporting period"
    else:
        efforts = "is not making significant efforts" if tier == "3" else "is making significant efforts"
        finding = f"The Government of {name} does not fully meet the minimum standards for the elimination of trafficking and {efforts} to do so. The government demonstrated some efforts during the reporting period"
    summary = [f"{finding}; therefore {name} {movement} {TIERS[tier]}."]
    phrases = {
        "investigations": ("investigated {n} cases", "did not investigate any trafficking cases"),
        "prosecutions": ("prosecuted {n} suspects", "did not initiate any prosecutions"),
        "convictions": ("convicted {n} traffickers", "did not convict any traffickers"),
        "victims_identified": ("identified {n} victims", "did not identify any victims"),
    }
    for field, value in counts.items():
        if value is None:
            continue
        positive, zero = phrases[field]
        summary.append(
            f"Authorities {positive.format(n=_number(rng, value)) if value else zero} during the reporting period."
        )
    parts = [f"{name.upper()}: {TIERS[tier]}", "", " ".join(summary), "", "PRIORITIZED RECOMMENDATIONS:", ""]
    parts += [f"• {r}" for r in rng.sample(RECOMMENDATIONS, 4)]
    length = sum(len(p.split()) for p in parts)
    for section in ("PROSECUTION", "PROTECTION", "PREVENTION", "TRAFFICKING PROFILE"):
        parts += ["", section, ""]
        paragraph: list[str] = []
        while (
            length
            < words_target
            * (1 + ["PROSECUTION", "PROTECTION", "PREVENTION", "TRAFFICKING PROFILE"].index(section))
            / 4
        ):
            sentence = rng.choice(FILLER)
            if rng.random() < 0.15:
                sentence = f"In {year - 2}, the government reported {rng.randint(2, 90)} cases, compared with {rng.randint(2, 90)} in {year - 3}."
            paragraph.append(sentence)
            length += len(sentence.split())
            if len(paragraph) >= 6:
                parts.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            parts.append(" ".join(paragraph))
    facts: dict[str, object] = {
        "jurisdiction": name,
        "tier": tier,
        "movement": movement.split()[0].replace("remained", "remained"),
        **counts,
    }
    facts["movement"] = {
        "remained on": "remained",
        "was upgraded to": "upgraded",
        "was downgraded to": "downgraded",
    }[movement]
    return Synthetic(name, year, "\n".join(parts) + "\n", facts)


def report_html(narratives: list[Synthetic], year: int) -> str:
    """A report as HTML: a cover page, then each narrative from a new page, paragraphs as <p>."""
    body = [f"<h1>TRAFFICKING IN PERSONS REPORT {year}</h1><p>Introduction to the country narratives.</p>"]
    for item in narratives:
        heading, *rest = item.text.split("\n")
        body.append(f'<section style="page-break-before: always"><h2>{html.escape(heading)}</h2>')
        body += [f"<p>{html.escape(line)}</p>" for line in rest if line.strip()]
        body.append("</section>")
    style = "body { font: 10pt serif; } h2 { font-size: 12pt; } p { margin: 0 0 6pt 0; }"
    return f"<html><head><title>{year} Trafficking in Persons Report</title><style>{style}</style></head><body>{''.join(body)}</body></html>"


def build_report_pdf(path: Path, narratives: list[Synthetic], year: int = 2023) -> Path:
    """Render a many-country report PDF with WeasyPrint (no network: no external resources)."""
    from weasyprint import HTML

    HTML(string=report_html(narratives, year)).write_pdf(str(path))
    return path
