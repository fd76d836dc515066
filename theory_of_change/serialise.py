"""One versioned JSON shape of the chain (picture, steering documents, nodes, links, indicators).

Written by `chain_to_dict` for the export, revisions and any frozen copy; read back by two
readers built on the same field declarations (`shape`):

- `chain_from_snapshot`, the TRUSTED reader of our own stored snapshots: it never fails. Any
  length, a missing key, an unknown level or frequency: it keeps what it can (a node at a
  level it does not know is left out, with its links), so an old revision always opens.
- `chain_from_dict`, the STRICT validator of an uploaded file: every problem is listed with
  where it is, and the chain's rules (`rules.check_links`) are checked before anything is
  written.

Every document carries a `schema_version`; both readers first upgrade an older one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import rules
from .chain import Chain, ChainIndicator, ChainLink, ChainNode
from .shape import (
    INDICATOR,
    LINK,
    NEED,
    NODE,
    PICTURE,
    SLUG_LEVELS,
    STEERING_DOCUMENT,
    Field,
    IndicatorKind,
    Level,
)

FORMAT = "samverkan-theory-of-change"
# 1: the first export ("format_version"). 2: "schema_version" names the version.
# 3: the needs of the target group are a list that goals pick ("needs"), not free text;
#    outputs count participants; indicators may be qualitative; the shared picture grew.
SCHEMA_VERSION = 3
MAX_ERRORS = 20


# Writing -----------------------------------------------------------------------------------


def _written(item: Field, value: Any) -> Any:
    if item.kind == "level":
        return Level(value).slug if value in Level.values else value
    if item.kind == "decimal":
        return None if value is None else format(value, "f")
    if item.kind == "date":
        return value.isoformat() if value else None
    if item.kind in ("documents", "needs"):
        return list(value)
    return value


def _record(obj: Any, fields: Iterable[Field]) -> dict[str, Any]:
    return {item.name: _written(item, getattr(obj, item.name)) for item in fields}


def chain_to_dict(chain: Chain, *, title: str = "") -> dict[str, Any]:
    """The JSON document of a chain, in the current schema version."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "partnership": title,
        "shared_picture": {item.name: chain.picture.get(item.name, "") for item in PICTURE},
        "shared_picture_steering_documents": list(chain.picture_documents),
        "target_group_needs": [
            {"id": need["id"], **{item.name: _written(item, need.get(item.name)) for item in NEED}}
            for need in chain.needs
        ],
        "steering_documents": [
            {
                "id": document["id"],
                **{item.name: document.get(item.name) for item in STEERING_DOCUMENT},
            }
            for document in chain.steering_documents
        ],
        "nodes": [
            {
                "id": node.id,
                **_record(node, NODE),
                "indicators": [
                    {"id": indicator.id, **_record(indicator, INDICATOR)}
                    for indicator in node.indicators
                ],
            }
            for node in chain.nodes
        ],
        "links": [
            {"id": link.id, "source": link.source, "target": link.target, **_record(link, LINK)}
            for link in chain.links
        ],
    }


# Upgrading ---------------------------------------------------------------------------------


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 named its version "format_version"; the records are the same."""
    data = dict(data)
    data.pop("format_version", None)
    data["schema_version"] = 2
    return data


def _need_lines(text: Any) -> list[str]:
    if not isinstance(text, str):
        return []
    found: dict[str, str] = {}
    for line in text.splitlines():
        need = line.strip().lstrip("-–•*").strip()
        if need:
            found.setdefault(need.casefold(), need)
    return list(found.values())


def _from_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 wrote the needs as lines of text and each goal's need as its own text: the
    lines become needs, and a goal picks the need with its words (made if none has them).

    The needs made here get negative ids, which no stored record has."""
    data = dict(data)
    picture = data.get("shared_picture")
    picture = dict(picture) if isinstance(picture, dict) else {}
    needs: dict[str, dict[str, Any]] = {}

    def need_id(text: str) -> int:
        if text.casefold() not in needs:
            needs[text.casefold()] = {"id": -1 - len(needs), "need": text}
        return int(needs[text.casefold()]["id"])

    for text in _need_lines(picture.pop("target_group_needs", "")):
        need_id(text)
    nodes = data.get("nodes")
    if isinstance(nodes, list):
        upgraded = []
        for raw in nodes:
            if isinstance(raw, dict):
                raw = dict(raw)
                text = raw.pop("need", "")
                text = " ".join(text.split()) if isinstance(text, str) else ""
                raw["needs"] = [need_id(text)] if text else []
            upgraded.append(raw)
        data["nodes"] = upgraded
    data["shared_picture"] = picture
    data["target_group_needs"] = list(needs.values())
    data["schema_version"] = 3
    return data


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_1, 2: _from_2}


