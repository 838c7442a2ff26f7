"""The ordered trace of an assessment: each step names its rule, the facts used and the result."""

from __future__ import annotations

from typing import Any

from tipwatch.assess.result import Finding, TraceStep


class Tracer:
    """Collects trace steps and findings in the order the engine takes them."""

    def __init__(self) -> None:
        self.steps: list[TraceStep] = []
        self.findings: list[Finding] = []

    def step(self, rule: str, question: str, result: str, **inputs: Any) -> None:
        self.steps.append(
            TraceStep(
                step=len(self.steps) + 1,
                rule=rule,
                subsection=f"22 U.S.C. {rule}",
                question=question,
                inputs=inputs,
                result=result,
            )
        )

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)
