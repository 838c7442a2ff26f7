"""A commented evidence template for one jurisdiction and report year (``tipwatch evidence new``).

Every fact starts unknown (``null``); fill in what a source states, with the source. The template is
itself a valid evidence file.
"""

from __future__ import annotations

import json

from tipwatch.evidence.vocabulary import ReportingPeriod

_TEMPLATE = """\
# tipwatch evidence: {jurisdiction}, {report_year} TIP Report
# Reporting period: {start} .. {end} (April 1 - March 31, 22 U.S.C. 7107(b)(1)).
#
# Every fact is unknown (null) until a source states it; unknown is not zero. Write a fact as a bare
# value (`convictions: 3`) or with its source:
#   convictions:
#     value: 3
#     source: {{document: "2024 TIP Report", url: "https://...", page: "12", date: 2024-06-24,
#              quote: "the sentence that states it, copied exactly"}}
# Use `at_least: N` when the source gives no exact number ("convicted traffickers" = at least 1).
# Counts by form of trafficking take `sex`, `labour`, `unspecified` and/or `total`.
# `tipwatch evidence schema` prints the full JSON Schema.
format: 1
jurisdiction: {jurisdiction_json}
report_year: {report_year}
sources: []            # documents the evidence is drawn from
# Earlier placements (for the Watch List rules of 7107(b)(2)(D)-(F)); `waiver: true` if the automatic
# downgrade was waived that year; `tier_3_on_merits: true` for a Tier 3 the report made on the merits.
prior_placements: []   # e.g. - {{report_year: {previous_year}, tier: "2WL"}}

legal_framework:       # 7106(a)(1)-(3)
  law: null                                 # e.g. "Law 6/2008"
  sex_trafficking_criminalized: null        # true / false
  labour_trafficking_criminalized: null
  child_sex_trafficking_without_force: null # no force, fraud or coercion required for children
  penalty_min_years: null
  penalty_max_years: null
  fines_alone_allowed: null                 # a fine may replace imprisonment
  commensurate_with_grave_crimes: null      # penalties match those for rape (7106(a)(2))

prosecution:           # 7106(b)(1), (b)(7)
  investigations: null                      # e.g. {{sex: 1, labour: 2}}
  prosecutions: null
  convictions: null
  sentences:
    prison: null                            # convicted traffickers sentenced to prison
    significant_prison_terms: null
    suspended_or_fined_only: null
  trafficking_law_used: null                # prosecuted under the anti-trafficking law itself
  data_provided: null                       # false: the government did not provide data when asked
  complicity_cases: []                      # - {{description: "...", outcome: convicted}}
  complicity_unaddressed: null              # public allegations of official complicity not addressed

protection:            # 7106(b)(2)
  victims_identified: null                  # e.g. {{sex: 3, labour: 0}}
  victims_referred: null
  victims_served: null
  proactive_screening: null
  screened_groups: []                       # e.g. [migrant workers, persons in commercial sex]
  shelters: null
  victim_services_funded: null
  funding: null                             # e.g. {{value: 5500000, currency: MOP}}
  victims_penalized: null                   # victims penalized for crimes traffickers compelled
  legal_alternatives_to_removal: null
  identification_training: null             # officials trained to identify and treat victims

prevention:            # 7106(b)(3), (b)(6), (b)(10), (b)(12)
  coordinating_body: null
  coordinating_body_meetings_per_year: null
  national_action_plan: null
  awareness_campaigns: null
  labour_recruitment_rules: null
  demand_reduction: null
  public_self_assessment: null              # publishes a periodic assessment of its own efforts
  migration_monitoring: null
  funding_increased: null

partnership:           # 7106(b)(4), (b)(5), (b)(9)
  international_cooperation: null
  extradition: null
  civil_society_partnerships: null
  us_partnership: null

# A government policy or pattern of trafficking (7107(b)(3)(B)); kinds: trafficking,
# government-funded-programs, forced-labour-government-sectors, sexual-slavery-government-camps,
# child-soldiers.
policy_or_pattern:
  present: null
  items: []                                 # - {{kind: child-soldiers, description: "..."}}

victim_estimate:       # 7107(b)(2)(A)(iii)(I)
  number: null
  very_significant: null
  trend: null                               # increasing / stable / decreasing

previous_period:       # figures of the previous reporting period, for "increasing efforts"
  investigations: null
  prosecutions: null
  convictions: null
  victims_identified: null
  victims_served: null
  compared: []         # directions stated without both figures: items with measure (e.g.
                       # convictions), direction (rose / fell / same) and source ("convicting more traffickers")

watch_list_waiver:     # 7107(b)(2)(D)(ii)(I)-(III)
  written_plan: null
  plan_would_be_significant: null
  sufficient_resources: null

concrete_actions: []   # other concrete actions in the period (7102(5)): - {{description: "..."}}
commitments: []        # commitments to future steps: never counted as concrete actions since 2019
non_citizen_victim_share: null              # 0.0 - 1.0 (7106(b)(8))
notes: null
"""


def evidence_template(jurisdiction: str, report_year: int) -> str:
    """The commented template text."""
    period = ReportingPeriod(report_year)
    return _TEMPLATE.format(
        jurisdiction=jurisdiction,
        jurisdiction_json=json.dumps(jurisdiction, ensure_ascii=False),
        report_year=report_year,
        previous_year=report_year - 1,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )
