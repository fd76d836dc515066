"""The data parts of the tjänsteutlåtande, read from the partnership's records.

`memo_data(partnership)` returns plain JSON (texts already formatted in the active language),
frozen into a `GeneratedDocument` when someone clicks "Generate PDF": a version always shows
what the records said that day. Every part degrades to an empty value when its records are
missing, and the template says so in words.
"""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from partnerships.models import Partnership, Party, SteeringDocument
from theory_of_change.chain import Chain
from theory_of_change.diagram import render_svg
from theory_of_change.selectors import load_chain
from theory_of_change.shape import Frequency, Level

from .models import MEMO_FIELDS, MemoDraft, lines

SCHEMA = 1
EMPTY = "—"


def cost_section(partnership: Partnership) -> dict[str, Any] | None:
    """The costs part of the memo from the cost calculation (`costing.selectors.cost_summary`):
    the total per year, the total and the cost per participant, and each financing form with its
    amount and who pays; None while the partnership has neither cost lines nor financing."""
    from costing.selectors import cost_summary

    summary = cost_summary(partnership)
    if summary is None:
        return None
    scenario = {"estimate": _("estimate"), "actual": _("actual outcome")}.get(
        summary["scenario"] or "", ""
    )
    found: list[str] = []
    if summary["total_text"]:
        found.append(
            _("Total cost (%(scenario)s): %(total)s.")
            % {"scenario": scenario, "total": summary["total_text"]}
        )
    if summary["per_participant_text"]:
        found.append(
            _("Cost per participant: %(amount)s, for %(count)s participants.")
            % {"amount": summary["per_participant_text"], "count": summary["participants"]}
        )
    for row in summary["financing"]:
        parts = [row["form_label"], row["status_label"].lower()]
        if row["amount_text"]:
            parts.append(row["amount_text"])
        if row["payer"]:
            parts.append(_("paid by %(payer)s") % {"payer": row["payer"]})
        if row["funder"]:
            parts.append(_("funder %(funder)s") % {"funder": row["funder"]})
        found.append(_("Financing: %(details)s.") % {"details": ", ".join(parts)})
    return {
        "caption": _("Costs per year (%(scenario)s, SEK including overhead and VAT)")
        % {"scenario": scenario},
        "headings": [_("Year"), _("Total")],
        "rows": [[str(year["year"]), year["total_text"]] for year in summary["per_year"]],
        "lines": found,
        "total": summary["total"],
    }


def latest_values(partnership: Partnership) -> dict[int, str]:
    """The latest measured value per indicator id (formatted), from the follow-up records;
    empty until step 6's measurements exist."""
    return {}


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return EMPTY
    trimmed = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    text = formats.number_format(trimmed, use_l10n=True, force_grouping=True)
    return f"{text}\u00a0{unit}" if unit else text


def _with_date(text: str, when: dt.date | None) -> str:
    if text == EMPTY or when is None:
        return text
    return _("%(value)s (%(date)s)") % {"value": text, "date": _date(when)}


def _frequency_label(value: str) -> str:
    return str(Frequency(value).label) if value in Frequency.values else ""


def lead_municipality(partnership: Partnership, parties: list[Party]) -> str:
    """The municipality the memo is issued in: the partnership's municipality, else the lead
    municipality party's organisation."""
    if partnership.municipality is not None:
        return _("%(name)s municipality") % {"name": partnership.municipality.name}
    lead = next((p for p in parties if p.part == Party.Part.LEAD_MUNICIPALITY), None)
    return lead.organisation.name if lead else ""


