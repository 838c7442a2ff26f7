from __future__ import annotations

import pytest

from tipwatch.jurisdictions import Jurisdiction, JurisdictionIndex, name_key, resolve
from tipwatch.problems import NotFoundError


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        ("Macau", "Macau", "MAC"),
        ("Macao", "Macau", "MAC"),
        ("MACAO", "Macau", "MAC"),
        ("mac", "Macau", "MAC"),
        ("MO", "Macau", "MAC"),
        ("Burma", "Burma", "MMR"),
        ("Myanmar", "Burma", "MMR"),
        ("Cote d'Ivoire", "Côte d'Ivoire", "CIV"),
        ("côte d’ivoire", "Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "Côte d'Ivoire", "CIV"),
        ("Curacao", "Curaçao", "CUW"),
        ("Kosovo", "Kosovo", "XKX"),
        ("XKX", "Kosovo", "XKX"),
        ("Taiwan", "Taiwan", "TWN"),
        ("Korea, North", "Korea, North", "PRK"),
        ("North Korea", "Korea, North", "PRK"),
        ("Democratic People's Republic of Korea", "Korea, North", "PRK"),
        ("South Korea", "Korea, South", "KOR"),
        ("Republic of Korea", "Korea, South", "KOR"),
        ("Turkey", "Türkiye", "TUR"),
        ("turkiye", "Türkiye", "TUR"),
        ("Swaziland", "Eswatini", "SWZ"),
        ("Macedonia", "North Macedonia", "MKD"),
        ("St. Maarten", "Sint Maarten", "SXM"),
        ("Republic of the Congo", "Congo, Republic of the", "COG"),
        ("DRC", "Congo, Democratic Republic of the", "COD"),
        ("Bahamas", "The Bahamas", "BHS"),
        ("the gambia", "The Gambia", "GMB"),
        ("Hong Kong", "Hong Kong", "HKG"),
        ("Hong Kong Special Administrative Region", "Hong Kong", "HKG"),
        ("Macao Special Administrative Region", "Macau", "MAC"),
        ("Netherlands Antilles", "Netherlands Antilles", "ANT"),
        ("philippines", "Philippines", "PHL"),
        ("PHL", "Philippines", "PHL"),
    ],
)
def test_resolves_names_aliases_and_codes(text: str, name: str, iso3: str) -> None:
    assert resolve(text) == Jurisdiction(name, iso3)


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve("Phillipines")
    assert caught.value.suggestions[0] == "Philippines"
    assert "Phillipines" in str(caught.value)


def test_unranked_country_is_not_found() -> None:
    with pytest.raises(NotFoundError):
        resolve("Monaco")


def test_index_over_its_own_set() -> None:
    index = JurisdictionIndex([Jurisdiction("Macau", "MAC")])
    assert index.resolve("Macao").name == "Macau"
    with pytest.raises(NotFoundError):
        index.resolve("Burma")


def test_name_key_ignores_case_accents_punctuation_and_leading_the() -> None:
    assert name_key("Côte d’Ivoire") == name_key("COTE D'IVOIRE") == "cote d ivoire"
    assert name_key("The Gambia") == "gambia"
    assert name_key("St. Kitts & Nevis") == "st kitts and nevis"


def test_the_bundled_names_and_codes_are_the_tier_records_own() -> None:
    from tipwatch.history.loader import load_bundled_record
    from tipwatch.jurisdictions.resolver import bundled_jurisdictions

    assert bundled_jurisdictions() == load_bundled_record().jurisdictions()
