"""URLs of the organisation chart (under an organisation) and of a partnership's use of it."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("organisations/<uuid:pk>/chart/", views.organisation_chart, name="organisation_chart"),
    path("organisations/<uuid:pk>/chart/new/", views.unit_create, name="org_unit_create"),
    path(
        "organisations/<uuid:pk>/chart/<int:unit_pk>/edit/",
        views.unit_edit,
        name="org_unit_edit",
    ),
    path(
        "organisations/<uuid:pk>/chart/<int:unit_pk>/remove/",
        views.unit_remove,
        name="org_unit_remove",
    ),
    path(
        "organisations/<uuid:pk>/chart/<int:unit_pk>/restore/",
        views.unit_restore,
        name="org_unit_restore",
    ),
    path("p/<str:key>/parties/<int:pk>/unit/", views.party_unit, name="party_unit"),
    path("p/<str:key>/steering/<int:pk>/use/", views.steering_use, name="steering_use"),
    path("p/<str:key>/steering/<int:pk>/drop/", views.steering_drop, name="steering_drop"),
]
