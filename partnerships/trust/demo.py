"""Demo perspectives and organisational contexts (step 2): Eskilstuna in full, Boden begun.

Written in our own words from the guide's cases; the details beyond the guide's own facts are
made up to show the tool. Idempotent: a partnership that has any perspective or context
already is left as the demo users left it.
"""

from __future__ import annotations

from typing import Any

from ..demo import BODEN, ESKILSTUNA, DemoContext
from ..models import Party
from .models import OrganisationalContext, Perspective

NOTE = " (Exempel.)"
AVF = "Eskilstuna kommun"

# partnership -> organisation name -> answers
PERSPECTIVES: dict[str, dict[str, dict[str, str]]] = {
    ESKILSTUNA: {
        AVF: {
            "goals": "Fler unga 16–29 år i Årby och Nyfors i arbete eller studier." + NOTE,
            "motivation": (
                "Förvaltningens ordinarie insatser når inte de unga som inte är inskrivna "
                "någonstans. Vi vill pröva ett nytt arbetssätt tillsammans med någon som de "
                "unga redan litar på."
            ),
            "challenge_view": (
                "Många unga i områdena saknar gymnasieexamen och kontakter i arbetslivet, och "
                "en del av dem känner kommunen inte till alls."
            ),
            "already_done": (
                "Jobbtorg med arbetsmarknadsinsatser, vuxenutbildning, feriejobb och samarbete "
                "med Arbetsförmedlingen."
            ),
            "most_important": (
                "Att nå dem som ingen myndighet når i dag, och att kunna visa nämnden vad "
                "insatsen ger."
            ),
            "brings": (
                "Kunskap om arbetsmarknaden och kommunens insatser\n"
                "Kontakter med arbetsgivare i Eskilstuna\n"
                "Lokaler i Årby och Nyfors\n"
                "Studie- och yrkesvägledning"
            ),
            "needs": (
                "Förtroende hos unga som kommunen inte når\n"
                "En metod som fungerar för unga långt från arbetsmarknaden\n"
                "Processledning av samskapandet"
            ),
            "constraints": (
                "Budgeten beslutas årsvis av nämnden: det som ska fortsätta måste rymmas i "
                "nästa års budget.\n"
                "Köp av tjänster följer lagen om offentlig upphandling (LOU).\n"
                "Uppgifter om deltagare hanteras enligt GDPR och offentlighets- och "
                "sekretesslagen.\n"
                "Beslut går via förvaltningsledning och nämnd och tar tid."
            ),
            "own_goals": (
                "Minskade kostnader för försörjningsstöd, och ett underlag för budgetarbetet."
            ),
        },
        "Right By Me": {
            "goals": (
                "Att unga i Årby och Nyfors får ett första jobb eller börjar studera, med stöd "
                "av förebilder." + NOTE
            ),
            "motivation": (
                "Flera av oss har vuxit upp i liknande områden. Vi vill att metoden blir en del "
                "av kommunens ordinarie arbete och inte tar slut med projektet."
            ),
            "challenge_view": (
                "Det saknas inte vilja hos de unga, utan kontakter, förebilder och tillit till "
                "myndigheter."
            ),
            "already_done": (
                "Metoden Right to Work har prövats med flera grupper: förebilder, praktik och "
                "coachning."
            ),
            "most_important": (
                "Att de unga möts av någon de litar på, och att vägen till en arbetsgivare blir "
                "kort."
            ),
            "brings": (
                "Metoden Right to Work\n"
                "Förtroende hos unga i Årby och Nyfors\n"
                "Förebilder med egen erfarenhet\n"
                "Coachning och uppsökande arbete"
            ),
            "needs": (
                "Kontakter med arbetsgivare som tar emot praktikanter\n"
                "Lokaler nära de unga\n"
                "Kunskap om kommunens regler och insatser\n"
                "Långsiktig finansiering efter projekttiden"
            ),
            "constraints": (
                "Liten organisation med få anställda.\n"
                "Beroende av projektmedel, och kan inte vänta länge på betalning."
            ),
            "own_goals": "Bli en långsiktig partner till kommunen och sprida metoden till fler städer.",
        },
        "Reach for Change": {
            "goals": (
                "Att samverkan mellan kommun och social entreprenör blir en modell som fler "
                "kommuner kan använda." + NOTE
            ),
            "motivation": "Vi ser att bra metoder stannar i projekt när ingen äger samverkan.",
            "brings": (
                "Processledning av fem heldagsträffar\n"
                "Erfarenhet av samverkan mellan sektorer\n"
                "Nätverk av sociala entreprenörer"
            ),
            "needs": (
                "Tid från kommunens chefer till träffarna\nDokumentation av lärdomar från piloten"
            ),
            "constraints": "Vår tid är knuten till projektets tidsplan och rapportering.",
            "own_goals": "En guide om samverkan som sprids i hela landet.",
        },
        "Föreningen Inkludera": {
            "goals": "Att metoden blir ordinarie verksamhet i kommunen." + NOTE,
            "brings": (
                "Erfarenhet av att göra sociala innovationer till ordinarie verksamhet\n"
                "Stöd i att ta fram beslutsunderlag"
            ),
            "needs": "Resultat från piloten som visar effekt",
        },
        "Svenska ESF-rådet": {
            "goals": "Att projektet bidrar till programmets mål om fler i arbete och studier."
            + NOTE,
            "brings": "Medel från Europeiska socialfonden, 2023–2025",
            "needs": "Lägesrapporter och redovisning av medfinansierad tid",
            "constraints": "EU:s regler för vilka kostnader som får räknas i projektet.",
        },
    },
    BODEN: {
        "Bodens kommun": {
            "goals": (
                "Att unga vuxna och medflyttande hittar vägar in till de nya jobben i "
                "industrin." + NOTE
            ),
            "motivation": (
                "Etableringarna ger omkring 1 500 nya industrijobb; kommunen vill att Bodens egna "
                "invånare får del av dem."
            ),
            "challenge_view": (
                "Företagen behöver folk snabbt, medan många unga vuxna inte ser sig själva i "
                "industrin."
            ),
            "already_done": "Näringslivsträffar och en första jobbmässa.",
            "most_important": "Kontakt mellan industrin och de unga vuxna tidigt.",
            "brings": "Kontakter med företag som etablerar sig\nLokaler för träffar och mässor",
            "needs": "Utbildning som matchar industrins behov\nVägar att nå unga vuxna",
            "constraints": "Budget per kalenderår; upphandlingsregler; få handläggare.",
            "own_goals": "Fler invånare och skatteintäkter.",
        },
        # Begun, not finished: the step stays in progress.
        "Sunderby folkhögskola": {
            "goals": "Att fler unga vuxna börjar en utbildning som leder till jobb." + NOTE,
            "motivation": "Folkhögskolan möter redan många av de unga vuxna projektet vill nå.",
        },
    },
}

