"""View mixins that fetch objects only from the permission policy's scope.

Wagtail's generic views check "may she edit producers at all?" but load the object by id from the
whole table. These mixins load it from the policy's scope instead, so another unit's id in an
edit, delete, inspect, history, usage, chooser or chosen URL is a 404 and never shows the object.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser

from marketplace.core.text import normalise


def _valid_pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


class ScopedBaseMixin:
    object_actions = ("view", "change")

    def scoped_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(self.request.user, self.object_actions)


class ScopedObjectMixin(ScopedBaseMixin):
    """For edit and delete views (SingleObjectMixin loads the object from get_queryset)."""

    def get_queryset(self):
        return self.scoped_queryset()


class ScopedListedObjectMixin(ScopedBaseMixin):
    """For history and usage views, whose get_queryset lists log entries or references of the object."""

    def get_base_object_queryset(self):
        return self.scoped_queryset()


class ScopedInspectMixin(ScopedBaseMixin):
    def get_object(self, queryset=None):
        pk = _valid_pk(unquote(str(self.pk)))
        if pk is None:
            raise Http404
        return get_object_or_404(self.scoped_queryset(), pk=pk)


class ScopedIndexMixin:
    """For the listing of a ModelViewSet (snippet viewsets use their get_queryset(request))."""

    def get_base_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(self.request.user, self.any_permission_required)


def scoped(view_class, *actions, mixin=ScopedObjectMixin):
    """A subclass of a Wagtail view class whose object comes from the scope of `actions`."""
    return type(f"Scoped{view_class.__name__}", (mixin, view_class), {"object_actions": actions})


class ScopedChooserMixin:
    """Chooser modal and its results: the selector's scope, whatever the user's model permissions."""

    def get_object_list(self):
        return policy_registry.get_by_type(self.model_class).scope(self.request.user)


class ScopedChosenMixin:
    def get_object(self, pk):
        pk = _valid_pk(pk)
        if pk is None:
            raise ObjectDoesNotExist
        return policy_registry.get_by_type(self.model_class).scope(self.request.user).get(pk=pk)


class ScopedChosenMultipleMixin:
    def get_objects(self, pks):
        ids = [pk for pk in map(_valid_pk, pks) if pk is not None]
        return policy_registry.get_by_type(self.model_class).scope(self.request.user).filter(pk__in=ids)


def accent_free_search(queryset, query: str, *, text_field: str, also_icontains: tuple[str, ...] = ()):
    """Match `query` typed with or without diacritics ("hop tac xa" finds "Hợp tác xã") within `queryset`.

    The database search index cannot filter on the union path, so the match is made here, over the
    already scoped rows: at most a few thousand names for a central officer.
    """
    needle = normalise(query)
    if not needle:
        return queryset
    matches = Q(pk__in=[pk for pk, text in queryset.values_list("pk", text_field) if needle in normalise(text)])
    for field in also_icontains:
        matches |= Q(**{f"{field}__icontains": query.strip()})
    return queryset.filter(matches)


class AccentFreeSearchMixin:
    """For index views: search with accent_free_search instead of the database search index."""

    search_text_field = "name"
    search_also_icontains: tuple[str, ...] = ()

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return accent_free_search(queryset, self.search_query, text_field=self.search_text_field,
                                  also_icontains=self.search_also_icontains)


def chooser_filter_form(search):
    """A chooser search box that runs `search(queryset, query)` instead of the search index."""

    class ScopedSearchFilterForm(SearchFilterMixin, BaseFilterForm):
        def filter(self, objects):
            query = self.cleaned_data.get("q")
            if query:
                self.is_searching, self.search_query = True, query
                return search(objects, query)
            return objects

    return ScopedSearchFilterForm


class ScopedChooseView(ScopedChooserMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(ScopedChosenMixin, snippet_chooser.SnippetChosenView):
    pass


class ScopedChosenMultipleView(ScopedChosenMultipleMixin, snippet_chooser.SnippetChosenMultipleView):
    pass


def scoped_chooser_viewset(search):
    """A snippet chooser whose list, search, chosen and chosen-multiple views read the selector's scope."""
    filter_form = chooser_filter_form(search)

    def with_form(view_class):
        return type(view_class.__name__, (view_class,), {"filter_form_class": filter_form})

    return type("ScopedSnippetChooserViewSet", (snippet_chooser.SnippetChooserViewSet,), {
        "choose_view_class": with_form(ScopedChooseView),
        "choose_results_view_class": with_form(ScopedChooseResultsView),
        "chosen_view_class": ScopedChosenView,
        "chosen_multiple_view_class": ScopedChosenMultipleView,
    })
