"""Reviews in the admin: those of the products of the officer's subtree; a review that breaks the rules
(insults, personal data, advertising) is hidden with a reason, which the seller sees."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic

from marketplace.reviews.forms import HideForm
from marketplace.reviews.models import Review
from marketplace.reviews.services import ReviewError, review_hide
from union.readonly import ReadOnlyModelViewSet
from union.scoping import ScopedIndexMixin, ScopedInspectMixin


class ReviewIndexView(ScopedIndexMixin, generic.IndexView):
    default_ordering = "-created_at"

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)("product", label=_("Sản phẩm"), get_url=self.get_inspect_url),
            Column("stars", label=_("Số sao")),
            Column("author_name", label=_("Người đánh giá")),
            Column("created_at", label=_("Lúc"), accessor=lambda r: r.created_at.strftime("%d/%m/%Y")),
            Column("hidden_at", label=_("Bị ẩn"), accessor=lambda r: _("Có") if r.hidden_at else "—"),
        ]


class ReviewInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/review_inspect.html"
    hide_form = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        may_hide = review.hidden_at is None and self.user_has_permission_for_instance("change", review)
        context.update({"review": review, "photos": review.photos.select_related("image"),
                        "hide_form": (self.hide_form or HideForm()) if may_hide else None,
                        "hide_url": reverse("reviews_admin:hide", args=[review.pk])})
        return context


class ReviewHideView(ReviewInspectView):
    permission_required = "hide"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        form = HideForm(request.POST)
        if form.is_valid():
            try:
                review_hide(review=self.object, by=request.user, reason=form.cleaned_data["reason"])
            except ReviewError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã ẩn đánh giá."))
                return redirect("reviews_admin:inspect", self.object.pk)
        self.hide_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class ReviewViewSet(ReadOnlyModelViewSet):
    model = Review
    name = "reviews_admin"
    url_prefix = "reviews"
    icon = "pick"
    menu_label = gettext_lazy("Đánh giá sản phẩm")
    index_view_class = ReviewIndexView
    inspect_view_class = ReviewInspectView
    list_filter = ["stars"]

    @cached_property
    def hide_view(self):
        return self.construct_view(ReviewHideView, **self.get_inspect_view_kwargs())

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/hide/", self.hide_view, name="hide")]


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet()


@hooks.register("register_log_actions")
def keep_reviews_out_of_site_history(actions):
    actions.log_entry_models_by_type.register(Review, value=None, exact_class=True)
