"""Jurisdictions as the TIP Report ranks them: resolve a name, alias or ISO code to the tier record's
spelling (``resolve("Macao") == Jurisdiction("Macau", "MAC")``)."""

from tipwatch.jurisdictions.names import name_key
from tipwatch.jurisdictions.resolver import Jurisdiction, JurisdictionIndex, resolve

__all__ = ["Jurisdiction", "JurisdictionIndex", "name_key", "resolve"]
