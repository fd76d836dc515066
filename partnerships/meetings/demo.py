"""Demo meetings: Eskilstuna's five full-day meetings of the first phase (2023) with the talks
with young people and weekly check-ins, and Boden's workshops, network meetings and job market.

Idempotent: a case that has meetings (removed ones too) is left as the demo users left it.
Times, places, notes and actions beyond the guide's own facts are made up to show the tool.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from ..models import Contact, Partnership
from . import services
from .models import Meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PLACE = "Eskilstuna kommun, Stadshuset, Fristadstorget"
NOTE = "\n\n(Exempel: innehållet är påhittat för att visa verktyget.)"
Kind = Meeting.Kind
Mode = Meeting.Mode


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def _meeting(
    partnership: Partnership,
    members: list[Any],
    *,
    day: date,
    hours: tuple[int, int],
    actions: tuple[tuple[str, Any, date | None, bool], ...] = (),
    **fields: Any,
) -> Meeting:
    if fields.get("notes"):
        fields["notes"] += NOTE
    meeting = services.meeting_create(
        partnership=partnership,
        starts_at=_at(day, hours[0]),
        ends_at=_at(day, hours[1]),
        members=members,
        **fields,
    )
    for what, owner, due, done in actions:
        owner_fields = {"owner": owner} if not isinstance(owner, str) else {"owner_name": owner}
        action = services.meeting_action_create(
            meeting=meeting, what=what, due_date=due, **owner_fields
        )
        if done:
            services.meeting_action_set_done(action=action, done=True)
    return meeting


# Contacts (from the contacts demo) taking part: the unit head who carries the municipality's
# responsibility and the facilitating programme manager at the full days, Right By Me's
# founder at the talks with the young.
CONTACTS = {
    "full_days": ("Anna Exempel", "Jonas Låtsas"),
    "target_group": ("Sara Exempelsson",),
}

# Titles an earlier demo gave the full days, and the guide's topic each day has now.
OLD_TITLES = {
    "Heldag 1: Vilka unga vill vi nå?": "Heldag 1: Målgruppen – vilka unga vill vi nå?",
    "Heldag 3: Mål och förändringsteori": "Heldag 3: Lösningarna",
    "Heldag 4: Roller och arbetsplan": "Heldag 4: Språk och begrepp",
    "Heldag 5: Kostnader och finansiering": "Heldag 5: Arbetsplan och kostnadsuppskattning",
}


def _contacts(partnership: Partnership) -> dict[str, list[Contact]]:
    names = {name for group in CONTACTS.values() for name in group}
    found = {
        contact.name: contact
        for contact in Contact.objects.filter(partnership=partnership, name__in=names)
    }
    return {
        group: [found[name] for name in wanted if name in found]
        for group, wanted in CONTACTS.items()
    }


def _retitle_full_days(partnership: Partnership, users: dict[str, Any]) -> None:
    """A database seeded by an earlier demo keeps its meetings (and their actions), but the
    full days get the guide's topics, and contacts take part, unless the demo users changed
    the meeting."""
    contacts = _contacts(partnership)
    specs = {spec["title"]: spec for spec in _full_days(users)}
    meetings = Meeting.all_objects.filter(partnership=partnership, version=1)
    for meeting in meetings.filter(title__in=OLD_TITLES):
        spec = specs[OLD_TITLES[meeting.title]]
        meeting.title = spec["title"]
        meeting.agenda = spec["agenda"]
        meeting.notes = spec["notes"] + NOTE
        meeting.decisions = spec["decisions"]
        meeting.save(update_fields=["title", "agenda", "notes", "decisions"])
    for meeting in meetings.filter(title__startswith="Heldag ").prefetch_related("contacts"):
        if not meeting.contacts.all():
            meeting.contacts.set(contacts["full_days"])


def _full_days(users: dict[str, Any]) -> list[dict[str, Any]]:
    """The guide's five full days: the target group, the vision, the solutions, language and
    terminology, and the work plan with a cost estimate."""
    kommun = users.get("kommun@demo.example")
    entreprenor = users.get("entreprenor@demo.example")
    facilitator = users.get("facilitator@demo.example")
    return [
        {
            "kind": Kind.KICK_OFF,
            "title": "Heldag 1: Målgruppen – vilka unga vill vi nå?",
            "day": date(2023, 2, 8),
            "agenda": (
                "1. Presentation av parterna och varför vi är här\n"
                "2. Målgruppen: unga 16–29 år i Årby och Nyfors som varken arbetar eller "
                "studerar\n3. Vad vet vi om deras behov, och vad vet vi inte?\n"
                "4. Ord vi använder olika: deltagare, insats, uppföljning"
            ),
            "notes": (
                "Kommunen beskrev målgruppen utifrån registren, Right By Me utifrån de unga "
                "de möter på fritidsgårdarna. Bilderna kompletterade varandra. Vi upptäckte att "
                "vi menar olika saker med ”deltagare”."
            ),
            "decisions": (
                "Fokus på Årby och Nyfors. Ordet ”deltagare” förs in i den gemensamma "
                "ordlistan och får en gemensam betydelse på heldagen om språk och begrepp."
            ),
            "actions": (
                (
                    "Sammanställ statistik om målgruppen i Årby och Nyfors",
                    kommun,
                    date(2023, 2, 28),
                    True,
                ),
                (
                    "Ordna samtal med unga om vad som hindrar dem",
                    entreprenor,
                    date(2023, 3, 1),
                    True,
                ),
            ),
        },
        {
            "kind": Kind.CO_CREATION,
            "title": "Heldag 2: Vår gemensamma vision",
            "day": date(2023, 3, 8),
            "agenda": (
                "1. Vad sa de unga i samtalen?\n2. Vision: hur ser det ut om fem år?\n"
                "3. Vad vill varje part uppnå, och vad behöver den?"
            ),
            "notes": (
                "Visionen formulerades i tre steg: varje part för sig, i par, gemensamt. "
                "Kommunens och företagets drivkrafter skilde sig, men målbilden var densamma."
            ),
            "decisions": "Visionen antas som arbetsversion och förankras i förvaltningsledningen.",
            "actions": (
                (
                    "Förankra visionen i förvaltningens ledningsgrupp",
                    kommun,
                    date(2023, 3, 31),
                    True,
                ),
            ),
        },
        {
            "kind": Kind.CO_CREATION,
            "title": "Heldag 3: Lösningarna",
            "day": date(2023, 4, 12),
            "agenda": (
                "1. Vilka lösningar finns redan, hos kommunen och hos Right By Me?\n"
                "2. Metoden Right to Work: vad, för vem, hur och varför\n"
                "3. Förändringsteorin: från aktiviteter till resultat och effekter\n"
                "4. Indikatorer på kort, medellång och lång sikt"
            ),
            "notes": (
                "Vi gick igenom vad förvaltningen redan gör och var Right By Me:s förebilder "
                "och praktikplatser kompletterar det. Vi ritade kedjan från förebildsträffar och "
                "praktik till fler unga i arbete, och diskuterade vad som går att mäta redan "
                "första året."
            ),
            "decisions": (
                "Right to Work prövas i Årby och Nyfors. Tre långsiktiga mål och fem indikatorer "
                "som utgångspunkt."
            ),
            "actions": (
                (
                    "Skriv in förändringsteorin i Samverkan",
                    facilitator or "Reach for Change",
                    date(2023, 4, 30),
                    True,
                ),
            ),
        },
        {
            "kind": Kind.CO_CREATION,
            "title": "Heldag 4: Språk och begrepp",
            "day": date(2023, 5, 10),
            "agenda": (
                "1. Orden vi använder: deltagare, arbetsmarknadsinsats, uppföljning\n"
                "2. Vad betyder de för kommunen, och vad betyder de för Right By Me?\n"
                "3. En gemensam betydelse i ordlistan\n4. Hur vi skriver till de unga"
            ),
            "notes": (
                "Varje part beskrev vad orden betyder i det egna arbetet. För kommunen är en "
                "deltagare den som har ett beslut, för Right By Me den unga de möter från första "
                "kontakten. Skillnaderna förklarade flera missförstånd från vårens möten."
            ),
            "decisions": (
                "”Deltagare” och ”arbetsmarknadsinsats” får en gemensam betydelse i "
                "ordlistan. ”Uppföljning” tas upp igen när arbetsplanen är klar."
            ),
            "actions": (
                (
                    "För in de gemensamma betydelserna i ordlistan",
                    entreprenor,
                    date(2023, 5, 17),
                    True,
                ),
            ),
        },
        {
            "kind": Kind.CO_CREATION,
            "title": "Heldag 5: Arbetsplan och kostnadsuppskattning",
            "day": date(2023, 6, 7),
            "agenda": (
                "1. Vem gör vad? Ansvar per aktivitet\n"
                "2. Aktiviteterna i nästa fas: tidsåtgång och resurser\n"
                "3. Uppskattad kostnad för Right to Work i Eskilstuna\n"
                "4. Mötesrytm och finansiering: ESF och kommunens egna medel"
            ),
            "notes": (
                "Arbetsplanen gicks igenom aktivitet för aktivitet. Right By Me leder "
                "förebildsträffarna, kommunen ansvarar för praktikplatser och myndighetsbeslut. "
                "Varje aktivitet uppskattades i timmar och resurser; summan blev underlag för "
                "ansökan och för tjänsteutlåtandet."
            ),
            "decisions": (
                "Operativ avstämning varje vecka, strategiskt möte varje kvartal. "
                "Samverkansplanen skrivs under i juni och ansökan till Europeiska socialfonden "
                "lämnas in i september."
            ),
            "actions": (
                (
                    "Skicka samverkansplanen på remiss till parterna",
                    kommun,
                    date(2023, 6, 14),
                    True,
                ),
                ("Skriv utkast till tjänsteutlåtande", kommun, date(2023, 8, 31), True),
                (
                    "Ta fram rutin för avvikelser och oenighet",
                    "Reach for Change (processledare)",
                    date(2023, 6, 15),
                    False,
                ),
            ),
        },
    ]


def _eskilstuna(partnership: Partnership, users: dict[str, Any]) -> None:
    kommun = users.get("kommun@demo.example")
    entreprenor = users.get("entreprenor@demo.example")
    facilitator = users.get("facilitator@demo.example")
    everyone = [u for u in (kommun, entreprenor, facilitator) if u is not None]
    contacts = _contacts(partnership)
    for spec in _full_days(users):
        _meeting(
            partnership,
            everyone,
            hours=(9, 16),
            mode=Mode.PHYSICAL,
            location=PLACE,
            contacts=contacts["full_days"],
            **spec,
        )
    _meeting(
        partnership,
        [u for u in (entreprenor,) if u is not None],
        contacts=contacts["target_group"],
        kind=Kind.TARGET_GROUP,
        title="Samtal med unga i Årby",
        day=date(2023, 2, 22),
        hours=(15, 17),
        mode=Mode.PHYSICAL,
        location="Årby fritidsgård",
        agenda="Vad hindrar er från jobb eller studier? Vad skulle hjälpa?",
        notes="Tolv unga deltog. Många nämnde att de saknar någon som visar vägen in.",
    )
    check_ins = [date(2023, 9, 4), date(2023, 9, 11), date(2023, 9, 18), date(2023, 9, 25)]
    for number, day in enumerate(check_ins, start=1):
        _meeting(
            partnership,
            [u for u in (kommun, entreprenor) if u is not None],
            kind=Kind.OPERATIONAL,
            title=f"Veckoavstämning vecka {day.isocalendar()[1]}",
            day=day,
            hours=(8, 9),
            mode=Mode.DIGITAL,
            online_link="https://teams.example/veckoavstamning",
            agenda="Läget i grupperna, praktikplatser, hinder som behöver lösas.",
            notes="Kort avstämning." if number < 4 else "Två nya praktikplatser hos kommunen.",
        )
    # Something to look forward to, and one action left open past its date (shows as overdue).
    today = timezone.localdate()
    _meeting(
        partnership,
        everyone,
        kind=Kind.LEARNING,
        title="Lärandeworkshop: vad tar vi med oss?",
        day=today + timedelta(days=21),
        hours=(9, 12),
        mode=Mode.HYBRID,
        location=PLACE,
        online_link="https://teams.example/larande",
        agenda="1. Vad har fungerat?\n2. Vad ändrar vi?\n3. Hur sprider vi lärdomarna?",
        actions=(
            (
                "Samla in frågor från parterna inför workshoppen",
                facilitator or "Reach for Change",
                today + timedelta(days=14),
                False,
            ),
        ),
    )


def _boden(partnership: Partnership, users: dict[str, Any]) -> None:
    boden = users.get("boden@demo.example")
    facilitator = users.get("facilitator@demo.example")
    everyone = [u for u in (boden, facilitator) if u is not None]
    folkhogskola = "Sunderby folkhögskola"
    specs: list[dict[str, Any]] = [
        {
            "kind": Kind.CO_CREATION,
            "title": "Workshop 1: Utmaningen och parterna",
            "day": date(2024, 11, 20),
            "location": folkhogskola,
            "agenda": "Vilka jobb kommer, och vilka unga vuxna och medflyttande kan ta dem?",
            "notes": "Parterna beskrev sina bilder av arbetsmarknaden som växer fram.",
        },
        {
            "kind": Kind.CO_CREATION,
            "title": "Workshop 2: Målgrupper och vägar in",
            "day": date(2025, 1, 22),
            "location": folkhogskola,
            "agenda": "Målgrupperna, deras behov och vilka vägar in som finns i dag.",
            "notes": "Medflyttande lyftes som en grupp som ofta glöms bort.",
        },
        {
            "kind": Kind.STRATEGIC,
            "title": "Nätverksträff med etablerande företag",
            "day": date(2025, 3, 12),
            "location": "Bodens Utveckling AB",
            "agenda": "Företagens rekryteringsbehov de kommande åren.",
            "notes": "Sex företag deltog och beskrev sina behov.",
        },
        {
            "kind": Kind.CO_CREATION,
            "title": "Workshop 3: Från idé till plan",
            "day": date(2025, 4, 23),
            "location": folkhogskola,
            "agenda": "Aktiviteter, ansvar och tidsplan inför jobbmässan.",
            "notes": "Planen för jobbmässan togs fram.",
            "decisions": "Jobbmässan hålls i september; Bodens Utveckling bjuder in företagen.",
        },
        {
            "kind": Kind.STRATEGIC,
            "title": "Nätverksträff: lärdomar och nästa steg",
            "day": date(2025, 6, 11),
            "location": "Bodens kommun, Stadshuset",
            "agenda": "Vad har vi lärt oss hittills, och hur går vi vidare?",
            "notes": "Parterna vill fortsätta efter projekttiden.",
        },
        {
            "kind": Kind.TARGET_GROUP,
            "title": "Jobbmässa för unga vuxna och medflyttande",
            "day": date(2025, 9, 17),
            "location": "Boden Arena",
            "agenda": "Företag, utbildningar och kommunens vägledning på ett ställe.",
            "notes": "Välbesökt; flera fick kontakt med arbetsgivare direkt.",
        },
    ]
    for spec in specs:
        _meeting(partnership, everyone, hours=(9, 15), mode=Mode.PHYSICAL, **spec)


def seed(context: Any) -> None:
    from ..demo import BODEN, ESKILSTUNA

    for title, seeder in ((ESKILSTUNA, _eskilstuna), (BODEN, _boden)):
        partnership = context.partnerships.get(title)
        if partnership is None:
            continue
        if Meeting.all_objects.filter(partnership=partnership).exists():
            if title == ESKILSTUNA:
                _retitle_full_days(partnership, context.users)
            continue  # seeded before: keep what the demo users changed
        seeder(partnership, context.users)
