"""The assessment rubric as a versioned YAML file: scores, weights and thresholds that the statute leaves
to judgment. The default is ``policies/rubric-2026.yaml``; users pass their own with ``--policy``.

A rubric whose meaning changes gets a new file and id; the old one stays as it was (``rubric-2024``
still scores the mere absence of complicity allegations as met), so an assessment's ``policy_version``
always names the arithmetic that produced it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tipwatch.datafile import read_data_file, validation_problems
from tipwatch.problems import InputError

DEFAULT_POLICY = Path(__file__).with_name("policies") / "rubric-2026.yaml"
_STATUSES = frozenset({"met", "partly-met", "not-met", "unknown"})
_CRITERIA = frozenset(f"7106(b)({n})" for n in range(1, 13))
_RULES = _CRITERIA | {f"7106(a)({n})" for n in range(1, 5)} | {"7107(b)(3)(B)"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignificantEfforts(_Strict):
    min_score: float = Field(ge=0)
    min_criteria_with_effort: int = Field(ge=0)
    points_per_commitment: float = Field(ge=0)
    max_commitment_points: float = Field(ge=0)
    points_per_other_action: float = Field(ge=0)
    max_other_action_points: float = Field(ge=0)
    effort_under_any_of: list[str] = Field(
        default_factory=list,
        description="Criteria of which at least one must show effort (met or partly met); empty: none required.",
    )


class FullyMeets(_Strict):
    required_standards: list[str]
    required_criteria: list[str]
    allow_not_met: int = Field(ge=0)


class Thresholds(_Strict):
    deterrent_max_penalty_years: float = Field(ge=0)
    insignificant_non_citizen_share: float = Field(ge=0, le=1)
    prevention_measures_for_met: int = Field(ge=1)


class IncreasingEfforts(_Strict):
    measures: list[str] = Field(min_length=1)
    min_net_increase: int = Field(ge=1)


class ActionsRequired(_Strict):
    """What counts as effort at all (since ``rubric-2026``): a criterion of 7106(b) is met or partly met
    only on a concrete action recorded in the period (7107(b)(1)(A)-(B), 7102(5)), and progress over the
    previous year (7106(b)(11)) is appreciable only above a single case."""

    met_needs_recorded_action: bool
    absence_of_allegations_is_action: bool
    progress_min_cases: int = Field(ge=1)


class Policy(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    version: int = Field(ge=1)
    note: str
    scores: dict[str, float]
    weights: dict[str, float]
    significant_efforts: SignificantEfforts
    fully_meets: FullyMeets
    thresholds: Thresholds
    increasing_efforts: IncreasingEfforts
    actions_required: ActionsRequired | None = Field(
        default=None,
        description="Absent in rubric-2024: there, absence of allegations scores as met and any rise is progress.",
    )
    recommendations: dict[str, str]

    @model_validator(mode="after")
    def _known_rules(self) -> Policy:
        unknown = [
            f"{where} {key!r}"
            for where, keys, allowed in (
                ("scores:", self.scores, _STATUSES),
                ("weights:", self.weights, _CRITERIA),
                (
                    "fully_meets:",
                    [*self.fully_meets.required_standards, *self.fully_meets.required_criteria],
                    _RULES,
                ),
                ("recommendations:", self.recommendations, _RULES),
                (
                    "significant_efforts.effort_under_any_of:",
                    self.significant_efforts.effort_under_any_of,
                    _CRITERIA,
                ),
            )
            for key in keys
            if key not in allowed
        ]
        if unknown:
            raise ValueError(
                f"unknown key(s): {', '.join(unknown)}; scores take {', '.join(sorted(_STATUSES))}, rules are "
                "written like '7106(b)(1)' (7106(a)(1)-(4), 7106(b)(1)-(12), 7107(b)(3)(B))"
            )
        return self

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"

    def score_of(self, status: str) -> float:
        return self.scores.get(status, 0.0)


def load_policy(path: Path | str | None = None) -> Policy:
    """Read a rubric file; raise :class:`InputError` naming every problem with its line."""
    if path is None:
        return _default()
    path = Path(path)
    data, index = read_data_file(path)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, str(path), index)
        raise InputError(f"{path}: {len(problems)} problem(s) in the policy", problems) from exc


@cache
def _default() -> Policy:
    return load_policy(DEFAULT_POLICY)
