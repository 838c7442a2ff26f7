"""Rules as code: the TVPA minimum standards and tier placement, with findings that show their work.

``assess(evidence)`` evaluates the standards of 22 U.S.C. 7106, places the tier under 7107 and returns
an :class:`Assessment` with every finding and the ordered trace; ``what_if`` lists the smallest changes
of evidence that would move the placement.
"""

from tipwatch.assess.engine import assess
from tipwatch.assess.policy import DEFAULT_POLICY, Policy, load_policy
from tipwatch.assess.result import Assessment, EvidenceCitation, Finding, Status, TraceStep
from tipwatch.assess.what_if import Change, Option, WhatIf, what_if

__all__ = [
    "DEFAULT_POLICY",
    "Assessment",
    "Change",
    "EvidenceCitation",
    "Finding",
    "Option",
    "Policy",
    "Status",
    "TraceStep",
    "WhatIf",
    "assess",
    "load_policy",
    "what_if",
]
