"""Writes on the theory of change. Every rule is checked here, whatever the caller.

Nothing else writes a theory-of-change record: views validate input with forms and call these
functions (updates through `form.submit`, which passes the version the user started from);
every create, update and delete runs the chain's rules (`rules`) first.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from partnerships.concurrency import update_versioned
from partnerships.models import Partnership, Party, SteeringDocument
from partnerships.orgchart.services import steering_document_use
from partnerships.services import steering_document_restore

from . import rules, selectors
from .chain import RECORD_INDICATOR_FIELDS, Chain
from .models import Indicator, Level, Link, Node, Revision, TargetGroupNeed, TheoryOfChange
from .serialise import chain_from_dict, chain_from_snapshot, chain_to_dict
from .shape import NEED, NODE, PARTICIPANT_FIELDS, PICTURE_FIELDS, STEERING_DOCUMENT, names
from .starting_points import starting_point

NODE_COLUMNS = tuple(name for name in names(NODE, columns=True) if name != "order")


def _next_order(partnership: Partnership, level: int) -> int:
    highest = Node.objects.filter(partnership=partnership, level=level).aggregate(Max("order"))[
        "order__max"
    ]
    return 0 if highest is None else highest + 1


def _lock(partnership_id: int) -> None:
    """Lock the partnership row: rules over several rows (a loop, a count) are checked one
    request at a time."""
    Partnership.objects.select_for_update().filter(pk=partnership_id).first()


# The shared picture ------------------------------------------------------------------------


def shared_picture_update(
    *, toc: TheoryOfChange, expected_version: int, **fields: Any
) -> TheoryOfChange:
    """Save the shared picture's texts and anchoring (made on its first save)."""
    if toc.pk is None:
        toc, _created = TheoryOfChange.objects.get_or_create(partnership=toc.partnership)
    return update_versioned(toc, expected_version=expected_version, changes=fields)


# Needs of the target group ---------------------------------------------------------------


def need_create(
    *, partnership: Partnership, need: str, source: str = "", noted_on: dt.date | None = None
) -> TargetGroupNeed:
    """Add a need of the target group to the shared picture."""
    record = TargetGroupNeed(partnership=partnership, need=need, source=source, noted_on=noted_on)
    record.full_clean()
    record.save()
    return record


def need_update(
    *, target_group_need: TargetGroupNeed, expected_version: int, **fields: Any
) -> TargetGroupNeed:
    """Save a need's fields, merged with what others saved since `expected_version` (the
    record is `target_group_need`: `need` is the name of its text field)."""
    return update_versioned(
        target_group_need, expected_version=expected_version, changes=fields, validate=_full_clean
    )


def need_delete(*, target_group_need: TargetGroupNeed) -> None:
    """Delete a need; goals that picked it lose it (the history keeps both)."""
    target_group_need.delete()


def _full_clean(record: models.Model) -> None:
    record.full_clean()


# Nodes -------------------------------------------------------------------------------------


def check_node(node: Node) -> None:
    """A node's own fields, and, when it changes level, that its links and indicators stay
    valid (ValidationError on `level` naming the link or the indicators)."""
    node.full_clean()
    if not rules.participants_allowed(node.level):
        for name in PARTICIPANT_FIELDS:
            if getattr(node, name) is not None:
                raise ValidationError({name: _("Only outputs count the participants they reach.")})
    if not node.pk:
        return
    links = Link.objects.filter(models.Q(source=node) | models.Q(target=node)).select_related(
        "source", "target"
    )
    for link in links:
        source = node if link.source_id == node.pk else link.source
        target = node if link.target_id == node.pk else link.target
        message = rules.link_level_error(source.level, target.level, source.title, target.title)
        if message:
            raise ValidationError({"level": message})
    if not rules.indicator_allowed(node.level) and node.indicators.exists():
        raise ValidationError(
            {
                "level": _(
                    "Only outputs and outcomes carry indicators. Move or delete this node's "
                    "indicators first."
                )
            }
        )


def node_create(
    *,
    partnership: Partnership,
    level: int,
    title: str,
    description: str = "",
    order: int | None = None,
    **goal: Any,
) -> Node:
    """Add a node at the end of its level; `goal` takes the goal fields of an outcome."""
    with transaction.atomic():
        _lock(partnership.pk)
        if Node.objects.filter(partnership=partnership).count() >= rules.MAX_NODES:
            raise ValidationError(
                _("A chain can have at most %(limit)s nodes.") % {"limit": rules.MAX_NODES}
            )
        documents = goal.pop("steering_documents", None)
        needs = goal.pop("needs", None)
        node = Node(
            partnership=partnership,
            level=level,
            title=title,
            description=description,
            order=_next_order(partnership, level) if order is None else order,
            **goal,
        )
        check_node(node)
        node.save()
        if documents:
            node.steering_documents.set(documents)
        if needs:
            node.needs.set(needs)
    return node


