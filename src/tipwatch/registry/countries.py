"""Country codes the registry accepts: ISO 3166-1 alpha-2 (HTCDS ``prs_Citizenship``), plus XK (Kosovo),
which IOM's data uses, and the HTCDS country names for exchange files."""

from __future__ import annotations

import pycountry

COUNTRY_NAMES: dict[str, str] = {country.alpha_2: country.name for country in pycountry.countries}
COUNTRY_NAMES["XK"] = "Kosovo"
COUNTRY_CODES = frozenset(COUNTRY_NAMES)
CODES_BY_NAME: dict[str, str] = {name.casefold(): code for code, name in COUNTRY_NAMES.items()}
