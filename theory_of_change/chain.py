"""The theory of change as plain data: one shape for the page, snapshots, export and import.

`Chain` is read from the database (`selectors.load_chain`) or from a JSON document
(`chain_from_dict`, which validates untrusted input and explains what is wrong), and turned
back into JSON with `chain_to_dict`. Revisions store that JSON, so an old revision renders
with the same diagram, outline and SMART check as the current chain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .rules import OUTCOME_LEVELS, link_allowed
from .smart import SmartResult, smart_check

FORMAT = "samverkan-theory-of-change"
FORMAT_VERSION = 1

PICTURE_FIELDS = (
    "problem_statement",
    "target_group",
    "target_group_needs",
    "target_group_challenges",
    "root_causes",
    "consequences",
    "vision",
)
LEVEL_SLUGS = {
    1: "activity",
    2: "output",
    3: "short_term",
    4: "medium_term",
    5: "long_term",
    6: "impact",
}
SLUG_LEVELS = {slug: level for level, slug in LEVEL_SLUGS.items()}
# The fields of an indicator, in the order forms, exports and comparisons show them.
INDICATOR_FIELDS = (
    "name",
    "unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "data_source",
    "frequency",
    "responsible_party",
)
# The indicator fields a record and a ChainIndicator share as they are.
RECORD_INDICATOR_FIELDS = INDICATOR_FIELDS[:-1]
MAX_NODES = 500  # far above any real chain
MAX_TEXT = 5000


def field_label(model: Any, name: str) -> str:
    """A model field's label as shown to people: its verbose name, capitalised."""
    return str(model._meta.get_field(name).verbose_name).capitalize()


@dataclass
class ChainIndicator:
    id: int
    name: str
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_date: dt.date | None = None
    target_value: Decimal | None = None
    target_date: dt.date | None = None
    data_source: str = ""
    frequency: str = ""
    responsible_party: str = ""

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class ChainNode:
    id: int
    level: int
    title: str
    description: str = ""
    order: int = 0
    goal_statement: str = ""
    addresses_target_group: bool = False
    achievability: str = ""
    need: str = ""
    steering_documents: list[int] = field(default_factory=list)
    indicators: list[ChainIndicator] = field(default_factory=list)

    _smart: SmartResult | None = field(default=None, repr=False, compare=False)

    @property
    def pk(self) -> int:
        return self.id

    @property
    def is_outcome(self) -> bool:
        return self.level in OUTCOME_LEVELS

    @property
    def has_goal(self) -> bool:
        return self.is_outcome and bool(self.goal_statement.strip())

    @property
    def level_slug(self) -> str:
        return LEVEL_SLUGS[self.level]

    @property
    def level_label(self) -> str:
        from .models import Level

        return str(Level(self.level).label)

    def smart(self) -> SmartResult:
        """The SMART check of this node's goal, computed once."""
        if self._smart is None:
            self._smart = smart_check(
                self, self.indicators, anchored_in_documents=bool(self.steering_documents)
            )
        return self._smart


@dataclass
class ChainLink:
    id: int
    source: int
    target: int
    assumptions: str = ""

    @property
    def pk(self) -> int:
        return self.id

    @property
    def target_id(self) -> int:
        return self.target


@dataclass
class Chain:
    picture: dict[str, str] = field(default_factory=dict)
    steering_documents: list[dict[str, Any]] = field(default_factory=list)
    picture_documents: list[int] = field(default_factory=list)
    nodes: list[ChainNode] = field(default_factory=list)
    links: list[ChainLink] = field(default_factory=list)

    def node_map(self) -> dict[int, ChainNode]:
        return {node.id: node for node in self.nodes}

    def outcomes_with_goals(self) -> list[ChainNode]:
        return [node for node in self.nodes if node.has_goal]

    def smart_results(self) -> dict[int, SmartResult]:
        """SMART results of every outcome node that has a goal, by node id."""
        return {node.id: node.smart() for node in self.outcomes_with_goals()}

    def smart_goal_count(self) -> int:
        return sum(1 for result in self.smart_results().values() if result.passed)

    def document_titles(self, ids: Iterable[int]) -> list[str]:
        by_id = {document["id"]: document["title"] for document in self.steering_documents}
        return [by_id[i] for i in ids if i in by_id]


