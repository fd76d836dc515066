from __future__ import annotations

from django.urls import path

from .views import editing, exchange, needs, revisions

app_name = "theory_of_change"

# Under /partnerships/, next to the partnership's other pages; every route names its key so
# the URL x role harness sees it.
PREFIX = "p/<str:key>/toc/"

urlpatterns = [
    path(PREFIX, editing.page, name="page"),
    path(PREFIX + "edit/", editing.shared_picture_edit, name="edit"),
    path(PREFIX + "needs/add/", needs.need_add, name="need_add"),
    path(PREFIX + "needs/<int:pk>/edit/", needs.need_edit, name="need_edit"),
    path(PREFIX + "needs/<int:pk>/delete/", needs.need_delete, name="need_delete"),
    path(PREFIX + "nodes/add/", editing.node_add, name="node_add"),
    path(PREFIX + "nodes/<int:pk>/edit/", editing.node_edit, name="node_edit"),
    path(PREFIX + "nodes/<int:pk>/delete/", editing.node_delete, name="node_delete"),
    path(PREFIX + "nodes/<int:pk>/move/", editing.node_move, name="node_move"),
    path(PREFIX + "nodes/<int:pk>/indicators/add/", editing.indicator_add, name="indicator_add"),
    path(PREFIX + "links/add/", editing.link_add, name="link_add"),
    path(PREFIX + "links/<int:pk>/edit/", editing.link_edit, name="link_edit"),
    path(PREFIX + "links/<int:pk>/delete/", editing.link_delete, name="link_delete"),
    path(PREFIX + "indicators/<int:pk>/edit/", editing.indicator_edit, name="indicator_edit"),
    path(PREFIX + "indicators/<int:pk>/delete/", editing.indicator_delete, name="indicator_delete"),
    path(PREFIX + "diagram.svg", exchange.diagram, name="diagram"),
    path(PREFIX + "export.json", exchange.export_json, name="export_json"),
    path(PREFIX + "export.xlsx", exchange.export_xlsx, name="export_xlsx"),
    path(PREFIX + "import/", exchange.import_chain, name="import"),
    path(PREFIX + "import/templates/<slug:template>/", exchange.template_preview, name="template"),
    path(PREFIX + "revisions/", revisions.revision_list, name="revision_list"),
    path(PREFIX + "revisions/new/", revisions.revision_create, name="revision_create"),
    path(PREFIX + "revisions/compare/", revisions.revision_compare, name="revision_compare"),
    path(PREFIX + "revisions/<int:number>/", revisions.revision_detail, name="revision_detail"),
    path(
        PREFIX + "revisions/<int:number>/restore/",
        revisions.revision_restore,
        name="revision_restore",
    ),
]