CONTEXTS: dict[str, dict[str, dict[str, str]]] = {
    ESKILSTUNA: {
        AVF: {
            "current_work": (
                "Jobbtorg med arbetsmarknadsinsatser och stöd i jobbsökande för unga, "
                "vuxenutbildning och feriejobb." + NOTE
            ),
            "overlaps": (
                "Både jobbtorgets coacher och Right By Me:s förebilder stöder unga i att söka "
                "jobb: vi behöver komma överens om vem som gör vad för samma person."
            ),
            "possible_harm": (
                "Om kommunen kräver inskrivning och beslut innan stöd ges kan unga som Right By "
                "Me når tappa förtroendet."
            ),
            "simpler_processes": (
                "Ett gemensamt samtycke i stället för två, och en kontaktperson på jobbtorget."
            ),
            "strengths": "Ansvaret enligt lag, kontakter med arbetsgivare och lokaler.",
        },
        "Right By Me": {
            "current_work": (
                "Förebilder som coachar unga i jobbsökande, praktik hos arbetsgivare och "
                "uppsökande arbete i Årby och Nyfors." + NOTE
            ),
            "overlaps": "Vår coachning liknar jobbtorgets; vi möter oftast dem som inte är inskrivna.",
            "possible_harm": (
                "Om vi lovar något som kommunens regler inte tillåter kan förtroendet för "
                "kommunen skadas."
            ),
            "simpler_processes": "En gemensam avstämning i veckan i stället för separata rapporter.",
            "strengths": "De ungas förtroende, förebilder och snabbhet.",
        },
        "Reach for Change": {
            "current_work": (
                "Leder samskapande träffar mellan kommuner och sociala entreprenörer i flera "
                "städer." + NOTE
            ),
            "strengths": "En neutral part som håller ihop processen.",
        },
        "Föreningen Inkludera": {
            "current_work": "Hjälper sociala innovationer att bli ordinarie verksamhet." + NOTE,
            "strengths": "Erfarenhet från många kommuner.",
        },
        "Svenska ESF-rådet": {
            "current_work": "Förvaltar Europeiska socialfonden och följer upp projekten." + NOTE,
            "strengths": "Finansiering och tydliga krav på uppföljning.",
        },
    },
    BODEN: {
        "Bodens kommun": {
            "current_work": "Näringslivsarbete och arbetsmarknadsinsatser för unga vuxna." + NOTE,
            "strengths": "Kontakter med de företag som etablerar sig.",
        },
        "Sunderby folkhögskola": {
            "current_work": "Utbildning för unga vuxna, med flera som är nya i Boden." + NOTE,
            "strengths": "Når unga vuxna som kommunen inte når.",
        },
        "Bodens Utveckling AB": {
            "current_work": "Hjälper företag att etablera sig i Boden." + NOTE,
            "strengths": "Nätverk i industrin.",
        },
        "Reach for Change": {
            "current_work": "Leder workshoppar och nätverksträffar." + NOTE,
            "strengths": "Erfarenhet av samverkan mellan sektorer.",
        },
        "Vinnova": {
            "current_work": "Finansierar innovationsprojekt." + NOTE,
            "strengths": "Finansiering och krav på lärande.",
        },
    },
}


def _seed(model: Any, case: str, answers: dict[str, dict[str, str]], context: DemoContext) -> None:
    partnership = context.partnerships.get(case)
    if partnership is None or model.objects.filter(partnership=partnership).exists():
        return  # seeded before: keep what the demo users changed
    parties = {
        party.organisation.name: party
        for party in Party.objects.filter(partnership=partnership).select_related("organisation")
    }
    for name, fields in answers.items():
        party = parties.get(name)
        if party is not None:
            model.objects.create(partnership=partnership, party=party, **fields)


def seed(context: DemoContext) -> None:
    for case in (ESKILSTUNA, BODEN):
        _seed(Perspective, case, PERSPECTIVES[case], context)
        _seed(OrganisationalContext, case, CONTEXTS[case], context)