# To and from JSON --------------------------------------------------------------------------


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def chain_to_dict(chain: Chain, *, title: str = "") -> dict[str, Any]:
    """The JSON document of a chain: used for revisions, the export and the import."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "partnership": title,
        "shared_picture": {name: chain.picture.get(name, "") for name in PICTURE_FIELDS},
        "shared_picture_steering_documents": list(chain.picture_documents),
        "steering_documents": [dict(document) for document in chain.steering_documents],
        "nodes": [
            {
                "id": node.id,
                "level": node.level_slug,
                "title": node.title,
                "description": node.description,
                "order": node.order,
                "goal_statement": node.goal_statement,
                "addresses_target_group": node.addresses_target_group,
                "achievability": node.achievability,
                "need": node.need,
                "steering_documents": list(node.steering_documents),
                "indicators": [
                    {
                        "id": indicator.id,
                        "name": indicator.name,
                        "unit": indicator.unit,
                        "baseline_value": _decimal_text(indicator.baseline_value),
                        "baseline_date": _iso(indicator.baseline_date),
                        "target_value": _decimal_text(indicator.target_value),
                        "target_date": _iso(indicator.target_date),
                        "data_source": indicator.data_source,
                        "frequency": indicator.frequency,
                        "responsible_party": indicator.responsible_party,
                    }
                    for indicator in node.indicators
                ],
            }
            for node in chain.nodes
        ],
        "links": [
            {
                "id": link.id,
                "source": link.source,
                "target": link.target,
                "assumptions": link.assumptions,
            }
            for link in chain.links
        ],
    }


class _Reader:
    """Reads untrusted JSON values, collecting readable errors with where they were found."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, where: str, message: str) -> None:
        if len(self.errors) < 20:
            self.errors.append(f"{where}: {message}")

    def text(
        self,
        data: dict[str, Any],
        name: str,
        where: str,
        *,
        required: bool = False,
        limit: int = MAX_TEXT,
    ) -> str:
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(where, _("“%(field)s” must be text.") % {"field": name})
            return ""
        value = value.strip()
        if required and not value:
            self.fail(where, _("“%(field)s” is missing.") % {"field": name})
        if len(value) > limit:
            self.fail(
                where,
                _("“%(field)s” is longer than %(limit)s characters.")
                % {"field": name, "limit": limit},
            )
            return value[:limit]
        return value

    def identifier(self, value: Any, where: str, name: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip():
            self.fail(where, _("“%(field)s” must be a number or a short text.") % {"field": name})
            return None
        return value  # type: ignore[return-value]

    def decimal(self, data: dict[str, Any], name: str, where: str) -> Decimal | None:
        value = data.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(where, _("“%(field)s” must be a number.") % {"field": name})
            return None
        try:
            number = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            self.fail(where, _("“%(field)s” must be a number.") % {"field": name})
            return None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            self.fail(where, _("“%(field)s” is not a usable number.") % {"field": name})
            return None
        return number.quantize(Decimal("0.01"))

    def date(self, data: dict[str, Any], name: str, where: str) -> dt.date | None:
        value = data.get(name)
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                where, _("“%(field)s” must be a date written as YYYY-MM-DD.") % {"field": name}
            )
            return None

    def items(self, data: dict[str, Any], name: str, where: str) -> list[Any]:
        value = data.get(name, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, _("“%(field)s” must be a list.") % {"field": name})
            return []
        return value


def _known(frequency: str) -> str:
    """A frequency Samverkan knows, or none (another tool may have other words for it)."""
    from .models import Indicator

    return frequency if frequency in Indicator.Frequency.values else ""


