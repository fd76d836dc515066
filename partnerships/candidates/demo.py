"""Demo candidates: Eskilstuna chose Right By Me and the municipality's labour market and
adult education administration after assessing them, and declined one invented candidate;
Boden is still in dialogue with two invented ones. Invented organisations are named as
examples. Idempotent: a partnership that has candidates already is left as it is."""

from __future__ import annotations

from typing import Any

from ..models import Organisation, Party
from .models import Candidate

NOTE = " (Exempel.)"


def _scores(entries: dict[str, tuple[int, str]]) -> dict[str, dict[str, Any]]:
    return {
        key: {"score": score, "justification": text + NOTE}
        for key, (score, text) in entries.items()
    }


def _answers(entries: dict[str, str]) -> dict[str, str]:
    return {key: text + NOTE for key, text in entries.items()}


def _organisation(name: str, owner: Any, **fields: Any) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name, created_by=owner, **fields)
    return organisation


def _candidate(partnership: Any, organisation: Organisation, **fields: Any) -> Candidate:
    party = Party.objects.filter(partnership=partnership, organisation=organisation).first()
    if fields.get("status") == Candidate.Status.CHOSEN:
        fields["party"] = party
    return Candidate.objects.create(partnership=partnership, organisation=organisation, **fields)


def _eskilstuna(context: Any) -> None:
    from ..demo import ESKILSTUNA

    partnership = context.partnerships.get(ESKILSTUNA)
    if partnership is None or Candidate.all_objects.filter(partnership=partnership).exists():
        return
    owner = context.users.get("kommun@demo.example")
    municipality = Organisation.objects.filter(name="Eskilstuna kommun").first()
    right_by_me = Organisation.objects.filter(name="Right By Me").first()
    Status, Side = Candidate.Status, Candidate.Side
    if municipality is not None:
        _candidate(
            partnership,
            municipality,
            side=Side.PUBLIC,
            status=Status.CHOSEN,
            notes="Kontakten började med en enhetschef på AVF." + NOTE,
            scores=_scores(
                {
                    "legal_responsibility": (
                        5,
                        "AVF ansvarar för kommunens arbetsmarknadsinsatser och har uppdraget "
                        "att följa upp unga som varken arbetar eller studerar",
                    ),
                    "municipal_priorities": (
                        5,
                        "Ungdomsarbetslösheten är ett av kommunens prioriterade problem i budgeten",
                    ),
                    "anchoring_and_trust": (
                        2,
                        "Förvaltningen når inte de unga i Årby och Nyfors med sina ordinarie "
                        "insatser",
                    ),
                    "tested_method": (
                        3,
                        "Egna insatser finns och följs upp, men ingen metod för just de här unga",
                    ),
                    "complements": (
                        4,
                        "Förvaltningen har uttalat fokus på mångfald och inkludering, och idén "
                        "förankrades i flera enheter",
                    ),
                    "scalability": (
                        4,
                        "Kan ta över finansieringen efter projektet om resultaten håller",
                    ),
                }
            ),
            answers=_answers(
                {
                    "municipality_view": (
                        "Många unga med utländsk bakgrund står utan jobb och utan kontakt med "
                        "kommunens insatser"
                    ),
                    "responsibility_and_law": (
                        "Kommunen har aktivitetsansvar för unga under 20 och ansvar för "
                        "arbetsmarknadsinsatser och vuxenutbildning"
                    ),
                    "already_tried": (
                        "Ordinarie coachning och praktik via arbetsmarknadsenheten; få unga "
                        "från stadsdelarna kommer dit"
                    ),
                }
            ),
        )
    if right_by_me is not None:
        _candidate(
            partnership,
            right_by_me,
            side=Side.ENTREPRENEUR,
            status=Status.CHOSEN,
            notes="Idén kom från ett samtal mellan Right By Me:s generalsekreterare och AVF."
            + NOTE,
            scores=_scores(
                {
                    "reaches_target_group": (
                        5,
                        "Metoden Right to Work ger unga arbetslivserfarenhet och ett socialt "
                        "sammanhang; förebilder med liknande bakgrund når fram",
                    ),
                    "municipal_priorities": (
                        5,
                        "Passar kommunens prioritering av ungdomsarbetslösheten",
                    ),
                    "anchoring_and_trust": (
                        5,
                        "Kunde snabbt anställa lokala ungdomar på arvode, vilket stärkte den "
                        "lokala förankringen",
                    ),
                    "tested_method": (
                        4,
                        "Utvärderad och beprövad metod; vad, för vem, hur och varför finns "
                        "beskrivet, effekterna i Eskilstuna återstår att mäta",
                    ),
                    "complements": (
                        5,
                        "Kompletterar förvaltningens insatser med en väg in som de unga litar på",
                    ),
                    "scalability": (
                        3,
                        "Bygger på projektpengar från ESF; en kostnad per deltagare behövs för "
                        "att kommunen ska kunna ta över",
                    ),
                }
            ),
            answers=_answers(
                {
                    "problem_and_for_whom": (
                        "Unga 16–29 år med utländsk bakgrund som står långt från arbetsmarknaden"
                    ),
                    "good_match": (
                        "Ja: kommunen prioriterar ungdomsarbetslösheten och vi har de ungas "
                        "förtroende"
                    ),
                    "how_to_measure": (
                        "Andel deltagare i arbete eller studier efter sex månader, och hur nära "
                        "arbetsmarknaden de unga själva upplever sig"
                    ),
                }
            ),
        )
    declined = _organisation(
        "Jobbverkstaden Exempel AB (exempel)",
        owner,
        kind=Organisation.Kind.SOCIAL_ENTREPRENEUR,
        legal_form=Organisation.LegalForm.LIMITED_COMPANY,
        description="Påhittat socialt företag med jobbcoachning i grupp." + NOTE,
    )
    _candidate(
        partnership,
        declined,
        side=Side.ENTREPRENEUR,
        status=Status.DECLINED,
        notes="Metoden liknar det förvaltningen redan gör." + NOTE,
        scores=_scores(
            {
                "reaches_target_group": (2, "Når främst unga som redan är inskrivna"),
                "municipal_priorities": (4, "Arbetar med unga utan sysselsättning"),
                "anchoring_and_trust": (2, "Saknar kontakter i Årby och Nyfors"),
                "tested_method": (3, "Uppföljning finns men ingen utvärdering"),
                "complements": (1, "Dubblerar arbetsmarknadsenhetens coachning"),
            }
        ),
    )


