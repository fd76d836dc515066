"""Members, roles and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.http import AuthedRequest

from .. import selectors, services
from ..access import Access, get_partnership_for_user
from ..forms import ROLE_HELP, InvitationForm, RoleForm
from ..models import Invitation, Role


def _members_page(
    request: AuthedRequest,
    access: Access,
    form: InvitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    partnership = access.partnership
    members, invitations = selectors.members_and_invitations(partnership)
    open_invitations = [invitation for invitation in invitations if invitation.declined_at is None]
    declined = [invitation for invitation in invitations if invitation.declined_at is not None]
    can_manage = access.can_manage
    return render(
        request,
        "partnerships/members.html",
        {
            "partnership": partnership,
            "access": access,
            "members": members,
            "invitations": open_invitations,
            "declined_invitations": declined,
            "form": form if form is not None else (InvitationForm() if can_manage else None),
            "role_choices": Role.choices,
            "role_help": ROLE_HELP.items(),
        },
        status=status,
    )


@login_required
@require_safe
def members(request: AuthedRequest, key: str) -> HttpResponse:
    return _members_page(request, get_partnership_for_user(request.user, key))


@login_required
@require_POST
def invite(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                partnership=partnership,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works for 14 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("partnerships:members", key=key)
    return _members_page(request, access, form, status=400)


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    invitation = get_object_or_404(partnership.invitations, pk=pk, accepted_at__isnull=True)
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("partnerships:members", key=key)


@login_required
@require_POST
def member_role(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    membership = get_object_or_404(partnership.memberships.select_related("user"), pk=pk)
    form = RoleForm(request.POST, instance=membership)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
        return redirect("partnerships:members", key=key)
    try:
        services.membership_change_role(membership=membership, role=form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s's role was changed.") % {"user": membership.user})
    return redirect("partnerships:members", key=key)


@login_required
@require_POST
def member_remove(request: AuthedRequest, key: str, pk: int) -> HttpResponse:
    access = get_partnership_for_user(request.user, key, need="manage")
    partnership = access.partnership
    membership = get_object_or_404(partnership.memberships.select_related("user"), pk=pk)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:members", key=key)
    if membership.user_id == request.user.pk:
        messages.success(request, _("You have left %(title)s.") % {"title": partnership.title})
        return redirect("partnerships:dashboard")
    messages.success(
        request, _("%(user)s was removed from the partnership.") % {"user": membership.user}
    )
    return redirect("partnerships:members", key=key)


@login_required
@require_POST
def leave(request: AuthedRequest, key: str) -> HttpResponse:
    access = get_partnership_for_user(request.user, key)
    partnership = access.partnership
    try:
        services.membership_remove(membership=access.membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:members", key=key)
    messages.success(request, _("You have left %(title)s.") % {"title": partnership.title})
    return redirect("partnerships:dashboard")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the email: shows the invitation, accepts it for the invited user."""
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "partnerships/invitation.html", {"error": " ".join(error.messages)}, status=410
        )
    context: dict[str, Any] = {"invitation": invitation}
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{request.path}")
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            return render(request, "partnerships/invitation.html", context, status=400)
        messages.success(
            request,
            _("Welcome to %(title)s.") % {"title": membership.partnership.title},
        )
        return redirect(membership.partnership)
    if request.user.is_authenticated and not services.invitation_is_addressed_to(
        invitation=invitation, user=request.user
    ):
        context["error"] = _(
            "This invitation was sent to %(invited)s, but you are signed in as %(current)s. "
            "Sign out and sign in with the invited address to accept it."
        ) % {"invited": invitation.email, "current": request.user.email}
    return render(request, "partnerships/invitation.html", context)


def _pending_invitation(request: HttpRequest, pk: int) -> Invitation:
    """An invitation waiting for the signed-in user; anyone else's is 404, as if it did not exist."""
    return get_object_or_404(selectors.pending_invitations_for_user(request.user), pk=pk)


@login_required
@require_POST
def pending_invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept from the dashboard, without the emailed link."""
    invitation = _pending_invitation(request, pk)
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:dashboard")
    messages.success(request, _("Welcome to %(title)s.") % {"title": membership.partnership.title})
    return redirect(membership.partnership)


@login_required
def pending_invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what declining does; POST declines."""
    invitation = _pending_invitation(request, pk)
    if request.method == "POST":
        try:
            services.invitation_decline(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You declined the invitation to %(title)s.")
                % {"title": invitation.partnership.title},
            )
        return redirect("partnerships:dashboard")
    return render(request, "partnerships/invitation_decline.html", {"invitation": invitation})