def _own_id(raw: dict[str, Any], fallback: int, keep_ids: bool) -> int:
    value = raw.get("id")
    return (
        value if keep_ids and isinstance(value, int) and not isinstance(value, bool) else fallback
    )


def chain_from_dict(data: Any, *, keep_ids: bool = False) -> Chain:
    """Validate a JSON document and turn it into a chain; ValidationError lists the problems.

    Identifiers in the document are only used to connect its parts (links to nodes, nodes to
    steering documents); the chain returned numbers them 1, 2, 3 ... in document order,
    unless `keep_ids` (a stored revision, whose ids are those of the records).
    """
    reader = _Reader()
    if not isinstance(data, dict):
        raise ValidationError(
            _("The file does not contain a theory of change (expected a JSON object).")
        )
    if data.get("format") != FORMAT:
        raise ValidationError(
            _(
                "The file is not a Samverkan theory of change export (its “format” is not “%(format)s”)."
            )
            % {"format": FORMAT}
        )
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(
            _(
                "The file has format version %(version)s; this version of Samverkan reads version %(supported)s."
            )
            % {"version": version, "supported": FORMAT_VERSION}
        )

    raw_documents = reader.items(data, "steering_documents", _("File"))
    raw_nodes = reader.items(data, "nodes", _("File"))
    raw_links = reader.items(data, "links", _("File"))
    # With the upload limit of 2 MB (forms.MAX_UPLOAD_BYTES) this bounds what one import writes.
    if len(raw_nodes) > MAX_NODES:
        raise ValidationError(_("The file has more than %(limit)s nodes.") % {"limit": MAX_NODES})

    picture_data = data.get("shared_picture") or {}
    if not isinstance(picture_data, dict):
        reader.fail(_("Shared picture"), _("must be an object with text fields."))
        picture_data = {}
    picture = {
        name: reader.text(picture_data, name, _("Shared picture")) for name in PICTURE_FIELDS
    }

    documents: list[dict[str, Any]] = []
    document_ids: dict[Any, int] = {}
    for index, raw in enumerate(raw_documents, start=1):
        where = _("Steering document %(number)s") % {"number": index}
        if not isinstance(raw, dict):
            reader.fail(where, _("must be an object."))
            continue
        document: dict[str, Any] = {
            name: reader.text(raw, name, where, required=name == "title", limit=500)
            for name in ("title", "kind", "url", "issuing_organisation")
        }
        year = raw.get("year")
        document["year"] = (
            year
            if isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200
            else None
        )
        document["id"] = _own_id(raw, index, keep_ids)
        document_ids[raw.get("id", index)] = document["id"]
        documents.append(document)

    def document_refs(values: list[Any], where: str) -> list[int]:
        refs = []
        for value in values:
            if not isinstance(value, (int, str)) or value not in document_ids:
                reader.fail(where, _("refers to a steering document that is not in the file."))
                continue
            refs.append(document_ids[value])
        return refs

    picture_documents = document_refs(
        reader.items(data, "shared_picture_steering_documents", _("Shared picture")),
        _("Shared picture"),
    )

    nodes: list[ChainNode] = []
    node_ids: dict[Any, int] = {}
    indicator_number = 0
    for index, raw in enumerate(raw_nodes, start=1):
        where = _("Node %(number)s") % {"number": index}
        if not isinstance(raw, dict):
            reader.fail(where, _("must be an object."))
            continue
        level_value = raw.get("level")
        level = SLUG_LEVELS.get(level_value) if isinstance(level_value, str) else level_value
        if isinstance(level, bool) or level not in LEVEL_SLUGS:
            reader.fail(
                where,
                _("the level must be one of %(levels)s.") % {"levels": ", ".join(SLUG_LEVELS)},
            )
            continue
        raw_id = reader.identifier(raw.get("id", f"#{index}"), where, "id")
        if raw_id in node_ids:
            reader.fail(where, _("the id %(id)s is used twice.") % {"id": raw_id})
            continue
        order = raw.get("order", index)
        node = ChainNode(
            id=_own_id(raw, index, keep_ids),
            level=level,
            title=reader.text(raw, "title", where, required=True, limit=200),
            description=reader.text(raw, "description", where),
            order=order
            if isinstance(order, int) and not isinstance(order, bool) and 0 <= order < 10**6
            else index,
            goal_statement=reader.text(raw, "goal_statement", where),
            addresses_target_group=raw.get("addresses_target_group") is True,
            achievability=reader.text(raw, "achievability", where),
            need=reader.text(raw, "need", where),
            steering_documents=document_refs(reader.items(raw, "steering_documents", where), where),
        )
        raw_indicators = reader.items(raw, "indicators", where)
        if raw_indicators and level not in OUTCOME_LEVELS:
            reader.fail(
                where, _("only outcomes (short-, medium- or long-term) can have indicators.")
            )
        for raw_indicator in raw_indicators:
            indicator_number += 1
            inner = _("%(node)s, indicator %(number)s") % {
                "node": where,
                "number": indicator_number,
            }
            if not isinstance(raw_indicator, dict):
                reader.fail(inner, _("must be an object."))
                continue
            indicator = ChainIndicator(
                id=_own_id(raw_indicator, indicator_number, keep_ids),
                name=reader.text(raw_indicator, "name", inner, required=True, limit=200),
                unit=reader.text(raw_indicator, "unit", inner, limit=50),
                baseline_value=reader.decimal(raw_indicator, "baseline_value", inner),
                baseline_date=reader.date(raw_indicator, "baseline_date", inner),
                target_value=reader.decimal(raw_indicator, "target_value", inner),
                target_date=reader.date(raw_indicator, "target_date", inner),
                data_source=reader.text(raw_indicator, "data_source", inner, limit=200),
                frequency=_known(reader.text(raw_indicator, "frequency", inner, limit=20)),
                responsible_party=reader.text(raw_indicator, "responsible_party", inner, limit=200),
            )
            if (
                indicator.baseline_date
                and indicator.target_date
                and indicator.target_date <= indicator.baseline_date
            ):
                reader.fail(inner, _("the target date must come after the baseline date."))
            node.indicators.append(indicator)
        if raw_id is not None:
            node_ids[raw_id] = node.id
        nodes.append(node)

    levels = {node.id: node.level for node in nodes}
    links: list[ChainLink] = []
    seen_pairs: set[tuple[int, int]] = set()
    for index, raw in enumerate(raw_links, start=1):
        where = _("Link %(number)s") % {"number": index}
        if not isinstance(raw, dict):
            reader.fail(where, _("must be an object."))
            continue
        source = (
            node_ids.get(raw.get("source")) if isinstance(raw.get("source"), (int, str)) else None
        )
        target = (
            node_ids.get(raw.get("target")) if isinstance(raw.get("target"), (int, str)) else None
        )
        if source is None or target is None:
            reader.fail(where, _("“source” and “target” must be ids of nodes in the file."))
            continue
        if source == target:
            reader.fail(where, _("a node cannot lead to itself."))
            continue
        if not link_allowed(levels[source], levels[target]):
            reader.fail(where, _("a link may only lead to the same level or a later one."))
            continue
        if (source, target) in seen_pairs:
            continue
        seen_pairs.add((source, target))
        links.append(
            ChainLink(
                id=_own_id(raw, index, keep_ids),
                source=source,
                target=target,
                assumptions=reader.text(raw, "assumptions", where),
            )
        )

    if reader.errors:
        raise ValidationError(reader.errors)
    return Chain(
        picture=picture,
        steering_documents=documents,
        picture_documents=picture_documents,
        nodes=nodes,
        links=links,
    )


def chain_from_snapshot(data: dict[str, Any]) -> Chain:
    """A stored revision back to a chain, keeping its record ids (so revisions compare)."""
    return chain_from_dict(data, keep_ids=True)
