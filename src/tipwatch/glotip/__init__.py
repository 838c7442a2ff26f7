"""UNODC GLOTIP country statistics: parsing (with "<5" as a suppressed value in 1..4) and a
jurisdiction's figures by year beside its tiers."""

from tipwatch.glotip.parser import GlotipFigure, load_bundled_glotip, load_glotip_file, parse_glotip_csv
from tipwatch.glotip.stats import YearStats, country_stats
from tipwatch.glotip.values import Count, parse_count

__all__ = [
    "Count",
    "GlotipFigure",
    "YearStats",
    "country_stats",
    "load_bundled_glotip",
    "load_glotip_file",
    "parse_count",
    "parse_glotip_csv",
]
