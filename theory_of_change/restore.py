"""How records of the change chain come back from the history (partnerships.restore rules).

A deleted node comes back with the links and indicators its deletion took with it, as far as
the chain's rules allow: a link needs both its nodes, may not run backwards, twice or round
in a loop; an indicator needs an outcome. What cannot come back is named, with the reason. A
deleted steering document comes back anchored where it was, a deleted need picked by the goals
that picked it. Revisions are kept as they were
and are never restored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.history import m2m_history_model, m2m_values, tracked_for
from partnerships.models import SteeringDocument
from partnerships.orgchart.services import steering_document_use
from partnerships.restore import (
    RestoreContext,
    RestorePlan,
    default_rule,
    mark_restored,
    plan_deleted,
    register_restore,
    validate_rebuilt,
)

from . import rules, services
from .models import Indicator, Link, Node, Revision, TargetGroupNeed, TheoryOfChange

# The rows one deletion writes for a node and what it cascades to are this close in time.
SAME_CASCADE = timedelta(seconds=5)


def _latest_deletions(model: type[models.Model], rows: Any) -> list[Any]:
    """The newest deletion row of each record among `rows`, for records that are still gone."""
    newest: dict[Any, Any] = {}
    for row in rows.order_by("history_date", "history_id"):
        newest[row.id] = row
    alive = set(model._base_manager.filter(pk__in=newest).values_list("pk", flat=True))
    return [row for key, row in newest.items() if key not in alive]


def _rebuilt(row: Any, **changes: Any) -> models.Model:
    model = row.instance_type
    values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
    values.update(changes)
    instance = model(**values)
    instance.version = (row.version or 0) + 1
    return instance


def _save_checked(instance: models.Model) -> None:
    refusal = validate_rebuilt(instance)
    if refusal:
        raise ValidationError(refusal)
    instance.save(force_insert=True)
    mark_restored(instance)


def _link_text(titles: dict[int, str], source: int, target: int) -> str:
    unknown = _("(removed record)")
    return f"{titles.get(source, unknown)} → {titles.get(target, unknown)}"


def _links_back(
    context: RestoreContext, node_id: int, level: int, title: str, plan: RestorePlan
) -> list[Any]:
    """The cascade-deleted links of the node that may come back; the rest go to left_out."""
    when = context.record.history_date
    rows = Link.history.filter(
        Q(source_id=node_id) | Q(target_id=node_id),
        partnership_id=context.partnership.pk,
        history_type="-",
        history_date__range=(when - SAME_CASCADE, when + SAME_CASCADE),
    )
    deleted = _latest_deletions(Link, rows)
    others = {row.source_id for row in deleted} | {row.target_id for row in deleted}
    others.discard(node_id)
    nodes = {
        pk: (node_level, node_title)
        for pk, node_level, node_title in Node.objects.filter(
            pk__in=others, partnership=context.partnership
        ).values_list("pk", "level", "title")
    }
    nodes[node_id] = (level, title)
    titles = {pk: node_title for pk, (_level, node_title) in nodes.items()}
    gone = others - set(nodes)
    if gone:
        for pk, node_title in (
            Node.history.filter(id__in=gone)
            .order_by("history_date", "history_id")
            .values_list("id", "title")
        ):
            titles[pk] = node_title
    existing = list(
        Link.objects.filter(partnership=context.partnership).values_list("source_id", "target_id")
    )
    back = []
    for row in sorted(deleted, key=lambda r: r.history_id):
        source, target = row.source_id, row.target_id
        text = _link_text(titles, source, target)
        if source not in nodes or target not in nodes:
            reason = _("the node at its other end has been deleted too")
        elif message := rules.link_level_error(
            nodes[source][0], nodes[target][0], nodes[source][1], nodes[target][1]
        ):
            reason = message
        elif (source, target) in existing:
            reason = _("the same link exists again")
        elif rules.creates_cycle(existing, source, target):
            reason = _("the chain would go round in a circle")
        else:
            existing.append((source, target))
            back.append(row)
            plan.also.append(_("Link: %(link)s") % {"link": text})
            continue
        plan.left_out.append(
            _("Link %(link)s: %(reason)s") % {"link": text, "reason": str(reason).rstrip(".")}
        )
    return back


def _indicators_back(
    context: RestoreContext, node_id: int, level: int, plan: RestorePlan
) -> list[tuple[Any, dict[str, Any]]]:
    when = context.record.history_date
    rows = Indicator.history.filter(
        partnership_id=context.partnership.pk,
        node_id=node_id,
        history_type="-",
        history_date__range=(when - SAME_CASCADE, when + SAME_CASCADE),
    )
    deleted = _latest_deletions(Indicator, rows)
    parties = set(
        context.partnership.parties.filter(
            pk__in=[row.responsible_party_id for row in deleted if row.responsible_party_id]
        ).values_list("pk", flat=True)
    )
    back = []
    for row in sorted(deleted, key=lambda r: r.history_id):
        if not rules.indicator_allowed(level):
            plan.left_out.append(
                _("Indicator %(name)s: %(reason)s")
                % {
                    "name": row.name,
                    "reason": rules.indicator_level_error(rules.level_label(level)),
                }
            )
            continue
        changes: dict[str, Any] = {}
        if row.responsible_party_id and row.responsible_party_id not in parties:
            changes["responsible_party_id"] = None
            plan.left_out.append(
                _(
                    "Indicator %(name)s: its responsible party is no longer a party, so it is left empty."
                )
                % {"name": row.name}
            )
        plan.also.append(_("Indicator: %(name)s") % {"name": row.name})
        back.append((row, changes))
    return back


def node_rule(context: RestoreContext) -> RestorePlan:
    """A deleted node comes back with the links and indicators deleted with it."""
    plan = default_rule(context)
    if context.record.history_type != "-" or not plan.possible:
        return plan
    record = context.record
    links = _links_back(context, record.id, record.level, record.title, plan)
    indicators = _indicators_back(context, record.id, record.level, plan)
    restore_node = plan.apply
    assert restore_node is not None

    def apply() -> models.Model:
        node = restore_node()
        for row in links:
            _save_checked(_rebuilt(row))
        for row, changes in indicators:
            _save_checked(_rebuilt(row, **changes))
        return node

    plan.apply = apply
    return plan


def link_rule(context: RestoreContext) -> RestorePlan:
    """A deleted link comes back only if the chain still allows it: no twin, no loop."""
    plan = default_rule(context)
    record = context.record
    if record.history_type != "-" or not plan.possible:
        return plan
    existing = list(
        Link.objects.filter(partnership=context.partnership).values_list("source_id", "target_id")
    )
    if (record.source_id, record.target_id) in existing:
        plan.refusal = _("The same link exists again: there is nothing to restore.")
    elif rules.creates_cycle(existing, record.source_id, record.target_id):
        plan.refusal = _(
            "It cannot come back: with it the chain would go round in a circle. Remove one of "
            "the links that lead back first."
        )
    return plan


def _anchoring_of(
    document_id: int,
    partnership_id: int,
    field: str = "steering_documents",
    owners: tuple[type[models.Model], ...] = (Node, TheoryOfChange),
) -> dict[type[models.Model], list[Any]]:
    """The records (nodes, the shared picture) whose latest recorded version held the record
    `document_id` in their many-to-many `field` (anchored in a document, or picking a need)."""
    anchored: dict[type[models.Model], list[Any]] = {}
    for model in owners:
        tracked = tracked_for(model._meta.label_lower)
        if tracked is None:
            continue
        m2m_field: Any = model._meta.get_field(field)
        candidates = (
            m2m_history_model(m2m_field)
            .objects.filter(  # type: ignore[attr-defined]
                **{f"{m2m_field.m2m_reverse_field_name()}_id": document_id}
            )
            .values_list(f"{m2m_field.m2m_field_name()}_id", flat=True)
        )
        latest: dict[Any, Any] = {}
        for row in model.history.filter(  # type: ignore[attr-defined]
            partnership_id=partnership_id, id__in=set(candidates)
        ).order_by("history_date", "history_id"):
            latest[row.id] = row
        rows = [row for row in latest.values() if row.history_type != "-"]
        links = m2m_values(tracked, [row.history_id for row in rows]).get(field, {})
        ids = [row.id for row in rows if document_id in links.get(row.history_id, ())]
        anchored[model] = list(model._base_manager.filter(pk__in=ids))
    return anchored


def steering_document_rule(context: RestoreContext) -> RestorePlan:
    """A deleted steering document comes back anchored where it was, a deleted need picked by the goals
    that picked it."""
    plan = plan_deleted(context) if context.record.history_type == "-" else default_rule(context)
    if context.record.history_type != "-" or not plan.possible:
        return plan
    anchored = _anchoring_of(context.object_id, context.partnership.pk)
    for records in anchored.values():
        for item in records:
            plan.also.append(_("Anchoring of %(what)s") % {"what": _describe(item)})
    restore_document = plan.apply
    assert restore_document is not None

    def apply() -> models.Model:
        document = restore_document()
        # A deleted document's uses went with it: the partnership restoring it uses it again.
        assert isinstance(document, SteeringDocument)
        steering_document_use(partnership=context.partnership, document=document)
        for records in anchored.values():
            for item in records:
                item.steering_documents.add(document)
        return document

    plan.apply = apply
    return plan


def need_rule(context: RestoreContext) -> RestorePlan:
    """A deleted need of the target group comes back picked by the goals that picked it."""
    plan = plan_deleted(context) if context.record.history_type == "-" else default_rule(context)
    if context.record.history_type != "-" or not plan.possible:
        return plan
    goals = _anchoring_of(context.object_id, context.partnership.pk, "needs", (Node,))[Node]
    plan.also += [_("Picked by %(what)s") % {"what": _describe(goal)} for goal in goals]
    restore_need = plan.apply
    assert restore_need is not None

    def apply() -> models.Model:
        need = restore_need()
        for goal in goals:
            goal.needs.add(need)
        return need

    plan.apply = apply
    return plan


def _describe(item: Any) -> str:
    if isinstance(item, TheoryOfChange):
        return _("the shared picture")
    return f"“{item.title}”"


RULES: dict[type[models.Model], Callable[[RestoreContext], RestorePlan] | None] = {
    Node: node_rule,
    Link: link_rule,
    SteeringDocument: steering_document_rule,
    TargetGroupNeed: need_rule,
    Revision: None,  # a revision is a record of the past, never rewritten
}
# The services' checks: a restored node or indicator obeys the rules of an edited one.
CHECKS: dict[type[models.Model], Callable[[Any], None]] = {
    Node: services.check_node,
    Indicator: services.check_indicator,
}
for _model, _rule in RULES.items():
    register_restore(_model, _rule, check=CHECKS.get(_model))
register_restore(Indicator, default_rule, check=services.check_indicator)
