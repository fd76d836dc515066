"""The municipality's portfolio: partnerships whose external money ends soon without a decision.

A row is an external project funding (ESF+, Vinnova, Allmänna arvsfonden, other) that is
decided or active and whose period ends today or within `WINDOW_MONTHS` months, in a
partnership the user is a member of (nobody sees a partnership they are not a member of),
whose tjänsteutlåtande has no decision that carries it: the latest committee decision on a
version of the memo is missing, or it rejected the proposal or sent it back. Two queries,
whatever the number of partnerships.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from partnerships.models import Municipality, Partnership

from ..documents.models import CommitteeDecision, GeneratedDocument, MemoDraft
from ..models import FAMILY_OF, FinancingArrangement
from ..selectors import Flag, dependence_flag

WINDOW_MONTHS = 6
EXTERNAL_FORMS = tuple(form for form, family in FAMILY_OF.items() if family == "external")
RUNNING = (FinancingArrangement.Status.DECIDED, FinancingArrangement.Status.ACTIVE)
MEMO = GeneratedDocument.Kind.TJANSTEUTLATANDE
# A decision that carries the proposal: the work has a decided way forward.
CARRIED = (CommitteeDecision.Outcome.AS_PROPOSED, CommitteeDecision.Outcome.CHANGED)

MEMO_STATUS_LABELS = {
    "none": _("No memo"),
    "draft": _("Draft"),
    "generated": _("Generated, not decided"),
    "rejected": _("Decided: rejected"),
    "sent_back": _("Sent back for more work"),
    "decided": _("Decided"),
}


@dataclass(frozen=True)
class PortfolioRow:
    arrangement: FinancingArrangement
    days_left: int
    memo_status: str
    dependence: Flag | None

    @property
    def partnership(self) -> Partnership:
        return self.arrangement.partnership

    @property
    def funder(self) -> str:
        return self.arrangement.funder or str(self.arrangement.get_form_display())

    @property
    def amount(self) -> Decimal | None:
        return self.arrangement.amount

    @property
    def end_date(self) -> date:
        assert self.arrangement.end_date is not None
        return self.arrangement.end_date

    @property
    def memo_status_label(self) -> str:
        return str(MEMO_STATUS_LABELS[self.memo_status])


def window_end(today: date) -> date:
    """The last day counted: six months after `today` (the 31 August from 28 February...)."""
    return today + relativedelta(months=WINDOW_MONTHS)


def member_partnerships(user: User) -> Q:
    """Partnerships the user is a member of, as a filter on arrangements (no duplicates)."""
    return Q(partnership__in=Partnership.objects.filter(memberships__user=user))


def memo_status(*, drafted: bool, generated: bool, outcome: str | None) -> str:
    """What the partnership's tjänsteutlåtande has reached: its latest decision, else whether
    a version was generated, else whether a draft exists."""
    if outcome in CARRIED:
        return "decided"
    if outcome:
        return str(outcome)
    if generated:
        return "generated"
    return "draft" if drafted else "none"


def portfolio(
    user: User, municipality: Municipality | None = None, today: date | None = None
) -> list[PortfolioRow]:
    """The rows of the portfolio (see the module), soonest end first. Two queries."""
    today = today or timezone.localdate()
    latest = CommitteeDecision.objects.filter(
        partnership=OuterRef("partnership"), document__kind=MEMO
    ).order_by("-decided_on", "-document__number", "-pk")
    rows = (
        FinancingArrangement.objects.filter(
            member_partnerships(user),
            form__in=EXTERNAL_FORMS,
            status__in=RUNNING,
            end_date__gte=today,
            end_date__lte=window_end(today),
        )
        .annotate(
            latest_outcome=Subquery(latest.values("outcome")[:1]),
            generated=Exists(
                GeneratedDocument.objects.filter(partnership=OuterRef("partnership"), kind=MEMO)
            ),
            drafted=Exists(MemoDraft.objects.filter(partnership=OuterRef("partnership"))),
        )
        # No decision yet (NULL), or one that does not carry the proposal.
        .filter(Q(latest_outcome__isnull=True) | ~Q(latest_outcome__in=CARRIED))
        .select_related("partnership__municipality")
        .order_by("end_date", "partnership__title", "pk")
    )
    if municipality is not None:
        rows = rows.filter(partnership__municipality=municipality)
    found = list(rows)
    # The dependence flag of each listed partnership reads all of its arrangements.
    arrangements: dict[int, list[FinancingArrangement]] = {}
    if found:
        for row in FinancingArrangement.objects.filter(
            partnership__in={row.partnership_id for row in found}
        ):
            arrangements.setdefault(row.partnership_id, []).append(row)
    return [
        PortfolioRow(
            arrangement=row,
            days_left=(row.end_date - today).days if row.end_date else 0,
            memo_status=memo_status(
                drafted=row.drafted,
                generated=row.generated,
                outcome=row.latest_outcome,
            ),
            dependence=dependence_flag(arrangements.get(row.partnership_id, []), today),
        )
        for row in found
    ]


def municipalities_of(user: User) -> list[Municipality]:
    """The municipalities of the partnerships the user is a member of (one query)."""
    return list(
        Municipality.objects.filter(
            pk__in=Partnership.objects.filter(memberships__user=user).values("municipality")
        ).order_by("name")
    )
