"""Admin viewsets whose object page is the inspect view: staff read there and act through its buttons."""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.viewsets.model import ModelViewSet


class InspectPageURLFinderMixin:
    """Links to an object (search results, the admin's "edit" links) open its inspect page."""

    @property
    def url_finder_class(self):
        return type("_InspectURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})


class ReadOnlyModelViewSet(InspectPageURLFinderMixin, ModelViewSet):
    """A listing and one page per object; changes happen through that page's actions only."""

    copy_view_enabled = False
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, delete_url_name=None, history_url_name=None,
                           usage_url_name=None)
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]


class ResolvableModelViewSet(ReadOnlyModelViewSet):
    """A read-only queue whose objects are settled from their page: a "resolve" form at `<pk>/resolve/`."""

    resolve_view_class = None

    @cached_property
    def resolve_view(self):
        return self.construct_view(self.resolve_view_class, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/resolve/", self.resolve_view, name="resolve")]
