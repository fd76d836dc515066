"""Contacts of a partnership and its relationship plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.forms import parse_int
from config.http import AuthedRequest

from ..access import Access, get_partnership_for_user
from ..models import Contact
from ..selectors import records_referring_to
from ..views.editing import edit_page
from . import selectors, services
from .forms import ContactForm, RelationshipEntryForm
from .models import RelationshipEntry


def _contacts_url(access: Access) -> str:
    return reverse("partnerships:contact_list", kwargs={"key": access.partnership.key})


def _plan_url(access: Access) -> str:
    return reverse("partnerships:relationship_list", kwargs={"key": access.partnership.key})


def _contact_form(request: AuthedRequest, access: Access, contact: Contact) -> ContactForm:
    organisations = selectors.contact_organisation_choices(
        access.partnership, request.user, current=contact.organisation_id
    )
    return ContactForm(
        request.POST if request.method == "POST" else None,
        instance=contact,
        organisations=organisations,
        units=selectors.contact_unit_choices(organisations, current=contact.unit_id),
    )


@login_required
@require_safe
def contact_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    return render(
        request,
        "partnerships/contacts/contact_list.html",
        {
            "partnership": partnership,
            "access": access,
            "groups": selectors.contact_groups(partnership),
            "removed": selectors.removed_contacts(partnership),
        },
    )


@login_required
def contact_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    form = _contact_form(request, access, Contact(partnership=partnership))
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contact was added."))
            return redirect(_contacts_url(access))
    return render(
        request,
        "partnerships/contacts/contact_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def contact_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    contact = get_object_or_404(Contact.objects.filter(partnership=partnership), pk=pk)
    if contact.is_erased:
        messages.error(request, _("An erased contact cannot be edited."))
        return redirect(_contacts_url(access))
    return edit_page(
        request,
        _contact_form(request, access, contact),
        services.contact_update,
        template="partnerships/contacts/contact_form.html",
        context={"partnership": partnership, "access": access, "contact": contact},
        success_url=_contacts_url(access),
        contact=contact,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what removing the contact changes; POST: remove it (softly, restorable)."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    contact = get_object_or_404(Contact.objects.filter(partnership=partnership), pk=pk)
    if request.method == "POST":
        services.contact_remove(contact=contact)
        messages.success(
            request,
            _("“%(name)s” was removed. You can restore the contact under Removed contacts.")
            % {"name": contact.name},
        )
        return redirect(_contacts_url(access))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Remove the contact “%(name)s”?") % {"name": contact.name},
            "changes": [
                _(
                    "The contact leaves the list of contacts and the choices of the relationship "
                    "plan."
                ),
                _("Its entries in the relationship plan are hidden until it is restored."),
            ],
            "referring": records_referring_to(contact),
            "referring_intro": _("These records keep their link and are hidden with it:"),
            "undo": _(
                "You can restore the contact, as it was, under Removed contacts. To delete "
                "the personal data for good, erase the contact instead."
            ),
            "confirm_label": _("Remove the contact"),
            "cancel_url": _contacts_url(access),
        },
    )


@login_required
@require_POST
def contact_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    contact = get_object_or_404(selectors.removed_contacts(access.partnership), pk=pk)
    services.contact_restore(contact=contact)
    messages.success(request, _("“%(name)s” was restored.") % {"name": contact.name})
    return redirect(_contacts_url(access))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact_erase(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    """GET: what erasing the contact does, and that it cannot be undone; POST: erase it."""
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    contact = get_object_or_404(Contact.all_objects.filter(partnership=partnership), pk=pk)
    if contact.is_erased:
        messages.info(request, _("This contact has been erased already."))
        return redirect(_contacts_url(access))
    if request.method == "POST":
        services.contact_erase(contact=contact, user=request.user)
        messages.success(
            request,
            _(
                "The contact was erased: the name, title, email address and phone number are "
                "gone, also from the history."
            ),
        )
        return redirect(_contacts_url(access))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Erase the contact “%(name)s”?") % {"name": contact.name},
            "changes": [
                _(
                    "The name is replaced by “%(label)s”; the title, email address and phone "
                    "number are deleted."
                )
                % {"label": _("Erased contact")},
                _("They are deleted from every earlier version in the history as well."),
                _(
                    "The organisation, unit and entries in the relationship plan stay, marked as "
                    "an erased contact, so the plan still adds up."
                ),
                _("The erasure is recorded: who erased the contact, and when."),
            ],
            "undo": _(
                "No. Erasure is for a person who asks to have their personal data "
                "deleted, and it cannot be undone or restored from the history. To take "
                "a contact off the list for now, remove it instead."
            ),
            "confirm_label": _("Erase the contact for good"),
            "cancel_url": _contacts_url(access),
        },
    )


# The relationship plan ---------------------------------------------------------------------


@login_required
@require_safe
def relationship_list(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    rows = selectors.relationship_plan(partnership)
    return render(
        request,
        "partnerships/contacts/relationship_list.html",
        {
            "partnership": partnership,
            "access": access,
            "rows": rows,
            "overdue_count": sum(1 for _entry, overdue in rows if overdue),
            "removed": selectors.removed_relationship_entries(partnership),
        },
    )


@login_required
def relationship_create(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    contacts = selectors.plan_contact_choices(partnership)
    initial = {}
    wanted = parse_int(request.GET.get("contact", ""))
    if wanted is not None:
        initial["contact"] = contacts.filter(pk=wanted).first()
    form = RelationshipEntryForm(
        request.POST if request.method == "POST" else None,
        instance=RelationshipEntry(partnership=partnership),
        contacts=contacts,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.relationship_entry_create(partnership=partnership, **form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contact was added to the relationship plan."))
            return redirect(_plan_url(access))
    return render(
        request,
        "partnerships/contacts/relationship_form.html",
        {"partnership": partnership, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def relationship_edit(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    entry = get_object_or_404(RelationshipEntry.objects.filter(partnership=partnership), pk=pk)
    return edit_page(
        request,
        RelationshipEntryForm(
            request.POST if request.method == "POST" else None,
            instance=entry,
            contacts=selectors.plan_contact_choices(partnership, current=entry.contact_id),
        ),
        services.relationship_entry_update,
        template="partnerships/contacts/relationship_form.html",
        context={"partnership": partnership, "access": access, "entry": entry},
        success_url=_plan_url(access),
        entry=entry,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def relationship_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    partnership = access.partnership
    entry = get_object_or_404(RelationshipEntry.objects.filter(partnership=partnership), pk=pk)
    name = entry.contact.name
    if request.method == "POST":
        services.relationship_entry_remove(entry=entry)
        messages.success(
            request,
            _(
                "%(name)s was taken out of the relationship plan. You can restore the entry under "
                "Removed entries."
            )
            % {"name": name},
        )
        return redirect(_plan_url(access))
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership,
            "access": access,
            "heading": _("Take %(name)s out of the relationship plan?") % {"name": name},
            "changes": [
                _(
                    "The entry (status: %(status)s) leaves the relationship plan, with its next "
                    "action."
                )
                % {"status": entry.get_status_display()},
                _("The contact itself stays in the list of contacts."),
            ],
            "undo": _("You can restore the entry, as it was, under Removed entries."),
            "confirm_label": _("Remove the entry"),
            "cancel_url": _plan_url(access),
        },
    )


@login_required
@require_POST
def relationship_restore(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="edit")
    entry = get_object_or_404(selectors.removed_relationship_entries(access.partnership), pk=pk)
    try:
        services.relationship_entry_restore(entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The entry was restored."))
    return redirect(_plan_url(access))
