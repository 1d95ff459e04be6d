"""What the programme screens share: no delete, history or usage pages (their history is the audit log,
shown on the object's own page), and after saving, the object's page rather than the listing."""

from django.urls import path, reverse
from wagtail.admin.viewsets.model import ModelViewSet

from union.readonly import InspectPageURLFinderMixin


class NoDeleteHistoryUsage:
    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(delete_url_name=None, history_url_name=None, usage_url_name=None)
        return view_kwargs


class BackToInspectAfterSave:
    """For add and edit views: the saved object's page comes next."""

    inspect_url_name = None

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class ProgrammeViewSet(NoDeleteHistoryUsage, InspectPageURLFinderMixin, ModelViewSet):
    """Listing, add, the object's page and edit; subclasses add their actions in `extra_urlpatterns`."""

    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    def extra_urlpatterns(self) -> list:
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/edit/", self.edit_view, name="edit"),
            *self.extra_urlpatterns(),
        ]