def node_update(*, node: Node, expected_version: int, **fields: Any) -> Node:
    """Save a node's fields, merged with what others saved since `expected_version`."""
    with transaction.atomic():
        _lock(node.partnership_id)
        return update_versioned(
            node, expected_version=expected_version, changes=fields, validate=check_node
        )


def node_move(*, node: Node, direction: str) -> bool:
    """Move a node one place "up" or "down" within its level; False at either end.

    The level is numbered 0, 1, 2 ... again, so equal or sparse positions (imports, restores)
    move predictably. Only nodes whose position changes are saved, with their history.
    """
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    with transaction.atomic():
        _lock(node.partnership_id)
        siblings = list(
            Node.objects.filter(partnership_id=node.partnership_id, level=node.level).order_by(
                "order", "id"
            )
        )
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == node.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return False
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            if sibling.order != position:
                sibling.order = position
                sibling.version += 1
                sibling.save(update_fields=["order", "version", "updated_at"])
    return True


def node_delete(*, node: Node) -> None:
    """Delete a node; its links and indicators go with it (the history keeps them)."""
    node.delete()


# Links -------------------------------------------------------------------------------------


@transaction.atomic
def link_create(
    *, partnership: Partnership, source: Node, target: Node, assumptions: str = ""
) -> Link:
    """Add "source leads to target", refusing links backwards, to itself, twice or in a loop."""
    if source.partnership_id != partnership.pk or target.partnership_id != partnership.pk:
        raise ValidationError(_("Both nodes must belong to this partnership."))
    _lock(partnership.pk)
    existing = list(
        Link.objects.filter(partnership=partnership).values_list("source_id", "target_id")
    )
    errors = rules.check_links(
        {source.pk: source.level, target.pk: target.level},
        existing,
        [(source.pk, target.pk)],
        {source.pk: source.title, target.pk: target.title},
    )
    if errors:
        raise ValidationError(errors)
    link = Link(partnership=partnership, source=source, target=target, assumptions=assumptions)
    link.full_clean()
    link.save()
    return link


def link_update(*, link: Link, expected_version: int, assumptions: str) -> Link:
    """Save a link's assumptions (where it leads is not edited: delete it and add another)."""
    return update_versioned(
        link, expected_version=expected_version, changes={"assumptions": assumptions}
    )


def link_delete(*, link: Link) -> None:
    link.delete()


# Indicators --------------------------------------------------------------------------------


def check_indicator(indicator: Indicator) -> None:
    """An indicator's own fields, and that it sits on an output or an outcome."""
    if not rules.indicator_allowed(indicator.node.level):
        raise ValidationError(rules.indicator_level_error(indicator.node.get_level_display()))
    indicator.full_clean()


def indicator_create(*, node: Node, **fields: Any) -> Indicator:
    indicator = Indicator(partnership_id=node.partnership_id, node=node, **fields)
    check_indicator(indicator)
    indicator.save()
    return indicator


def indicator_update(*, indicator: Indicator, expected_version: int, **fields: Any) -> Indicator:
    """Save an indicator's fields, merged with what others saved since `expected_version`."""
    return update_versioned(
        indicator, expected_version=expected_version, changes=fields, validate=check_indicator
    )


def indicator_delete(*, indicator: Indicator) -> None:
    indicator.delete()


# Revisions ---------------------------------------------------------------------------------


def current_snapshot(partnership: Partnership) -> dict[str, Any]:
    return chain_to_dict(selectors.load_chain(partnership), title=partnership.title)