def _boden(context: Any) -> None:
    from ..demo import BODEN

    partnership = context.partnerships.get(BODEN)
    if partnership is None or Candidate.all_objects.filter(partnership=partnership).exists():
        return
    owner = context.users.get("boden@demo.example")
    Status, Side = Candidate.Status, Candidate.Side
    first = _organisation(
        "Nystart Norr (exempel)",
        owner,
        kind=Organisation.Kind.SOCIAL_ENTREPRENEUR,
        legal_form=Organisation.LegalForm.NON_PROFIT_ASSOCIATION,
        description="Påhittad förening som möter medflyttande till nya industriarbetare." + NOTE,
    )
    second = _organisation(
        "Unga vuxna i arbete Boden (exempel)",
        owner,
        kind=Organisation.Kind.SOCIAL_ENTREPRENEUR,
        legal_form=Organisation.LegalForm.ECONOMIC_ASSOCIATION,
        description="Påhittat socialt företag med praktik hos industriföretag." + NOTE,
    )
    _candidate(
        partnership,
        first,
        side=Side.ENTREPRENEUR,
        status=Status.IN_DIALOGUE,
        scores=_scores(
            {
                "reaches_target_group": (4, "Har redan nätverk bland nyinflyttade familjer"),
                "anchoring_and_trust": (4, "Drivs av personer som själva flyttat hit"),
                "scalability": (2, "Ingen plan för tiden efter projektet ännu"),
            }
        ),
        answers=_answers(
            {"problem_and_for_whom": "Medflyttande som saknar nätverk och jobb i Boden"}
        ),
    )
    _candidate(partnership, second, side=Side.ENTREPRENEUR, status=Status.CONTACTED)


def seed(context: Any) -> None:
    _eskilstuna(context)
    _boden(context)
