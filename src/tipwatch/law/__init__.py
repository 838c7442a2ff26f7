"""The law as data: dated versions of the tier rules of 22 U.S.C. 7107, each value citing its subsection.

Used by the assessment engine and by the Watch List audit of the tier record alike, so that the rules are
written once. ``law_for_report_year(2019)`` gives the version in force for that report.
"""

from tipwatch.law.versions import (
    Act,
    Cited,
    LawParameters,
    LawVersion,
    check_report_year,
    law_for_report_year,
    law_version,
    load_law_versions,
)

__all__ = [
    "Act",
    "Cited",
    "LawParameters",
    "LawVersion",
    "check_report_year",
    "law_for_report_year",
    "law_version",
    "load_law_versions",
]