@transaction.atomic
def revision_create(
    *, partnership: Partnership, revised_on: dt.date, reason: str, user: User | None
) -> Revision:
    """Keep the whole theory of change as it is now, numbered, dated and with its reason."""
    # Lock the partnership row so two revisions made at once do not get the same number.
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    highest = Revision.objects.filter(partnership=partnership).aggregate(Max("number"))[
        "number__max"
    ]
    return Revision.objects.create(
        partnership=partnership,
        number=(highest or 0) + 1,
        revised_on=revised_on,
        reason=reason,
        snapshot=current_snapshot(partnership),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


# Import ------------------------------------------------------------------------------------


def parse_import(raw: bytes) -> Chain:
    """Read an uploaded JSON file; ValidationError with a readable reason if it is not usable."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text. Export it again from Samverkan.")
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON (line %(line)s, column %(column)s: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from error
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        raise ValidationError(
            _("The file holds a value Samverkan cannot read. Export it again from Samverkan.")
        ) from error
    except RecursionError as error:  # absurdly deep nesting: no export looks like that
        raise ValidationError(
            _(
                "The file is nested too deeply to be a theory of change. Export it again from Samverkan."
            )
        ) from error
    return chain_from_dict(data)


def template_chain(slug: str = "eskilstuna") -> Chain:
    """The chain of a starting template (`starting_points`); Http404 for an unknown slug."""
    return starting_point(slug).chain()


def check_chain(chain: Chain, *, existing_nodes: int = 0) -> None:
    """The chain's rules over a whole chain about to be written; ValidationError lists every
    problem, naming the nodes."""
    errors = rules.check_chain(
        {node.id: node.level for node in chain.nodes},
        [(link.source, link.target) for link in chain.links],
        {node.id: node.title for node in chain.nodes},
        indicator_nodes=[node.id for node in chain.nodes if node.indicators],
        existing_nodes=existing_nodes,
    )
    if errors:
        raise ValidationError(errors)


def _new_document(partnership: Partnership, data: dict[str, Any]) -> SteeringDocument:
    """A steering document from a chain's data, fitted to the record's limits and saved."""
    document = SteeringDocument(partnership=partnership)
    for item in STEERING_DOCUMENT:
        value = data.get(item.name)
        if item.kind == "text":
            limit = getattr(SteeringDocument._meta.get_field(item.name), "max_length", None)
            value = str(value or "").strip()[:limit]
        setattr(document, item.name, value)
    if document.kind not in SteeringDocument.Kind.values:
        document.kind = SteeringDocument.Kind.OTHER
    try:
        document.full_clean(exclude=["partnership"])
    except ValidationError:
        document.url = ""  # keep the document, drop a link that does not validate
    document.save()
    steering_document_use(partnership=partnership, document=document)
    return document


def _documents(
    partnership: Partnership, chain: Chain, *, by_id: bool
) -> dict[int, SteeringDocument]:
    """The partnership's steering documents for the chain's ids: the same record (`by_id`, a
    revision of this partnership), else one with the same title, else a new one."""
    # Removed documents too (listed first, so an active one with the same title wins): a
    # removed document the chain uses comes back rather than being added a second time.
    records = sorted(
        SteeringDocument.all_objects.filter(uses__partnership=partnership),
        key=lambda document: document.removed_at is None,
    )
    ids = {document.pk: document for document in records}
    titles = {document.title.casefold(): document for document in records}
    found: dict[int, SteeringDocument] = {}
    for data in chain.steering_documents:
        title = (data.get("title") or "").strip()
        document = (ids.get(data["id"]) if by_id else None) or titles.get(title.casefold())
        if document is None:
            if not title:
                continue
            document = _new_document(partnership, data)
            titles[title.casefold()] = document
        elif document.removed_at is not None:
            document = steering_document_restore(document=document)
        found[data["id"]] = document
    return found


def _needs(partnership: Partnership, chain: Chain, *, by_id: bool) -> dict[int, TargetGroupNeed]:
    """The partnership's needs for the chain's ids: the same record (`by_id`, a revision of
    this partnership), else one with the same words, else a new one."""
    records = list(TargetGroupNeed.objects.filter(partnership=partnership))
    ids = {need.pk: need for need in records}
    texts = {need.need.casefold(): need for need in records}
    limit = TargetGroupNeed._meta.get_field("need").max_length
    found: dict[int, TargetGroupNeed] = {}
    for data in chain.needs:
        text = str(data.get("need") or "").strip()[:limit]
        record = (ids.get(data["id"]) if by_id else None) or texts.get(text.casefold())
        if record is None:
            if not text:
                continue
            record = TargetGroupNeed(partnership=partnership, need=text)
            for item in NEED[1:]:
                setattr(record, item.name, data.get(item.name) or getattr(record, item.name))
            if record.source not in TargetGroupNeed.Source.values:
                record.source = ""
            record.save()
            texts[text.casefold()] = record
        found[data["id"]] = record
    return found


@dataclass(frozen=True)
class _FreeIds:
    nodes: set[int]
    indicators: set[int]
    links: set[int]


def _free_ids(chain: Chain) -> _FreeIds:
    """The chain's record ids that no record holds now (after the current chain is deleted)."""

    def free(model: type[models.Model], ids: set[int]) -> set[int]:
        return ids - set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))

    return _FreeIds(
        nodes=free(Node, {node.id for node in chain.nodes}),
        indicators=free(Indicator, {item.id for node in chain.nodes for item in node.indicators}),
        links=free(Link, {link.id for link in chain.links}),
    )