def narrative(memo: MemoDraft) -> dict[str, Any]:
    """The draft's narrative parts as JSON: dates as ISO text, line lists as lists."""
    data: dict[str, Any] = {}
    for name in MEMO_FIELDS:
        value = getattr(memo, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else (value or "")
    data["memo_date_label"] = _date(memo.memo_date)
    data["decision_points"] = lines(memo.proposed_decision)
    data["attachment_list"] = lines(memo.attachments)
    data["recipient_list"] = lines(memo.recipients)
    return data


def header(partnership: Partnership, parties: list[Party]) -> dict[str, Any]:
    """What every document says of its partnership: title, municipality, period."""
    return {
        "schema": SCHEMA,
        "frozen_at": timezone.now().isoformat(),
        "partnership": {
            "title": partnership.title,
            "municipality": lead_municipality(partnership, parties),
            "period": " – ".join(
                filter(None, (_date(partnership.start_date), _date(partnership.end_date)))
            ),
            "frozen_on": _date(timezone.localdate()),
        },
    }


def chain_parts(partnership: Partnership, chain: Chain, *, id_prefix: str) -> dict[str, Any]:
    """The theory of change as the documents show it: the shared picture, the diagram (SVG,
    base64), the nodes per level and the indicators with baseline, latest value and target."""
    picture = chain.picture
    needs = [need["need"] for need in chain.needs if need.get("need")]
    titles = {node.id: node.title for node in chain.nodes}
    now = latest_values(partnership)
    indicators = [
        {
            "name": indicator.name,
            "node": titles.get(node.id, ""),
            "level": node.level_label,
            "baseline": _with_date(
                _number(indicator.baseline_value, indicator.unit), indicator.baseline_date
            ),
            "now": now.get(indicator.id, EMPTY),
            "target": _with_date(
                _number(indicator.target_value, indicator.unit), indicator.target_date
            ),
            "frequency": _frequency_label(indicator.frequency),
            "source": indicator.data_source,
            "responsible": indicator.responsible_party,
        }
        for node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id))
        for indicator in node.indicators
    ]
    levels = [
        {
            "label": str(level.label),
            "nodes": [
                node.title
                for node in sorted(chain.nodes, key=lambda n: (n.order, n.id))
                if node.level == level
            ],
        }
        for level in Level
    ]
    svg = ""
    if chain.nodes:
        svg = render_svg(
            chain,
            title=_("Theory of change of %(title)s") % {"title": partnership.title},
            id_prefix=id_prefix,
            standalone=True,
        )
    return {
        "challenge": partnership.challenge or "",
        "problem_statement": picture.get("problem_statement", ""),
        "target_group": picture.get("target_group", ""),
        "needs": needs,
        "vision": picture.get("vision", ""),
        "diagram_svg": base64.b64encode(svg.encode()).decode() if svg else "",
        "levels": [level for level in levels if level["nodes"]],
        "indicators": indicators,
    }


def memo_data(partnership: Partnership, memo: MemoDraft | None = None) -> dict[str, Any]:
    """Everything the memo's PDF shows, as JSON-serialisable data."""
    if memo is None:
        from .selectors import memo_for

        memo = memo_for(partnership)
    parties = list(Party.objects.filter(partnership=partnership).select_related("organisation"))
    chain = load_chain(partnership)
    documents = SteeringDocument.objects.filter(partnership=partnership).order_by("kind", "title")
    anchored = {document["id"] for document in chain.steering_documents}
    return {
        **header(partnership, parties),
        "memo": narrative(memo),
        **chain_parts(partnership, chain, id_prefix="memo-toc"),
        "steering_documents": [
            {
                "title": document.title,
                "kind": document.get_kind_display(),
                "year": str(document.year or ""),
                "issuer": document.issuing_organisation,
                "in_chain": document.pk in anchored,
            }
            for document in documents
        ],
        "parties": [
            {
                "name": party.organisation.name,
                "part": party.get_part_display(),
                "contribution": party.contribution,
            }
            for party in parties
        ],
        "costs": cost_section(partnership),
        **decision_sections(partnership),
    }


def decision_sections(partnership: Partnership) -> dict[str, Any]:
    """The ability to pay and the value (costing/decision/), each None without records."""
    from costing.decision.ability import budget_section
    from costing.decision.value import value_section

    return {"budget": budget_section(partnership), "value": value_section(partnership)}
