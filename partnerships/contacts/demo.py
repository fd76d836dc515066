"""Demo contacts and relationship plans: Eskilstuna's and Boden's cases.

The people are invented (clearly made-up names, example.se addresses); the organisations are
the cases' own. Units come from the organisation chart when it has been seeded: the contact
is then placed in a unit of the matching kind."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..models import Contact, OrgUnit
from .models import RelationshipEntry

if TYPE_CHECKING:
    from ..demo import DemoContext

NOTE = " (Påhittad person i exemplet.)"

# (organisation key, unit name or kind or None, name, title, position, mandate, door opener, email, phone)
ESKILSTUNA_CONTACTS: list[tuple[str, str | None, str, str, str, bool, bool, str, str]] = [
    (
        "eskilstuna",
        "Arbetsmarknadsenheten",
        "Anna Exempel",
        "Enhetschef, Arbetsmarknadsenheten",
        Contact.Position.OFFICER,
        True,
        False,
        "anna.exempel@example.se",
        "016-710 00 01",
    ),
    (
        "eskilstuna",
        "Arbetsmarknadsenheten",
        "Omar Påhittad",
        "Arbetsmarknadshandläggare",
        Contact.Position.OFFICER,
        False,
        False,
        "omar.pahittad@example.se",
        "016-710 00 02",
    ),
    (
        "eskilstuna",
        "Arbetsmarknads- och vuxenutbildningsnämnden",
        "Birgitta Fiktiv",
        "Ordförande, arbetsmarknads- och vuxenutbildningsnämnden",
        Contact.Position.ELECTED,
        True,
        True,
        "birgitta.fiktiv@example.se",
        "",
    ),
    (
        "rightbyme",
        None,
        "Sara Exempelsson",
        "Grundare och verksamhetsledare",
        Contact.Position.OTHER,
        True,
        False,
        "sara@example.se",
        "070-000 00 11",
    ),
    (
        "reach",
        None,
        "Jonas Låtsas",
        "Programchef",
        Contact.Position.OTHER,
        False,
        True,
        "jonas.latsas@example.se",
        "",
    ),
]

# (contact name, why, status, next action, days from today to its date or None)
ESKILSTUNA_PLAN: list[tuple[str, str, str, str, int | None]] = [
    (
        "Anna Exempel",
        "Enheten ansvarar för kommunens arbetsmarknadsinsatser för unga: hon beslutar om "
        "förvaltningens del i piloten.",
        RelationshipEntry.Status.ON_BOARD,
        "Stämma av uppföljningen av de 78 deltagarna inför nästa styrgrupp",
        14,
    ),
    (
        "Birgitta Fiktiv",
        "Nämndens ordförande kan öppna dörren till ett politiskt beslut om att göra "
        "metoden till ordinarie verksamhet.",
        RelationshipEntry.Status.CONTACTED,
        "Boka ett möte för att berätta om resultaten från piloten",
        -5,  # overdue: shows how an overdue action stands out
    ),
    (
        "Sara Exempelsson",
        "Right By Me:s metod når de unga som kommunens insatser inte når.",
        RelationshipEntry.Status.ON_BOARD,
        "",
        None,
    ),
    (
        "Jonas Låtsas",
        "Reach for Change leder de fem heldagsträffarna och känner andra kommuner som vill "
        "pröva metoden.",
        RelationshipEntry.Status.IN_DIALOGUE,
        "Fråga om kontakt med Liepāja inför metodöverföringen",
        30,
    ),
]

BODEN_CONTACTS = [
    (
        "boden",
        OrgUnit.Kind.ADMINISTRATION,
        "Lars Exempelberg",
        "Näringslivschef",
        Contact.Position.OFFICER,
        True,
        True,
        "lars.exempelberg@example.se",
        "0921-000 00 01",
    ),
    (
        "bodensutveckling",
        None,
        "Maria Påhitt",
        "Etableringsstrateg",
        Contact.Position.OTHER,
        False,
        True,
        "maria.pahitt@example.se",
        "",
    ),
]

BODEN_PLAN: list[tuple[str, str, str, str, int | None]] = [
    (
        "Lars Exempelberg",
        "Har mandat att avsätta tid i näringslivsenheten för kompetensförsörjningen.",
        RelationshipEntry.Status.IN_DIALOGUE,
        "Skicka underlag inför beslut om gemensam kartläggning",
        10,
    ),
    (
        "Maria Påhitt",
        "Känner företagen som etablerar sig och vet vilka kompetenser de söker.",
        RelationshipEntry.Status.NOT_CONTACTED,
        "Ringa och presentera partnerskapet",
        7,
    ),
]


def _unit(organisation: Any, unit: str | None) -> OrgUnit | None:
    """The unit of the chart by its name, or else the first of that kind."""
    if unit is None:
        return None
    units = OrgUnit.objects.filter(organisation=organisation)
    return units.filter(name=unit).first() or units.filter(kind=unit).order_by("pk").first()


def _seed_case(context: DemoContext, title: str, contacts: list[Any], plan: list[Any]) -> None:
    partnership = context.partnerships.get(title)
    if partnership is None or Contact.all_objects.filter(partnership=partnership).exists():
        return  # seeded before: keep what the demo users changed (and erased)
    if not context.organisations:  # the cases were seeded before contacts existed
        from ..demo import _organisations

        _organisations(context)
    made = {}
    for org_key, kind, name, job, position, mandate, opener, email, phone in contacts:
        organisation = context.organisations[org_key]
        made[name] = Contact.objects.create(
            partnership=partnership,
            organisation=organisation,
            unit=_unit(organisation, kind),
            name=name,
            title=job,
            position=position,
            has_decision_mandate=mandate,
            door_opener=opener,
            email=email,
            phone=phone,
        )
    today = date.today()
    for name, why, status, action, days in plan:
        RelationshipEntry.objects.create(
            partnership=partnership,
            contact=made[name],
            why=why + NOTE,
            status=status,
            next_action=action,
            next_action_date=today + timedelta(days=days) if days is not None else None,
        )


def seed(context: DemoContext) -> None:
    from ..demo import BODEN, ESKILSTUNA

    _seed_case(context, ESKILSTUNA, ESKILSTUNA_CONTACTS, ESKILSTUNA_PLAN)
    _seed_case(context, BODEN, BODEN_CONTACTS, BODEN_PLAN)
