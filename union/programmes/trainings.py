"""Trainings in the admin: the listing, creating and editing a training, and its page — the officer's
phone screen on the day: places, the door code, the check-in list, registering a woman who called,
the attendance sheet (print, CSV, XLSX) and the follow-up figures. Scanning a woman's ticket code
opens `ticket/<code>/` here."""

import django_filters
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry

from marketplace.accounts.phone import format_phone
from marketplace.core.links import absolute_url
from marketplace.core.vietqr import qr_svg
from programmes.check_in_codes import check_in_open, door_code, ticket_registration_id
from programmes.errors import ProgrammeError
from programmes.models import Training, TrainingRegistration
from programmes.selectors import (
    attendance_sheet,
    follow_up,
    person_in_scope,
    seat_counts,
    with_seat_counts,
)
from programmes.services.trainings import check_in, check_in_undo, registration_cancel, training_register
from union.programmes.base import BackToInspectAfterSave, ProgrammeViewSet
from union.programmes.forms import RegisterOnBehalfForm, TrainingForm
from union.programmes.labels import CreateLabels, EditLabels
from union.scoping import (
    AccentFreeSearchMixin,
    ScopedIndexMixin,
    ScopedInspectMixin,
    ScopedObjectMixin,
    _valid_pk,
)
from union.spreadsheets import spreadsheet_response
from union.unit_filter import unit_subtree_filter
from union.viewsets import PeopleFriendlySpreadsheetMixin

CheckIn = TrainingRegistration.CheckIn


def _local(value) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def training_in_scope(request, pk, action: str = "view") -> Training:
    """The training if it lies in the officer's subtree and she may `action` it; 404 otherwise."""
    pk = _valid_pk(pk)
    policy = policy_registry.get_by_type(Training)
    if pk is None or not policy.user_has_permission(request.user, action):
        raise Http404
    return get_object_or_404(policy.instances_user_has_any_permission_for(request.user, [action]), pk=pk)


def door_url(training: Training) -> str:
    return absolute_url(reverse("seller:training_door", args=[training.pk, door_code(training)]))


# --- Listing ------------------------------------------------------------------------------------


class TrainingFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=gettext_lazy("Thời gian"), method="filter_when",
        choices=[("upcoming", gettext_lazy("Sắp diễn ra và đang học")), ("past", gettext_lazy("Đã kết thúc"))])

    unit = unit_subtree_filter("unit__path")

    class Meta:
        model = Training
        fields = ["topic", "when", "unit"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


def _places(training) -> str:
    return f"{training.registered_count}/{training.capacity}"


class TrainingIndexView(PeopleFriendlySpreadsheetMixin, ScopedIndexMixin, AccentFreeSearchMixin, generic.IndexView):
    search_text_field = "title"
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return with_seat_counts(super().get_base_queryset().select_related("unit"))

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "title", label=_("Tên lớp"), sort_key="title", get_url=self.get_inspect_url)
        return [
            title,
            Column("topic", label=_("Chủ đề"), accessor="get_topic_display", sort_key="topic"),
            Column("starts_at", label=_("Bắt đầu lúc"), accessor=lambda t: _local(t.starts_at), sort_key="starts_at"),
            Column("unit", label=_("Đơn vị tổ chức"), sort_key="unit__name"),
            Column("places", label=_("Đã đăng ký / số chỗ"), accessor=_places),
            Column("waitlisted_count", label=_("Danh sách chờ")),
            Column("attended_count", label=_("Có mặt")),
        ]


# --- Creating and editing -------------------------------------------------------------------------


