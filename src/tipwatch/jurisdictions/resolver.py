"""Resolve a jurisdiction by name, alias or ISO code to the tier record's own spelling.

Names resolve through the record's spellings, pycountry's names for the same ISO code, and a small alias
table (``aliases.yaml``) for the spellings TIP Reports used (Burma, Macau, "Korea, North"...). Matching
ignores case, accents and punctuation. An unknown name raises :class:`NotFoundError` with the closest
known names as suggestions.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from tipwatch.jurisdictions.names import inverted, name_key
from tipwatch.problems import NotFoundError

ALIASES_FILE = Path(__file__).with_name("aliases.yaml")


@dataclass(frozen=True, slots=True, order=True)
class Jurisdiction:
    """A ranked jurisdiction: the tier record's spelling and its ISO 3166-1 alpha-3 code (``XKX`` for
    Kosovo, ``ANT`` for the former Netherlands Antilles, ``SCG`` for Serbia and Montenegro, ranked as one
    entity in the 2003-2006 reports)."""

    name: str
    iso3: str

    def __str__(self) -> str:
        return f"{self.name} ({self.iso3})"


@cache
def alias_table() -> dict[str, tuple[str, ...]]:
    """ISO code -> alias spellings, from ``aliases.yaml``."""
    import yaml

    data = yaml.load(
        ALIASES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return {str(code): tuple(str(name) for name in names) for code, names in data.items()}


def pycountry_names(iso3: str) -> list[str]:
    """Every name and code pycountry gives for an alpha-3 code (current or withdrawn)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    if country is None:
        return []
    names = [country.alpha_3, country.alpha_2, country.name]
    names += [getattr(country, attr) for attr in ("official_name", "common_name") if hasattr(country, attr)]
    return names


class JurisdictionIndex:
    """Lookup over a fixed set of jurisdictions (normally those of the tier record)."""

    def __init__(self, jurisdictions: Iterable[Jurisdiction]) -> None:
        self.jurisdictions = tuple(sorted(set(jurisdictions)))
        # The record's own spellings always win over an alias of another jurisdiction, so a name as the
        # record spells it resolves without the alias table and pycountry (what `tipwatch history
        # Macau` needs to start fast); everything else goes through the full table.
        self._own = {name_key(j.name): j for j in self.jurisdictions}

    @cached_property
    def _by_key(self) -> dict[str, Jurisdiction]:
        by_key: dict[str, Jurisdiction] = {}
        aliases = alias_table()
        for jurisdiction in self.jurisdictions:
            spellings = [jurisdiction.name, jurisdiction.iso3, *aliases.get(jurisdiction.iso3, ())]
            spellings += pycountry_names(jurisdiction.iso3)
            for spelling in [*spellings, *filter(None, map(inverted, spellings))]:
                by_key.setdefault(name_key(spelling), jurisdiction)
        return by_key | self._own

    @cached_property
    def _by_compact(self) -> dict[str, Jurisdiction]:
        return {key.replace(" ", ""): found for key, found in reversed(self._by_key.items())}

    def find(self, text: str) -> Jurisdiction | None:
        key = name_key(text)
        return self._own.get(key) or self._by_key.get(key) or self._by_compact.get(key.replace(" ", ""))

    def resolve(self, text: str) -> Jurisdiction:
        found = self.find(text)
        if found is not None:
            return found
        raise NotFoundError(
            f"no jurisdiction {text!r} in the tier record; give a name as the TIP Report spells it, "
            "a common alias or an ISO 3166-1 code.",
            self.suggestions(text),
        )

    def suggestions(self, text: str, limit: int = 5) -> list[str]:
        key = name_key(text)
        close = difflib.get_close_matches(key, list(self._by_key), n=limit * 3, cutoff=0.6)
        if len(key) >= 3:
            close += [k for k in self._by_key if k.startswith(key) or (len(key) >= 4 and key in k)]
        names: list[str] = []
        for match in close:
            name = self._by_key[match].name
            if name not in names:
                names.append(name)
        return names[:limit]


def bundled_jurisdictions() -> list[Jurisdiction]:
    """Every jurisdiction (name and ISO code) in the tier data bundled with tipwatch, read from its name
    and code columns alone: this package knows names and codes, never the tier record itself."""
    resource = resources.files("tipwatch") / "data" / "tiers" / "tip_tiers.csv"
    rows = csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8")))
    return sorted({Jurisdiction(row["jurisdiction"].strip(), row["iso3"].strip()) for row in rows})


@cache
def _bundled_index() -> JurisdictionIndex:
    return JurisdictionIndex(bundled_jurisdictions())


def resolve(name: str, index: JurisdictionIndex | None = None) -> Jurisdiction:
    """The jurisdiction a name, alias or ISO code (alpha-2 or alpha-3) stands for.

    ``resolve("macao") == resolve("MAC") == resolve("Macau") == Jurisdiction("Macau", "MAC")``.
    Raises :class:`NotFoundError` with suggestions when nothing matches.
    """
    return (index or _bundled_index()).resolve(name)
