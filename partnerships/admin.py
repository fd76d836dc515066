from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, Membership, Municipality, Organisation, Partnership, Party


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county_name"]
    search_fields = ["code", "name"]
    list_filter = ["county_name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "org_number", "home_municipality"]
    search_fields = ["name", "org_number"]
    list_filter = ["kind"]
    autocomplete_fields = ["home_municipality"]


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "municipality", "start_date", "end_date"]
    search_fields = ["title"]
    list_filter = ["phase"]
    inlines = [PartyInline, MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "partnership", "role", "created_at", "accepted_at", "revoked_at"]
    search_fields = ["email"]
