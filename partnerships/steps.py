"""The guide's six steps and how complete each is, computed from the partnership's records.

Each app registers an evaluator for its step with `@register(number)` in its own `steps.py`
(autodiscovered). A step without an evaluator is shown as not started: its records are not
built yet. Every evaluator returns the checks it ran, so the rule is shown with the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Partnership


@dataclass(frozen=True)
class Check:
    label: str | Promise
    passed: bool
    action: str | Promise = ""
    action_url: str = ""


@dataclass
class StepStatus:
    number: int
    title: str | Promise
    guidance: str | Promise
    built: bool
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for check in self.checks if check.passed)

    @property
    def percent(self) -> int:
        return round(100 * self.passed / len(self.checks)) if self.checks else 0

    @property
    def state(self) -> str:
        if not self.built or self.passed == 0:
            return "not_started"
        return "complete" if self.passed == len(self.checks) else "in_progress"

    @property
    def state_label(self) -> str | Promise:
        return {
            "not_started": _("Not started"),
            "in_progress": _("In progress"),
            "complete": _("Complete"),
        }[self.state]

    @property
    def next_check(self) -> Check | None:
        return next((check for check in self.checks if not check.passed), None)


STEPS: dict[int, tuple[str | Promise, str | Promise]] = {
    1: (
        _("Identify the right partner"),
        _(
            "Find the public unit that is legally responsible for the problem and the actor whose "
            "method reaches the target group. Register both as parties."
        ),
    ),
    2: (
        _("Build trust"),
        _(
            "Let each party say what it wants, brings and needs, agree on the words you use, and "
            "keep notes of the meetings where you get to know each other."
        ),
    ),
    3: (
        _("Set shared goals"),
        _(
            "Describe the problem and the target group together, and draw the chain from "
            "activities to long-term change, with goals that can be measured."
        ),
    ),
    4: (
        _("Define roles"),
        _(
            "Write the collaboration plan: who does what, who is accountable, how often you meet "
            "and how disagreements are handled."
        ),
    ),
    5: (
        _("Discuss financing"),
        _(
            "Price the solution, choose a financing form and prepare the decision memo "
            "(tjänsteutlåtande) for the committee."
        ),
    ),
    6: (
        _("Evaluate and adapt"),
        _(
            "Measure, check in regularly and improve in Plan–Do–Check–Act cycles; revisit the "
            "shared picture when the world changes."
        ),
    ),
}

Evaluator = Callable[["Partnership"], list[Check]]
# Several topics may contribute checks to one step (step 1: parties, the organisation chart,
# candidates, contacts): their checks are shown in the order they registered, by `order`.
_EVALUATORS: dict[int, list[tuple[int, Evaluator]]] = {}
_discovered = False


def register(number: int, order: int = 0) -> Callable[[Evaluator], Evaluator]:
    def decorator(function: Evaluator) -> Evaluator:
        contributors = _EVALUATORS.setdefault(number, [])
        if function not in [existing for _, existing in contributors]:
            contributors.append((order, function))
            contributors.sort(key=lambda item: item[0])
        return function

    return decorator


def evaluate_steps(partnership: Partnership) -> list[StepStatus]:
    """All six steps with their checks for this partnership."""
    global _discovered
    if not _discovered:
        autodiscover_modules("steps")
        _discovered = True
    statuses = []
    for number, (title, guidance) in STEPS.items():
        contributors = _EVALUATORS.get(number, [])
        checks = [check for _, evaluator in contributors for check in evaluator(partnership)]
        statuses.append(StepStatus(number, title, guidance, bool(contributors), checks))
    return statuses


def suggested_next(statuses: list[StepStatus]) -> tuple[StepStatus, Check] | None:
    """The first built step with something left to do, and what to do.

    When every built step is complete, the step after the last of them, even if Samverkan
    has no records for it yet: its guidance says what to do (after step 3, define roles).
    """
    for status in statuses:
        if status.built and status.next_check is not None:
            return status, status.next_check
    last_done = max((status.number for status in statuses if status.built), default=0)
    following = next((status for status in statuses if status.number > last_done), None)
    if following is None:
        return None
    if following.built:  # pragma: no cover - every built step is complete by now
        return None
    return following, Check(following.guidance, False, following.guidance)


@register(1)
def identify_partner(partnership: Partnership) -> list[Check]:
    from .models import Party

    parties = list(partnership.parties.all())  # the overview prefetches them
    parts = {party.part for party in parties}
    # The register holds Sweden's municipalities; a partnership abroad (Liepāja) names its
    # municipality as the lead party, an organisation registered outside Sweden.
    named = partnership.municipality_id is not None or any(
        party.part == Party.Part.LEAD_MUNICIPALITY and party.organisation.foreign_registration
        for party in parties
    )
    parties_url = reverse("partnerships:parties", kwargs={"key": partnership.key})
    edit_url = reverse("partnerships:edit", kwargs={"key": partnership.key})
    return [
        Check(
            _("The partnership names the municipality it works in"),
            named,
            _("Choose the municipality"),
            edit_url,
        ),
        Check(
            _("A lead municipality (the legally responsible unit) is a party"),
            Party.Part.LEAD_MUNICIPALITY in parts,
            _("Add the lead municipality as a party"),
            parties_url,
        ),
        Check(
            _("A social entrepreneur is a party"),
            Party.Part.SOCIAL_ENTREPRENEUR in parts,
            _("Add the social entrepreneur as a party"),
            parties_url,
        ),
    ]


# Topic packages of this app contribute their own checks (steps 1, 2 and 4); importing them
# here registers them, as autodiscovery does for other apps' `steps.py`.
def _register_topics() -> None:
    from importlib import import_module
    from importlib.util import find_spec

    for topic in ("orgchart", "contacts", "candidates", "trust", "meetings", "plan"):
        name = f"partnerships.{topic}.steps"
        if find_spec(f"partnerships.{topic}") is not None and find_spec(name) is not None:
            import_module(name)


_register_topics()
