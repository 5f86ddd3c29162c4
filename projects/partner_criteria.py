"""Exit criteria on partners and funding, set by head office on a stage (Stages in the admin):
"at least N partners committed" and "at least X % of the budget secured"."""

from django.utils.translation import gettext as _

from . import exit_criteria, partners


@exit_criteria.register
def partners_and_funding(project, **known):
    stage = project.stage
    criteria = []
    if stage.min_partners_committed:
        committed = partners.committed_count(project, store=known.get("shared"))
        criteria.append(
            exit_criteria.Criterion(
                label=_(
                    "At least %(needed)s partners committed or with a signed agreement "
                    "(%(count)s so far)"
                )
                % {"needed": stage.min_partners_committed, "count": committed},
                met=committed >= stage.min_partners_committed,
                kind="partners",
            )
        )
    if stage.min_budget_secured_percent:
        figures = partners.funding(project, store=known.get("shared"))
        criteria.append(
            exit_criteria.Criterion(
                label=_("At least %(needed)s %% of the budget secured (%(percent)s %% so far)")
                % {"needed": stage.min_budget_secured_percent, "percent": figures.secured_percent},
                met=bool(figures.budget)
                and figures.secured * 100 >= stage.min_budget_secured_percent * figures.budget,
                kind="funding",
            )
        )
    return criteria
