"""Demo theory of change: Eskilstuna in full (from the shipped template), Boden in outline.

Idempotent: a partnership that already has a chain keeps it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from partnerships.demo import BODEN, ESKILSTUNA, DemoContext
from partnerships.models import (
    Organisation,
    OrgUnit,
    Partnership,
    SteeringDocument,
    SteeringDocumentUse,
)
from partnerships.orgchart.demo import demo_organisation

from . import services
from .models import Indicator, Level, Link, Node, TargetGroupNeed, TheoryOfChange
from .shape import AchievabilityEvidence

ESKILSTUNA_PICTURE = {
    "problem_statement": (
        "I Årby och Nyfors är det många unga som varken arbetar eller studerar. Kommunens "
        "ordinarie arbetsmarknadsinsatser når dem sällan, och utan erfarenhet och kontakter "
        "blir vägen till ett första jobb lång."
    ),
    "target_group": (
        "Unga 16–24 år i Årby och Nyfors som varken arbetar eller studerar, många med utländsk "
        "bakgrund och utan tidigare arbetslivserfarenhet."
    ),
    "target_group_heard": (
        "Unga anställda från områdena pratade med jämnåriga där de redan fanns; parterna "
        "stämde av behoven under projektets fem heldagsträffar."
    ),
    "target_group_challenges": (
        "Litet nätverk bland arbetsgivare, låg tilltro till myndigheter, ibland ofullständiga "
        "betyg och svårt att få den första referensen."
    ),
    "root_causes": (
        "Arbetsgivare efterfrågar erfarenhet som unga inte kan skaffa sig utan ett första jobb; "
        "kommunens insatser bygger på att unga själva söker sig dit; få förebilder i närmiljön."
    ),
    "consequences": (
        "Långvarigt utanförskap och beroende av försörjningsstöd, sämre hälsa och ökade kostnader "
        "för kommunen, och områden där arbete inte är det självklara."
    ),
    "opportunities_obstacles": (
        "Möjligheter: ESF-finansiering och ett socialt företag med förtroende i områdena. "
        "Hinder: projekttiden är begränsad och kommunens ordinarie insatser är svåra att nå."
    ),
    "solutions_considered": (
        "Fler platser i kommunens ordinarie insatser vägdes mot uppsökande arbete genom ett "
        "socialt företag; det senare valdes eftersom det når unga som inte söker sig till kommunen."
    ),
    "vision": "Alla unga i Eskilstuna har en väg till arbete eller studier och kan försörja sig själva.",
}
# The needs of the target group, as rows the goals pick (the template's goals name them).
ESKILSTUNA_NEEDS = [
    ("Ett socialt sammanhang och förebilder", TargetGroupNeed.Source.CONVERSATION),
    ("Arbetslivserfarenhet och referenser", TargetGroupNeed.Source.CONVERSATION),
    ("En väg in på arbetsmarknaden", TargetGroupNeed.Source.STATISTICS),
]
# The guide's one hard figure: 78 young people took part in the pilot.
ESKILSTUNA_PARTICIPANTS = 78

ESKILSTUNA_DOCUMENTS = [
    {
        "title": "Kommunens budget med fokusområde unga utan sysselsättning",
        "kind": SteeringDocument.Kind.BUDGET,
        "year": 2024,
        "issuing_organisation": "Eskilstuna kommun, kommunfullmäktige",
    },
    {
        "title": "AVF:s verksamhetsplan: unga utan sysselsättning, mångfald och inkludering",
        "kind": SteeringDocument.Kind.ACTION_PLAN,
        "year": 2024,
        "issuing_organisation": "Arbetsmarknads- och vuxenutbildningsnämnden",
    },
    {
        "title": "Agenda 2030, delmål 8.6: minska andelen unga som varken arbetar eller studerar",
        "kind": SteeringDocument.Kind.AGENDA_2030,
        "year": 2015,
        "url": "https://sdgs.un.org/goals/goal8",
        "issuing_organisation": "Förenta nationerna",
    },
]

BODEN_PICTURE = {
    "problem_statement": (
        "Industrietableringen i Boden ger omkring 1 500 nya industrijobb och uppskattningsvis "
        "10 000 jobb till i regionen. Unga vuxna och de som flyttar med industriarbetarna riskerar "
        "ändå att stå utanför arbetsmarknaden och samhället."
    ),
    "target_group": "Unga vuxna i Boden och medflyttande till industriarbetare.",
    "vision": "Ett växande Boden med attraktiva livsmiljöer där nya och gamla invånare har jobb och sammanhang.",
}

# (key, level, title) and (source, target) for Boden's chain in outline.
BODEN_NEEDS = [
    ("Kontakter med arbetsgivare", TargetGroupNeed.Source.OTHER),
    ("Ett socialt sammanhang på den nya orten", TargetGroupNeed.Source.OTHER),
]
BODEN_NODES = [
    (
        "workshops",
        Level.ACTIVITY,
        "Tre samskapande workshoppar med kommun, folkhögskola och utvecklingsbolag",
    ),
    ("network", Level.ACTIVITY, "Två nätverksträffar för unga vuxna och medflyttande"),
    ("jobmarket", Level.ACTIVITY, "En jobbmarknad med sociala entreprenörer och arbetsgivare"),
    ("communication", Level.ACTIVITY, "Riktad kommunikation om sociala entreprenörer"),
    ("model", Level.OUTPUT, "En gemensam samverkansmodell mellan sektorerna"),
    (
        "meetings",
        Level.OUTPUT,
        "Unga vuxna och medflyttande möter arbetsgivare och sociala entreprenörer",
    ),
    ("known", Level.SHORT_TERM, "Målgruppen känner till jobb och sammanhang i Boden"),
    ("jobs", Level.MEDIUM_TERM, "Fler unga vuxna och medflyttande får arbete eller sysselsättning"),
    (
        "integration",
        Level.LONG_TERM,
        "Medflyttande och unga vuxna blir en del av samhället på sikt",
    ),
    ("impact", Level.IMPACT, "Attraktiva livsmiljöer i ett växande Boden"),
]
BODEN_LINKS = [
    ("workshops", "model"),
    ("network", "meetings"),
    ("jobmarket", "meetings"),
    ("communication", "known"),
    ("meetings", "known"),
    ("known", "jobs"),
    ("model", "jobs"),
    ("jobs", "integration"),
    ("integration", "impact"),
]


def _picture(
    partnership: Partnership, fields: dict[str, str], needs: Sequence[tuple[str, str]]
) -> TheoryOfChange:
    toc, _created = TheoryOfChange.objects.get_or_create(partnership=partnership, defaults=fields)
    for text, source in needs:
        TargetGroupNeed.objects.get_or_create(
            partnership=partnership, need=text, defaults={"source": source}
        )
    return toc


# Which unit of the municipality owns which document (by the unit's name in its chart).
DOCUMENT_UNITS = {
    SteeringDocument.Kind.BUDGET: "Kommunstyrelsen",
    SteeringDocument.Kind.ACTION_PLAN: "Arbetsmarknads- och vuxenutbildningsnämnden",
}


def _municipal_document(
    partnership: Partnership, municipality: Organisation | None, spec: dict[str, Any]
) -> SteeringDocument:
    """The municipality's document (entered once, for the organisation), used by the
    partnership; a document seeded earlier for the partnership alone moves to the
    municipality."""
    mine = Q(partnership=partnership)
    if municipality is not None:
        mine |= Q(organisation=municipality)
    document = SteeringDocument.objects.filter(mine, title=spec["title"]).first()
    unit = (
        OrgUnit.objects.filter(
            organisation=municipality, name=DOCUMENT_UNITS.get(spec["kind"], "")
        ).first()
        if municipality is not None
        else None
    )
    if document is None:
        document = SteeringDocument.objects.create(
            partnership=partnership, organisation=municipality, unit=unit, **spec
        )
    elif document.organisation_id is None and municipality is not None:
        document.organisation, document.unit = municipality, unit
        document.save()
    SteeringDocumentUse.objects.get_or_create(partnership=partnership, document=document)
    return document


def _eskilstuna(context: DemoContext) -> None:
    partnership = context.partnerships[ESKILSTUNA]
    documents = {}
    municipality = demo_organisation(context, "eskilstuna")
    for spec in ESKILSTUNA_DOCUMENTS:
        documents[spec["kind"]] = _municipal_document(partnership, municipality, spec)
    toc = _picture(partnership, ESKILSTUNA_PICTURE, ESKILSTUNA_NEEDS)
    if Node.objects.filter(partnership=partnership).exists():
        return
    toc.steering_documents.add(*documents.values())
    services.chain_import(partnership=partnership, chain=services.template_chain())
    owner = context.users.get("kommun@demo.example")
    services.revision_create(
        partnership=partnership,
        revised_on=dt.date(2023, 6, 15),
        reason="Första gemensamma versionen, efter de fem heldagsträffarna i projektets första fas.",
        user=owner,
    )
    # What the partnership learnt in the pilot, after the first revision.
    nodes = {node.title: node for node in Node.objects.filter(partnership=partnership)}
    reached = nodes["Unga i målgruppen deltar i insatsen"]
    reached.description += " I piloten deltog 78 unga."
    reached.actual_participants = ESKILSTUNA_PARTICIPANTS
    reached.save()
    belonging = nodes["Deltagarna har ett socialt sammanhang och större tilltro till sin förmåga"]
    belonging.steering_documents.add(documents[SteeringDocument.Kind.BUDGET])
    belonging.achievability_evidence = AchievabilityEvidence.PILOT
    belonging.save()
    # A qualitative indicator: what participants tell, gathered in interviews.
    Indicator.objects.create(
        partnership=partnership,
        node=belonging,
        name="Deltagare som i intervjuer beskriver en grupp de hör till",
        kind=Indicator.Kind.QUALITATIVE,
        evidence=(
            "Deltagarnas egna beskrivningar av gruppen, förebilderna och vad de tror att de klarar."
        ),
        evidence_method=Indicator.EvidenceMethod.INTERVIEWS,
        unit="",
        baseline_value=0,
        baseline_date=dt.date(2024, 1, 15),
        target_value=20,
        target_date=dt.date(2024, 12, 31),
        data_source="Intervjuer med ett urval deltagare",
    )
    employment = nodes["Fler deltagare går vidare till arbete, praktik eller studier"]
    employment.steering_documents.add(documents[SteeringDocument.Kind.ACTION_PLAN])
    employment.achievability_evidence = AchievabilityEvidence.RESEARCH
    employment.save()
    long_term = nodes["Färre unga i områdena står utanför arbete och studier"]
    long_term.steering_documents.add(documents[SteeringDocument.Kind.AGENDA_2030])
    long_term.achievability = (
        "Piloten visar att metoden når unga som kommunen annars inte når; effekten i statistiken "
        "kräver att insatsen fortsätter efter projekttiden."
    )
    long_term.save()


def _boden(context: DemoContext) -> None:
    partnership = context.partnerships[BODEN]
    _picture(partnership, BODEN_PICTURE, BODEN_NEEDS)
    if Node.objects.filter(partnership=partnership).exists():
        return
    nodes: dict[str, Any] = {}
    for order, (key, level, title) in enumerate(BODEN_NODES):
        nodes[key] = Node.objects.create(
            partnership=partnership, level=level, title=title, order=order
        )
    for source, target in BODEN_LINKS:
        Link.objects.create(partnership=partnership, source=nodes[source], target=nodes[target])


def seed(context: DemoContext) -> None:
    _eskilstuna(context)
    _boden(context)