class TrainingCreateView(CreateLabels, BackToInspectAfterSave, generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class TrainingEditView(EditLabels, BackToInspectAfterSave, ScopedObjectMixin, generic.EditView):
    object_actions = ("change",)


# --- A training's page ----------------------------------------------------------------------------


def _person(registration) -> dict:
    user = registration.user
    return {"name": str(user), "phone": format_phone(user.phone), "producer": registration.producer.name}


class TrainingInspectView(ScopedInspectMixin, generic.InspectView):
    template_name = "union/programmes/training_inspect.html"
    register_form = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        training = self.object
        may_change = self.user_has_permission_for_instance("change", training)
        now = timezone.now()
        context.update({
            "training": training,
            "counts": seat_counts(training),
            "registrations": attendance_sheet(training),
            "materials": training.materials.select_related("document"),
            "invited": training.invited.all() if training.audience == Training.Audience.INVITED else [],
            "may_change": may_change,
            "check_in_open": check_in_open(training),
            "can_cancel": may_change and now < training.starts_at,
            "training_over": now > training.ends_at,
            "list_open": may_change and training.starts_at - timezone.timedelta(minutes=60) <= now
            <= training.ends_at + timezone.timedelta(days=7),
            "register_form": (self.register_form or RegisterOnBehalfForm(auto_id="register_%s"))
            if may_change and now < training.ends_at else None,
            "door_svg": qr_svg(door_url(training), _("Mã điểm danh tại cửa")) if may_change else "",
            "door_url": door_url(training) if may_change else "",
            "follow_up": follow_up(training) if now >= training.starts_at else None,
        })
        return context


def _back(training) -> str:
    return reverse("trainings:inspect", args=[training.pk])


class TrainingRegisterView(TrainingInspectView):
    """POST only, on top of the training's page: a woman who called is registered by the officer; a bad
    entry comes back on the page with what she typed."""

    permission_required = "change"
    any_permission_required = None
    http_method_names = ["post"]
    object_actions = ("change",)

    def post(self, request, *args, **kwargs):
        training = self.object
        form = RegisterOnBehalfForm(request.POST, auto_id="register_%s")
        if form.is_valid():
            person = person_in_scope(request.user, form.cleaned_data["person"])
            if person is None:
                form.add_error("person", _("Không tìm thấy chị em này trong các cơ sở thuộc đơn vị của chị."))
            else:
                try:
                    registration = training_register(training=training, user=person, by=request.user)
                except ProgrammeError as error:
                    form.add_error("person", error.message)
                else:
                    if registration.status == TrainingRegistration.Status.WAITLISTED:
                        messages.warning(request, _("Lớp đã đủ chỗ: %(person)s được ghi vào danh sách chờ.")
                                         % {"person": person})
                    else:
                        messages.success(request, _("Đã đăng ký cho %(person)s.") % {"person": person})
                    return redirect(_back(training))
        messages.error(request, _("Chưa đăng ký được: hãy xem lỗi bên dưới."))
        self.register_form = form
        return self.render_to_response(self.get_context_data(), status=400)


def _registration(request, pk, registration_id) -> TrainingRegistration:
    training = training_in_scope(request, pk, "change")
    registration_id = _valid_pk(registration_id)
    if registration_id is None:
        raise Http404
    return get_object_or_404(TrainingRegistration.objects.select_related("training", "user"),
                             pk=registration_id, training=training)


@require_POST
def check_in_view(request, pk, registration_id):
    registration = _registration(request, pk, registration_id)
    try:
        done = check_in(registration=registration, by=request.user, method=CheckIn.LIST)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        if done:
            messages.success(request, _("%(person)s đã có mặt.") % {"person": registration.user})
        else:
            messages.info(request, _("%(person)s đã được điểm danh trước đó.") % {"person": registration.user})
    return redirect(_back(registration.training) + f"#registration-{registration.pk}")


@require_POST
def check_in_undo_view(request, pk, registration_id):
    registration = _registration(request, pk, registration_id)
    try:
        check_in_undo(registration=registration, by=request.user)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã bỏ điểm danh của %(person)s.") % {"person": registration.user})
    return redirect(_back(registration.training) + f"#registration-{registration.pk}")


@require_POST
def cancel_view(request, pk, registration_id):
    registration = _registration(request, pk, registration_id)
    try:
        promoted = registration_cancel(registration=registration, by=request.user)
    except ProgrammeError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã huỷ đăng ký của %(person)s.") % {"person": registration.user})
        if promoted:
            messages.info(request, _("%(person)s được chuyển từ danh sách chờ vào lớp.") % {"person": promoted.user})
    return redirect(_back(registration.training))


def sheet_view(request, pk):
    """The attendance sheet: a page to print (and sign), or ?format=csv / xlsx."""
    training = training_in_scope(request, pk, "view")
    registrations = list(attendance_sheet(training))
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        headings = [_("STT"), _("Họ tên"), _("Số điện thoại"), _("Cơ sở"), _("Trạng thái"), _("Có mặt lúc"),
                    _("Cách điểm danh"), _("Mã chứng nhận")]
        rows = [[number, str(r.user), format_phone(r.user.phone), r.producer.name, r.get_status_display(),
                 _local(r.checked_in_at), r.get_check_in_method_display(), r.certificate_code or ""]
                for number, r in enumerate(registrations, start=1)]
        stamp = timezone.localtime(training.starts_at).strftime("%Y%m%d")
        return spreadsheet_response(f"diem-danh-{training.pk}-{stamp}", headings, rows, fmt)
    return render(request, "union/programmes/attendance_sheet.html", {
        "training": training, "registrations": registrations, "counts": seat_counts(training)})


def door_view(request, pk):
    """The door code on a page of its own, to print large or to show on a laptop at the door."""
    training = training_in_scope(request, pk, "change")
    return render(request, "union/programmes/door_code.html", {
        "training": training, "door_svg": qr_svg(door_url(training), _("Mã điểm danh tại cửa")), "door_url": door_url(training)})


def ticket_view(request, code):
    """An officer scanned a woman's ticket code: show who she is, and check her in on "Có mặt"."""
    found = ticket_registration_id(code)
    if found is None:
        return render(request, "union/programmes/ticket.html", {"problem": _("Mã này không phải mã đăng ký tập huấn "
                                                                              "của Chợ Phụ nữ.")}, status=400)
    registration_id, training_id = found
    training = training_in_scope(request, training_id, "change")
    registration = get_object_or_404(TrainingRegistration.objects.select_related("user", "producer", "training"),
                                     pk=registration_id, training=training)
    problem = None
    if request.method == "POST":
        try:
            done = check_in(registration=registration, by=request.user, method=CheckIn.TICKET)
        except ProgrammeError as error:
            problem = error.message
        else:
            if done:
                messages.success(request, _("%(person)s đã có mặt.") % {"person": registration.user})
            else:
                messages.info(request, _("%(person)s đã được điểm danh trước đó.") % {"person": registration.user})
            return redirect(_back(training) + f"#registration-{registration.pk}")
    elif not check_in_open(training):
        problem = _("Mã điểm danh chỉ dùng được trong giờ học (từ 60 phút trước giờ bắt đầu đến khi kết thúc).")
    return render(request, "union/programmes/ticket.html", {
        "registration": registration, "training": training, "person": _person(registration), "problem": problem,
        "back_url": _back(training)}, status=400 if problem else 200)


# --- The viewset --------------------------------------------------------------------------------

MATERIAL_PANELS = [FieldPanel("title"), FieldPanel("document"), FieldPanel("url")]


class TrainingViewSet(ProgrammeViewSet):
    model = Training
    name = "trainings"
    url_prefix = "trainings"
    icon = "user"
    menu_label = gettext_lazy("Tập huấn")
    index_view_class = TrainingIndexView
    add_view_class = TrainingCreateView
    edit_view_class = TrainingEditView
    inspect_view_class = TrainingInspectView
    filterset_class = TrainingFilterSet
    search_fields = ["title"]
    edit_handler = ObjectList([
        MultiFieldPanel([FieldPanel("title"), FieldPanel("topic"), FieldPanel("unit"), FieldPanel("trainer"),
                         FieldPanel("description")], heading=gettext_lazy("Lớp tập huấn")),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("place"),
                         FieldPanel("online_url")], heading=gettext_lazy("Thời gian và địa điểm")),
        MultiFieldPanel([FieldPanel("capacity"), FieldPanel("audience"), FieldPanel("invited")],
                        heading=gettext_lazy("Người học")),
        InlinePanel("materials", panels=MATERIAL_PANELS, label=gettext_lazy("Tài liệu"),
                    heading=gettext_lazy("Tài liệu")),
    ], base_form_class=TrainingForm)
    list_export = ["title", "get_topic_display", "unit", "starts_at", "ends_at", "place", "trainer", "capacity",
                   "registered_count", "waitlisted_count", "attended_count"]
    export_headings = {
        "title": gettext_lazy("Tên lớp"), "get_topic_display": gettext_lazy("Chủ đề"),
        "unit": gettext_lazy("Đơn vị tổ chức"), "starts_at": gettext_lazy("Bắt đầu lúc"),
        "ends_at": gettext_lazy("Kết thúc lúc"), "place": gettext_lazy("Địa điểm"),
        "trainer": gettext_lazy("Giảng viên"), "capacity": gettext_lazy("Số chỗ"),
        "registered_count": gettext_lazy("Đã đăng ký"), "waitlisted_count": gettext_lazy("Danh sách chờ"),
        "attended_count": gettext_lazy("Có mặt"),
    }
    export_filename = "tap-huan"

    @cached_property
    def register_view(self):
        return self.construct_view(TrainingRegisterView, **self.get_inspect_view_kwargs())

    def extra_urlpatterns(self):
        return [
            path("<int:pk>/register/", self.register_view, name="register"),
            path("<int:pk>/registrations/<int:registration_id>/check-in/", check_in_view, name="check_in"),
            path("<int:pk>/registrations/<int:registration_id>/undo/", check_in_undo_view, name="check_in_undo"),
            path("<int:pk>/registrations/<int:registration_id>/cancel/", cancel_view, name="cancel"),
            path("<int:pk>/sheet/", sheet_view, name="sheet"),
            path("<int:pk>/door-code/", door_view, name="door"),
            path("ticket/<str:code>/", ticket_view, name="ticket"),
        ]
