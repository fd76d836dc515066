"""Demo ability to pay and value: Eskilstuna's budget lines (the municipality's budget for
2024, which carried the pilot, and the labour-market committee's budget for the proposed IOP
2026–2027) and the assumptions of its socio-economic estimate.

The yearly public cost of one young person outside work is an example value, and its source
says so: the demo must not pass it off as a published figure.

Idempotent: a partnership that already has budget lines or assumptions keeps them as they are.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from partnerships.demo import ESKILSTUNA, DemoContext
from partnerships.models import OrgUnit, SteeringDocument
from partnerships.orgchart.models import SteeringDocumentUse

from . import services
from .models import BudgetLine, ValueAssumption

D = Decimal
AVF = "Arbetsmarknads- och vuxenutbildningsförvaltningen (AVF)"
AVN = "Arbetsmarknads- och vuxenutbildningsnämnden"
MUNICIPAL_BUDGET = "Kommunens budget med fokusområde unga utan sysselsättning"
AVN_BUDGET = {
    "title": "Arbetsmarknads- och vuxenutbildningsnämndens budget 2026–2027",
    "kind": SteeringDocument.Kind.BUDGET,
    "year": 2026,
    "issuing_organisation": "Arbetsmarknads- och vuxenutbildningsnämnden",
}
EXAMPLE = (
    "Exempelvärde för demon, inte hämtat ur en verklig källa. Ersätt det med kommunens egen "
    "beräkning eller en socioekonomisk rapport innan det används i ett beslut."
)


def _avn_budget(partnership: Any, municipality: Any) -> SteeringDocument:
    """The committee's budget, entered once for the municipality and used by the partnership."""
    document = SteeringDocument.objects.filter(
        organisation=municipality, title=AVN_BUDGET["title"]
    ).first()
    if document is None:
        document = SteeringDocument.objects.create(
            partnership=partnership,
            organisation=municipality,
            unit=OrgUnit.objects.filter(organisation=municipality, name=AVN).first(),
            **AVN_BUDGET,
        )
    SteeringDocumentUse.objects.get_or_create(partnership=partnership, document=document)
    return document


def _budget_lines(partnership: Any) -> None:
    if BudgetLine.all_objects.filter(partnership=partnership).exists():
        return
    municipal = SteeringDocument.objects.filter(
        uses__partnership=partnership, title=MUNICIPAL_BUDGET
    ).first()
    if municipal is None or municipal.organisation is None:
        return
    avn = _avn_budget(partnership, municipal.organisation)
    avf = OrgUnit.objects.filter(organisation=municipal.organisation, name=AVF).first()
    services.budget_line_create(
        partnership=partnership,
        steering_document=municipal,
        administration=avf,
        title="Arbetsmarknadsinsatser: projektet Kraftsamling (brutto)",
        yearly_amount=D("2300000"),
        year=2024,
        priority="Fokusområde: fler unga i arbete eller studier.",
        note=(
            "Projektet ligger brutto i budgeten: ESF-stödet är en intäkt på raden och "
            "kommunens medfinansiering är arbetstid."
        ),
    )
    for year in (2026, 2027):
        services.budget_line_create(
            partnership=partnership,
            steering_document=avn,
            administration=avf,
            title="Arbetsmarknadsinsatser: samverkan med idéburna organisationer",
            yearly_amount=D("1200000"),
            year=year,
            priority=("Nämndens prioritering: unga utan sysselsättning, mångfald och inkludering."),
            note="Förslaget: ett idéburet offentligt partnerskap med Right By Me 2026–2027.",
        )


def _assumptions(partnership: Any) -> None:
    if ValueAssumption.all_objects.filter(partnership=partnership).exists():
        return
    Role = ValueAssumption.Role
    for fields in (
        {
            "role": Role.PEOPLE_HELPED,
            "label": "Unga som går vidare till arbete eller studier per år",
            "value": D("30"),
            "unit": "personer",
            "source": "Parternas uppföljning av piloten 2024 (exempel)",
            "source_url": "",
            "note": "Av 78 deltagare i piloten gick ungefär 30 vidare till arbete eller studier.",
        },
        {
            "role": Role.COST_PER_PERSON,
            "label": "Årlig offentlig kostnad för en ung person utanför arbete och studier",
            "value": D("250000"),
            "unit": "kr per år",
            "source": EXAMPLE,
            "source_url": "",
            "note": (
                "Till exempel försörjningsstöd, insatser från socialtjänsten och uteblivna "
                "skatteintäkter; vilka kostnader som räknas ska stå i källan."
            ),
        },
        {
            "role": Role.OTHER,
            "label": "Andel som fortfarande arbetar eller studerar ett år senare",
            "value": D("70"),
            "unit": "%",
            "source": EXAMPLE,
            "source_url": "",
            "note": "Visas för att bedöma hur länge effekten håller; räknas inte in i skattningen.",
        },
    ):
        services.value_assumption_create(partnership=partnership, **fields)


def seed(context: DemoContext) -> None:
    partnership = context.partnerships.get(ESKILSTUNA)
    if partnership is None:
        return
    _budget_lines(partnership)
    _assumptions(partnership)
