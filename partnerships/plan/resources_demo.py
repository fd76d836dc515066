"""Demo resources: what the Eskilstuna parties bring and lack (every party has written both),
and Boden's begun by three of its parties only, for a user to finish.

Idempotent: a partnership that has resource items keeps them as they are."""

from __future__ import annotations

from decimal import Decimal

from ..demo import BODEN, ESKILSTUNA, DemoContext
from ..models import Party
from .resources import ResourceItem

Part = Party.Part
Kind = ResourceItem.Kind
BRINGS, LACKS = ResourceItem.Direction.BRINGS, ResourceItem.Direction.LACKS

# (party's part, kind, direction, description, amount, unit)
Spec = tuple[str, str, str, str, Decimal | None, str]

ESKILSTUNA_RESOURCES: list[Spec] = [
    # The municipality's labour-market administration (AVF)
    (
        Part.LEAD_MUNICIPALITY,
        Kind.PREMISES,
        BRINGS,
        "Lokaler för gruppträffar i Årby och Nyfors",
        Decimal(2),
        "lokaler",
    ),
    (
        Part.LEAD_MUNICIPALITY,
        Kind.NETWORK,
        BRINGS,
        "Arbetsgivarkontakter genom förvaltningens arbetsmarknadsenhet",
        None,
        "",
    ),
    (
        Part.LEAD_MUNICIPALITY,
        Kind.DATA,
        BRINGS,
        "Arbetsmarknadsstatistik om unga som varken arbetar eller studerar, per område",
        None,
        "",
    ),
    (
        Part.LEAD_MUNICIPALITY,
        Kind.STAFF,
        BRINGS,
        "Handläggare som matchar deltagare mot kommunens ordinarie insatser",
        Decimal(40),
        "timmar per månad",
    ),
    (
        Part.LEAD_MUNICIPALITY,
        Kind.NETWORK,
        LACKS,
        "Förtroende hos de yngsta i målgruppen, 16–19 år",
        None,
        "",
    ),
    (
        Part.LEAD_MUNICIPALITY,
        Kind.COMMITMENTS,
        LACKS,
        "Handläggarna har också ordinarie ärenden inom försörjningsstöd och vuxenutbildning",
        None,
        "",
    ),
    # Right By Me
    (
        Part.SOCIAL_ENTREPRENEUR,
        Kind.STAFF,
        BRINGS,
        "Coacher och förebilder som själva har vuxit upp i områdena",
        Decimal(160),
        "timmar per månad",
    ),
    (
        Part.SOCIAL_ENTREPRENEUR,
        Kind.EXPERTISE,
        BRINGS,
        "Metoden Right to Work med korta arvoderade uppdrag",
        None,
        "",
    ),
    (
        Part.SOCIAL_ENTREPRENEUR,
        Kind.NETWORK,
        BRINGS,
        "Förtroende hos unga i målgruppen, genom förebilder från samma områden",
        None,
        "",
    ),
    (
        Part.SOCIAL_ENTREPRENEUR,
        Kind.PREMISES,
        LACKS,
        "Lokaler för gruppträffar nära deltagarna i Årby",
        None,
        "",
    ),
    (
        Part.SOCIAL_ENTREPRENEUR,
        Kind.OTHER,
        LACKS,
        "Långsiktig finansiering när projektet är slut",
        None,
        "",
    ),
    # Reach for Change
    (
        Part.FACILITATOR,
        Kind.EXPERTISE,
        BRINGS,
        "Processledning av heldagsträffar där parterna samskapar",
        Decimal(5),
        "heldagar",
    ),
    (
        Part.FACILITATOR,
        Kind.COMMITMENTS,
        LACKS,
        "Leder samtidigt program för sociala entreprenörer i andra kommuner",
        None,
        "",
    ),
    # Föreningen Inkludera
    (
        Part.OTHER,
        Kind.EXPERTISE,
        BRINGS,
        "Erfarenhet av att göra sociala innovationer till ordinarie verksamhet",
        None,
        "",
    ),
    (
        Part.OTHER,
        Kind.DATA,
        LACKS,
        "Uppgifter om vad insatsen ger deltagarna, för att visa effekterna",
        None,
        "",
    ),
    # The European Social Fund council
    (
        Part.FUNDER,
        Kind.OTHER,
        BRINGS,
        "Projektfinansiering från Europeiska socialfonden under projekttiden",
        None,
        "",
    ),
    (
        Part.FUNDER,
        Kind.DATA,
        LACKS,
        "Uppföljning av deltagarna enligt fondens krav",
        None,
        "",
    ),
]

# Boden: the municipality, the development company and the facilitator have begun; the folk
# high school and the funder have not written anything yet.
BODEN_RESOURCES: list[Spec] = [
    (
        Part.LEAD_MUNICIPALITY,
        Kind.PREMISES,
        BRINGS,
        "Lokaler i kommunhuset för workshoppar och nätverksträffar",
        None,
        "",
    ),
    (
        Part.LEAD_MUNICIPALITY,
        Kind.NETWORK,
        LACKS,
        "Kontakter med de företag som etablerar sig i Boden",
        None,
        "",
    ),
    (
        Part.PRIVATE_ACTOR,
        Kind.NETWORK,
        BRINGS,
        "Nätverk med företag som etablerar sig i regionen",
        None,
        "",
    ),
    (
        Part.FACILITATOR,
        Kind.EXPERTISE,
        BRINGS,
        "Processledning av tre workshoppar och två nätverksträffar",
        None,
        "",
    ),
]


def _seed(context: DemoContext, title: str, specs: list[Spec]) -> None:
    partnership = context.partnerships.get(title)
    if partnership is None or ResourceItem.all_objects.filter(partnership=partnership).exists():
        return
    by_part: dict[str, Party] = {}
    for party in Party.objects.filter(partnership=partnership).order_by("id"):
        by_part.setdefault(party.part, party)
    for part, kind, direction, description, amount, unit in specs:
        owner = by_part.get(part)
        if owner is None:
            continue
        ResourceItem.objects.create(
            partnership=partnership,
            party=owner,
            kind=kind,
            direction=direction,
            description=description,
            amount=amount,
            unit=unit,
        )


def seed(context: DemoContext) -> None:
    _seed(context, ESKILSTUNA, ESKILSTUNA_RESOURCES)
    _seed(context, BODEN, BODEN_RESOURCES)
