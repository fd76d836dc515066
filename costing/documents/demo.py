"""Demo tjänsteutlåtanden: Eskilstuna with a generated PDF, Boden with a draft only.

Idempotent: a draft that exists is kept as it is, and Eskilstuna's first version is generated
(and rendered in-process, so a new user finds a PDF to download) only when it has none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import translation

from partnerships.demo import BODEN, ESKILSTUNA, DemoContext

from . import services
from .memo_data import memo_data
from .models import GeneratedDocument, MemoDraft

ESKILSTUNA_MEMO = {
    "subject": "Fortsatt samverkan med Right By Me efter ESF-projektet",
    "registration_number": "AVN 2025/0412",
    "committee": "Arbetsmarknads- och vuxenutbildningsnämnden",
    "administration": "Arbetsmarknads- och vuxenutbildningsförvaltningen",
    "officer_name": "Karin Kommunsson",
    "officer_title": "Utvecklingsstrateg",
    "officer_email": "kommun@demo.example",
    "memo_date": dt.date(2025, 10, 14),
    "summary": (
        "Sedan 2023 arbetar förvaltningen tillsammans med det sociala företaget Right By Me för "
        "att fler unga i Årby och Nyfors ska få arbete eller börja studera. Arbetet har "
        "finansierats av Europeiska socialfonden och projektpengarna tar slut vid årsskiftet. "
        "Piloten nådde 78 unga som kommunens ordinarie insatser tidigare inte nådde. "
        "Förvaltningen föreslår att samverkan fortsätter i ett idéburet offentligt partnerskap "
        "under 2026–2027, finansierat inom nämndens budgetram."
    ),
    "proposed_decision": (
        "Arbetsmarknads- och vuxenutbildningsnämnden ger förvaltningen i uppdrag att ingå ett "
        "idéburet offentligt partnerskap med Right By Me för perioden 1 januari 2026 till "
        "31 december 2027.\n"
        "Kostnaden, högst 1 200 000 kronor per år, finansieras inom nämndens budgetram för "
        "arbetsmarknadsinsatser.\n"
        "Förvaltningen ska återrapportera resultaten till nämnden efter det första året."
    ),
    "background": (
        "Projektet Kraftsamling för ökad ungdomssysselsättning startade 2023 med stöd från "
        "Europeiska socialfonden. Förvaltningen, Right By Me och Reach for Change har under "
        "projekttiden tagit fram en gemensam förändringsteori, en samverkansplan och ett "
        "gemensamt sätt att följa upp resultaten. Right By Me anställer unga från områdena som "
        "når jämnåriga där de redan finns och följer dem hela vägen till en första anställning."
    ),
    "assessment": (
        "Förvaltningen bedömer att arbetssättet når en grupp som kommunens ordinarie insatser "
        "har svårt att nå, och att resultaten från piloten är tillräckligt goda för att arbetet "
        "ska fortsätta. Ett idéburet offentligt partnerskap passar eftersom båda parter bidrar "
        "med egna resurser mot ett gemensamt mål, och arbetet inte är en tjänst som kommunen "
        "köper. Uppföljningen sker med de indikatorer som parterna redan använder."
    ),
    "alternatives": (
        "Att avsluta samverkan när projektpengarna tar slut: de unga som nu är på väg mot "
        "arbete förlorar sitt stöd, och kunskapen som byggts upp går förlorad.\n"
        "Att upphandla motsvarande insats: tar tid, och en upphandlad leverantör saknar den "
        "tillit i områdena som arbetet bygger på."
    ),
    "economic_consequences": (
        "Förslaget kostar högst 1 200 000 kronor per år och ryms inom nämndens budgetram för "
        "arbetsmarknadsinsatser. Varje ung person som går från försörjningsstöd till arbete "
        "minskar kommunens kostnader."
    ),
    "child_impact": (
        "Målgruppen är 16–24 år, och en del av deltagarna är alltså barn. Förslaget stärker "
        "deras möjlighet att fullfölja studier eller få ett första arbete."
    ),
    "gender_equality_impact": (
        "Under piloten var två av tre deltagare unga män. Parterna ska under 2026 pröva hur "
        "fler unga kvinnor kan nås, och redovisa resultaten uppdelat på kön."
    ),
    "attachments": "Samverkansplan 2026–2027\nUtvärdering av piloten 2023–2025",
    "recipients": "Right By Me\nReach for Change\nEkonomienheten, Arbetsmarknads- och vuxenutbildningsförvaltningen",
}

BODEN_MEMO = {
    "subject": "Samlad kraft för framtidens Boden: fortsatt arbete efter Vinnova-projektet",
    "committee": "Kommunstyrelsen",
    "administration": "Bodens kommun, Näringslivskontoret",
    "officer_name": "Bo Bodensson",
    "officer_title": "Näringslivsutvecklare",
    "officer_email": "boden@demo.example",
    "summary": (
        "Ett utkast: parterna vill att arbetet med att möta industrins kompetensbehov fortsätter "
        "när projektet avslutas i november 2025."
    ),
    "background": (
        "Bodens kommun, Sunderby folkhögskola och Bodens Utveckling AB har med stöd från "
        "Vinnova arbetat för att unga vuxna och inflyttande familjer ska hitta vägar till de "
        "nya jobben i regionen."
    ),
}


def _memo(partnership_title: str, context: DemoContext, fields: Mapping[str, object]) -> None:
    partnership = context.partnerships.get(partnership_title)
    if partnership is None or MemoDraft.objects.filter(partnership=partnership).exists():
        return
    services.memo_create(partnership=partnership, **fields)


def _first_version(context: DemoContext) -> None:
    """Eskilstuna's version 1, rendered here and now (no worker needed)."""
    from ..tasks import render_document

    partnership = context.partnerships.get(ESKILSTUNA)
    if partnership is None or GeneratedDocument.objects.filter(partnership=partnership).exists():
        return
    with translation.override("sv"):
        data = memo_data(partnership)
    document = services.document_generate(
        partnership=partnership,
        kind=GeneratedDocument.Kind.TJANSTEUTLATANDE,
        data=data,
        language="sv",
        created_by=context.users.get("kommun@demo.example"),
    )
    render_document.apply(args=(document.pk,))


def seed(context: DemoContext) -> None:
    _memo(ESKILSTUNA, context, ESKILSTUNA_MEMO)
    _memo(BODEN, context, BODEN_MEMO)
    _first_version(context)
