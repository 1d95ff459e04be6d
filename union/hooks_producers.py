"""The union in the Wagtail admin: scoped permission policies first (before any view asks for one),
then the viewsets under one "Hội Phụ nữ" menu, the document download and the dashboard panels."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from producers.models import OcopCertificate, Producer, UnionStaff, UnionUnit, VerificationRequest
from union import views
from union.panels import union_homepage_panels
from union.viewsets import UnionViewSetGroup

# register_snippet registers the whole group at once (it holds the Producer snippet, which
# cms blocks choose with SnippetChooserBlock); the other viewsets of the group are plain ModelViewSets.
register_snippet(UnionViewSetGroup)


@hooks.register("register_admin_urls")
def union_admin_urls():
    return [
        path("producers/documents/<int:document_id>/", views.document_download, name="producers_admin_document"),
    ]


hooks.register("construct_homepage_panels", union_homepage_panels)


@hooks.register("register_log_actions")
def keep_union_objects_out_of_site_history(actions):
    """Wagtail's site history (/admin/reports/site-history/) lists a model's log entries to anyone with
    a permission on the model, whatever her unit. These models keep their history in AuditEvent,
    shown on the scoped inspect pages, so Wagtail logs nothing for them (None: "no log model")."""
    from marketplace.catalogue.models import Product

    for model in (Producer, VerificationRequest, OcopCertificate, UnionUnit, UnionStaff, Product):
        actions.log_entry_models_by_type.register(model, value=None, exact_class=True)