def _write_chain(
    partnership: Partnership,
    chain: Chain,
    documents: dict[int, SteeringDocument],
    needs: dict[int, TargetGroupNeed],
    *,
    keep_ids: bool,
) -> dict[str, int]:
    """Create the chain's nodes, indicators and links (after `check_chain`)."""
    parties = {
        party.organisation.name.casefold(): party
        for party in Party.objects.filter(partnership=partnership).select_related("organisation")
    }
    # A restore gives records back their ids where nothing else took them since, so the
    # revisions still compare record by record and each record's history goes on.
    free = _free_ids(chain) if keep_ids else _FreeIds(set(), set(), set())
    nodes: dict[int, Node] = {}
    start_order = {level: _next_order(partnership, level) for level in Level.values}
    counts = {"nodes": 0, "links": 0, "indicators": 0, "documents": len(documents)}
    for chain_node in sorted(chain.nodes, key=lambda n: (n.level, n.order, n.id)):
        node = Node(
            partnership=partnership,
            order=start_order[chain_node.level],
            **{name: getattr(chain_node, name) for name in NODE_COLUMNS},
        )
        if not rules.participants_allowed(node.level):
            node.planned_participants = node.actual_participants = None
        if chain_node.id in free.nodes:
            node.pk = chain_node.id
        node.save(force_insert=True)
        start_order[chain_node.level] += 1
        node.steering_documents.add(
            *[documents[i] for i in chain_node.steering_documents if i in documents]
        )
        node.needs.add(*[needs[i] for i in chain_node.needs if i in needs])
        nodes[chain_node.id] = node
        counts["nodes"] += 1
        for item in chain_node.indicators:
            Indicator(
                pk=item.id if item.id in free.indicators else None,
                partnership=partnership,
                node=node,
                **{name: getattr(item, name) for name in RECORD_INDICATOR_FIELDS},
                responsible_party=parties.get(item.responsible_party.casefold()),
            ).save(force_insert=True)
            counts["indicators"] += 1
    for chain_link in chain.links:
        Link(
            pk=chain_link.id if chain_link.id in free.links else None,
            partnership=partnership,
            source=nodes[chain_link.source],
            target=nodes[chain_link.target],
            assumptions=chain_link.assumptions,
        ).save(force_insert=True)
        counts["links"] += 1
    return counts


@transaction.atomic
def chain_import(*, partnership: Partnership, chain: Chain) -> dict[str, int]:
    """Add an imported chain to the partnership's theory of change.

    The chain's rules are checked first (ValidationError, nothing written). Nodes, links and
    indicators are added next to what exists. Shared-picture texts fill only empty fields,
    so nothing written by the partnership is overwritten. Steering documents are matched by
    title (or added); responsible parties by organisation name (or left empty).
    """
    _lock(partnership.pk)
    check_chain(chain, existing_nodes=Node.objects.filter(partnership=partnership).count())
    toc = TheoryOfChange.objects.select_for_update().filter(partnership=partnership).first()
    if toc is None:
        toc = TheoryOfChange.objects.create(partnership=partnership)
    filled = [
        name
        for name in PICTURE_FIELDS
        if not getattr(toc, name).strip() and chain.picture.get(name)
    ]
    for name in filled:
        setattr(toc, name, chain.picture[name])
    if filled:
        toc.version += 1
        toc.save()
    documents = _documents(partnership, chain, by_id=False)
    toc.steering_documents.add(*[documents[i] for i in chain.picture_documents if i in documents])
    needs = _needs(partnership, chain, by_id=False)
    counts = _write_chain(partnership, chain, documents, needs, keep_ids=False)
    return {**counts, "picture_fields": len(filled)}


# Restoring a revision ----------------------------------------------------------------------


def chain_counts(chain: Chain) -> dict[str, int]:
    return {
        "nodes": len(chain.nodes),
        "links": len(chain.links),
        "indicators": sum(len(node.indicators) for node in chain.nodes),
    }


@transaction.atomic
def revision_restore(
    *, partnership: Partnership, revision: Revision, user: User | None
) -> Revision:
    """Make the theory of change what `revision` kept: the shared picture's texts and anchoring,
    the nodes, links and indicators.

    The current state is first kept as a new revision (returned), so the restore can be undone
    by restoring that one. The revision's chain must pass today's rules (ValidationError).
    """
    if revision.partnership_id != partnership.pk:
        raise ValidationError(_("The revision belongs to another partnership."))
    _lock(partnership.pk)
    chain = chain_from_snapshot(revision.snapshot)
    check_chain(chain)
    kept = revision_create(
        partnership=partnership,
        revised_on=dt.date.today(),
        reason=_("The theory of change as it was before revision %(number)s was restored.")
        % {"number": revision.number},
        user=user,
    )
    toc, _created = TheoryOfChange.objects.get_or_create(partnership=partnership)
    documents = _documents(partnership, chain, by_id=True)
    update_versioned(
        toc,
        expected_version=toc.version,
        changes={
            **{name: chain.picture.get(name, "") for name in PICTURE_FIELDS},
            "steering_documents": [documents[i] for i in chain.picture_documents if i in documents],
        },
    )
    Node.objects.filter(partnership=partnership).delete()  # links and indicators go with them
    _write_chain(
        partnership, chain, documents, _needs(partnership, chain, by_id=True), keep_ids=True
    )
    return kept
