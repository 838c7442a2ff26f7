"""The narrative reader: TIP Report country narratives (text, HTML, PDF) into structured facts, each with
the span of text it came from.

    >>> from tipwatch.reader import read_narrative
    >>> n = read_narrative("CHAD (Tier 2 Watch List)\\n\\nThe Government of Chad does not fully meet the "
    ...     "minimum standards for the elimination of trafficking but is making significant efforts to do so. "
    ...     "Officials investigated no trafficking crimes. Therefore Chad was downgraded to Tier 2 Watch List.")
    >>> n.value("tier"), n.value("movement"), n.value("investigations")
    ('2WL', 'downgraded', 0)
"""

from tipwatch.reader.model import COUNT_FIELDS, SCALAR_FIELDS, Claim, Fact, Narrative, Span
from tipwatch.reader.narrative import read_narrative

__all__ = ["COUNT_FIELDS", "SCALAR_FIELDS", "Claim", "Fact", "Narrative", "Span", "read_narrative"]
