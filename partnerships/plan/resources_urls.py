"""The resources page of the plan and its item pages, in the partnerships namespace."""

from __future__ import annotations

from django.urls import path

from . import resources_views as views

urlpatterns = [
    path("p/<str:key>/plan/resources/", views.resources, name="plan_resources"),
    path("p/<str:key>/plan/resources/new/", views.resource_create, name="plan_resource_create"),
    path(
        "p/<str:key>/plan/resources/<int:pk>/edit/",
        views.resource_edit,
        name="plan_resource_edit",
    ),
    path(
        "p/<str:key>/plan/resources/<int:pk>/delete/",
        views.resource_delete,
        name="plan_resource_delete",
    ),
    path(
        "p/<str:key>/plan/resources/<int:pk>/restore/",
        views.resource_restore,
        name="plan_resource_restore",
    ),
]