def schema_version(data: dict[str, Any]) -> Any:
    return data.get("schema_version", data.get("format_version", 1))


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The document in the current schema version (unchanged if it is already, or unknown)."""
    version = schema_version(data)
    while isinstance(version, int) and version in UPGRADES:
        data = UPGRADES[version](data)
        version = schema_version(data)
    return data


# Reading -----------------------------------------------------------------------------------


class _Reader:
    """Reads JSON values by their field declaration; strict collects readable errors, trusted
    repairs silently."""

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.errors: list[str] = []

    def fail(self, where: str, message: str) -> None:
        if self.strict and len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{where}: {message}")

    def items(self, data: dict[str, Any], name: str, where: str) -> list[Any]:
        value = data.get(name, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, _("“%(field)s” must be a list.") % {"field": name})
            return []
        return value

    def text(self, data: dict[str, Any], item: Field, where: str) -> str:
        value = data.get(item.name, "")
        if value is None:
            value = ""
        if not self.strict:
            # Our own data: keep it as it was, whatever its length.
            return (
                value
                if isinstance(value, str)
                else ""
                if isinstance(value, (list, dict))
                else str(value)
            )
        if not isinstance(value, str):
            self.fail(where, _("“%(field)s” must be text.") % {"field": item.name})
            return ""
        value = value.strip()
        if item.required and not value:
            self.fail(where, _("“%(field)s” is missing.") % {"field": item.name})
        if len(value) > item.limit:
            self.fail(
                where,
                _("“%(field)s” is longer than %(limit)s characters.")
                % {"field": item.name, "limit": item.limit},
            )
            return value[: item.limit]
        return value

    def decimal(self, data: dict[str, Any], item: Field, where: str) -> Decimal | None:
        value = data.get(item.name)
        if value in (None, ""):
            return None
        message = _("“%(field)s” must be a number.") % {"field": item.name}
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(where, message)
            return None
        try:
            number = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            self.fail(where, message)
            return None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            self.fail(where, _("“%(field)s” is not a usable number.") % {"field": item.name})
            return None
        return number.quantize(Decimal("0.01"))

    def date(self, data: dict[str, Any], item: Field, where: str) -> dt.date | None:
        value = data.get(item.name)
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                where,
                _("“%(field)s” must be a date written as YYYY-MM-DD.") % {"field": item.name},
            )
            return None

    def value(self, data: dict[str, Any], item: Field, where: str, *, fallback: int = 0) -> Any:
        """The value of one declared field (not levels or references: their callers know)."""
        if item.kind == "bool":
            return data.get(item.name) is True
        if item.kind == "order":
            order = data.get(item.name, fallback)
            valid = isinstance(order, int) and not isinstance(order, bool) and 0 <= order < 10**6
            return order if valid else fallback
        if item.kind == "count":
            count = data.get(item.name)
            valid = isinstance(count, int) and not isinstance(count, bool) and 0 <= count < 10**9
            if count is not None and not valid:
                self.fail(where, _("“%(field)s” must be a whole number.") % {"field": item.name})
            return count if valid else None
        if item.kind == "year":
            year = data.get(item.name)
            valid = isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200
            return year if valid else None
        if item.kind == "decimal":
            return self.decimal(data, item, where)
        if item.kind == "date":
            return self.date(data, item, where)
        text = self.text(data, item, where)
        if item.kind == "choice" and self.strict:
            # Another tool may have other words for it: keep only one Samverkan knows.
            return text if text in item.choices else ""
        return text


def _own_id(raw: dict[str, Any], fallback: int, keep_ids: bool) -> int:
    value = raw.get("id")
    return (
        value if keep_ids and isinstance(value, int) and not isinstance(value, bool) else fallback
    )


def _reference(value: Any) -> Any:
    """A JSON id usable as a key (numbers and texts), else None."""
    return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None


def _read(data: Any, *, strict: bool) -> Chain:
    reader = _Reader(strict=strict)
    if not isinstance(data, dict):
        if strict:
            raise ValidationError(
                _("The file does not contain a theory of change (expected a JSON object).")
            )
        return Chain()
    if strict and data.get("format") != FORMAT:
        raise ValidationError(
            _(
                "The file is not a Samverkan theory of change export (its “format” is not “%(format)s”)."
            )
            % {"format": FORMAT}
        )
    data = upgrade(data)
    version = schema_version(data)
    if strict and version != SCHEMA_VERSION:
        raise ValidationError(
            _(
                "The file has format version %(version)s; this version of Samverkan reads version %(supported)s."
            )
            % {"version": version, "supported": SCHEMA_VERSION}
        )
    keep_ids = not strict
    file = _("File")
    raw_documents = reader.items(data, "steering_documents", file)
    raw_nodes = reader.items(data, "nodes", file)
    raw_links = reader.items(data, "links", file)
    # With the upload limit of 2 MB (forms.MAX_UPLOAD_BYTES) this bounds what one import reads.
    if strict and len(raw_nodes) > rules.MAX_NODES:
        raise ValidationError(
            _("The file has more than %(limit)s nodes.") % {"limit": rules.MAX_NODES}
        )

    shared = _("Shared picture")
    picture_data = data.get("shared_picture") or {}
    if not isinstance(picture_data, dict):
        reader.fail(shared, _("must be an object with text fields."))
        picture_data = {}
    picture = {item.name: reader.text(picture_data, item, shared) for item in PICTURE}

    documents: list[dict[str, Any]] = []
    document_ids: dict[Any, int] = {}
    for index, raw in enumerate(raw_documents, start=1):
        where = _("Steering document %(number)s") % {"number": index}
        if not isinstance(raw, dict):
            reader.fail(where, _("must be an object."))
            continue
        document = {item.name: reader.value(raw, item, where) for item in STEERING_DOCUMENT}
        document["id"] = _own_id(raw, index, keep_ids)
        document_ids[_reference(raw.get("id", index))] = document["id"]
        documents.append(document)

    def document_refs(values: list[Any], where: str) -> list[int]:
        refs = []
        for value in values:
            key = _reference(value)
            if key is None or key not in document_ids:
                reader.fail(where, _("refers to a steering document that is not in the file."))
                continue
            refs.append(document_ids[key])
        return refs

    picture_documents = document_refs(
        reader.items(data, "shared_picture_steering_documents", shared), shared
    )

    needs: list[dict[str, Any]] = []
    need_ids: dict[Any, int] = {}
    for index, raw in enumerate(reader.items(data, "target_group_needs", shared), start=1):
        where = _("Need %(number)s") % {"number": index}
        if not isinstance(raw, dict):
            reader.fail(where, _("must be an object."))
            continue
        need = {item.name: reader.value(raw, item, where) for item in NEED}
        if not need["need"]:
            continue
        need["id"] = _own_id(raw, index, keep_ids)
        need_ids[_reference(raw.get("id", index))] = need["id"]
        needs.append(need)

    def need_refs(values: list[Any], where: str) -> list[int]:
        refs = []
        for value in values:
            key = _reference(value)
            if key is None or key not in need_ids:
                reader.fail(where, _("refers to a need that is not in the file."))
                continue
            refs.append(need_ids[key])
        return refs

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
        if isinstance(level, bool) or level not in Level.values:
            reader.fail(
                where,
                _("the level must be one of %(levels)s.") % {"levels": ", ".join(SLUG_LEVELS)},
            )
            continue
        raw_id = _reference(raw.get("id", f"#{index}"))
        if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
            reader.fail(where, _("“%(field)s” must be a number or a short text.") % {"field": "id"})
        elif raw_id in node_ids:
            reader.fail(where, _("the id %(id)s is used twice.") % {"id": raw_id})
            continue
        values = {
            item.name: reader.value(raw, item, where, fallback=index)
            for item in NODE
            if item.kind not in ("level", "documents", "needs")
        }
        if not rules.participants_allowed(level) and (
            values["planned_participants"] is not None or values["actual_participants"] is not None
        ):
            reader.fail(where, _("only outputs count participants."))
            values["planned_participants"] = values["actual_participants"] = None
        node = ChainNode(
            id=_own_id(raw, index, keep_ids),
            level=level,
            steering_documents=document_refs(reader.items(raw, "steering_documents", where), where),
            needs=need_refs(reader.items(raw, "needs", where), where),
            **values,
        )
        raw_indicators = reader.items(raw, "indicators", where)
        if raw_indicators and not rules.indicator_allowed(level):
            reader.fail(
                where,
                _("only outputs and outcomes (short-, medium- or long-term) can have indicators."),
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
                **{item.name: reader.value(raw_indicator, item, inner) for item in INDICATOR},
            )
            indicator.kind = indicator.kind or IndicatorKind.QUANTITATIVE
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
    titles = {node.id: node.title for node in nodes}
    links: list[ChainLink] = []
    accepted: list[tuple[int, int]] = []
    for index, raw in enumerate(raw_links, start=1):
        where = _("Link %(number)s") % {"number": index}
        if not isinstance(raw, dict):
            reader.fail(where, _("must be an object."))
            continue
        source = node_ids.get(_reference(raw.get("source")))
        target = node_ids.get(_reference(raw.get("target")))
        if source is None or target is None:
            reader.fail(where, _("“source” and “target” must be ids of nodes in the file."))
            continue
        if strict:
            problems = rules.check_links(levels, accepted, [(source, target)], titles)
            if problems:
                reader.fail(where, problems[0])
                continue
        elif source == target:
            continue  # the database never held one
        accepted.append((source, target))
        links.append(
            ChainLink(
                id=_own_id(raw, index, keep_ids),
                source=source,
                target=target,
                **{item.name: reader.value(raw, item, where) for item in LINK},
            )
        )

    if reader.errors:
        raise ValidationError(reader.errors)
    return Chain(
        picture=picture,
        steering_documents=documents,
        picture_documents=picture_documents,
        needs=needs,
        nodes=nodes,
        links=links,
    )


def chain_from_dict(data: Any) -> Chain:
    """Validate an uploaded JSON document and turn it into a chain; ValidationError lists
    every problem, with where it is.

    Identifiers in the document only connect its parts (links to nodes, nodes to steering
    documents); the chain returned numbers them 1, 2, 3 ... in document order.
    """
    return _read(data, strict=True)


def chain_from_snapshot(data: Any) -> Chain:
    """A stored snapshot (a revision) back to a chain, keeping its record ids (so revisions
    compare). Never fails: it keeps what it can read."""
    return _read(data, strict=False)
