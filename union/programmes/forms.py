"""Admin forms of the programmes: every choice narrowed to the officer's scope, every rule of the
domain services shown on its field in Vietnamese."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser

from marketplace.accounts.phone import format_phone
from producers.models import Producer
from producers.selectors import producers_for_staff, units_for_staff
from programmes.models import MentoringPair, SupportRecord, Training
from programmes.models.trainings import MAX_CAPACITY
from programmes.selectors import person_in_scope
from programmes.services.mentoring import pair_problems
from programmes.services.support import support_problems

MAX_TRAINING_DAYS = 14


def producer_chooser() -> AdminSnippetChooser:
    """A searchable chooser of the producers in her scope (a central officer's list runs to thousands)."""
    return AdminSnippetChooser(
        Producer, choose_one_text=_("Chọn cơ sở"), choose_another_text=_("Chọn cơ sở khác"),
        clear_choice_text=_("Bỏ chọn"), show_edit_link=False)


def _contact_of(user) -> str:
    if user is None:
        return ""
    return format_phone(user.phone) or user.email or ""


class ScopedModelForm(WagtailAdminModelForm):
    scoped_units = ("unit",)
    scoped_producers = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        for name in self.scoped_units:
            if name in self.fields:
                self.fields[name].queryset = units_for_staff(user)
        for name in self.scoped_producers:
            if name in self.fields:
                self.fields[name].queryset = producers_for_staff(user)


class PersonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}))
        super().__init__(**kwargs)


def person_or_error(form, field: str, value: str):
    if not value:
        return None
    person = person_in_scope(form.for_user, value)
    if person is None:
        form.add_error(field, _("Không tìm thấy tài khoản này trong đơn vị của chị (người bán của cơ sở hoặc "
                                "cán bộ Hội trong đơn vị)."))
    return person


class PairForm(ScopedModelForm):
    scoped_producers = ("mentee",)
    mentor_contact = PersonField(
        label=_("Người kèm cặp (số điện thoại hoặc email)"),
        help_text=_("Chị em có kinh nghiệm bán hàng của một cơ sở khác, hoặc cán bộ/hội viên có tài khoản."),
        error_messages={"required": _("Hãy nhập số điện thoại hoặc email của người kèm cặp.")},
    )

    class Meta:
        model = MentoringPair
        fields = ["unit", "mentee", "focus", "started_on", "planned_end_on"]
        widgets = {"mentee": producer_chooser()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["mentor_contact"] = _contact_of(self.instance.mentor)
        else:
            self.initial.setdefault("started_on", timezone.localdate())
            self.initial.setdefault("planned_end_on", timezone.localdate() + timedelta(days=180))
        self.fields["unit"].help_text = _("Đơn vị theo dõi cặp; cơ sở được kèm cặp phải thuộc đơn vị này.")

    def clean(self):
        data = super().clean()
        mentor = person_or_error(self, "mentor_contact", data.get("mentor_contact"))
        if mentor is not None:
            self.instance.mentor = mentor
        needed = ("unit", "mentee", "focus", "started_on", "planned_end_on")
        if mentor is not None and all(data.get(name) for name in needed):
            problems = pair_problems(mentor=mentor, pair_id=self.instance.pk, **{name: data[name] for name in needed})
            for field, message in problems.items():
                self.add_error(field if field in self.fields else None, message)
        return data


class EndPairForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Kết quả"), widget=forms.RadioSelect,
        choices=[(MentoringPair.Status.COMPLETED, _("Hoàn thành")), (MentoringPair.Status.ENDED_EARLY, _("Dừng sớm"))],
        error_messages={"required": _("Hãy chọn hoàn thành hoặc dừng sớm."),
                        "invalid_choice": _("Hãy chọn hoàn thành hoặc dừng sớm.")},
    )
    reason = forms.CharField(label=_("Lý do / ghi chú"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"max_length": _("Tối đa %(limit_value)s ký tự.")})


class TrainingForm(ScopedModelForm):
    scoped_producers = ("invited",)

    class Meta:
        model = Training
        fields = ["title", "topic", "unit", "starts_at", "ends_at", "place", "online_url", "capacity", "trainer",
                  "description", "audience", "invited"]
        error_messages = {
            "capacity": {"min_value": _("Số chỗ ít nhất là 1."),
                         "max_value": _("Số chỗ tối đa %(limit_value)s.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": MAX_CAPACITY, "inputmode": "numeric"})
        self.fields["invited"].help_text = _("Chỉ cần khi lớp dành riêng cho các cơ sở được mời.")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_at", _("Giờ kết thúc phải sau giờ bắt đầu."))
            elif ends - starts > timedelta(days=MAX_TRAINING_DAYS):
                self.add_error("ends_at", _("Một lớp kéo dài tối đa %(days)s ngày.") % {"days": MAX_TRAINING_DAYS})
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Hãy ghi địa điểm hoặc đường dẫn học trực tuyến."))
        if data.get("audience") == Training.Audience.INVITED and not data.get("invited"):
            self.add_error("invited", _("Hãy chọn ít nhất một cơ sở được mời."))
        if self.instance.pk and data.get("capacity") is not None:
            taken = self.instance.registrations.filter(status="registered").count()
            if data["capacity"] < taken:
                self.add_error("capacity", _("Đã có %(taken)s người đăng ký; số chỗ không thể ít hơn.")
                               % {"taken": taken})
        return data


class RegisterOnBehalfForm(forms.Form):
    person = PersonField(
        label=_("Số điện thoại hoặc email của chị em"),
        error_messages={"required": _("Hãy nhập số điện thoại hoặc email của chị em.")},
    )


class SupportRecordForm(ScopedModelForm):
    scoped_producers = ("producer",)
    member_contact = PersonField(
        label=_("Người nhận (số điện thoại hoặc email, nếu biết)"), required=False,
        help_text=_("Để trống nếu hỗ trợ cho cả cơ sở."),
    )

    class Meta:
        model = SupportRecord
        fields = ["producer", "kind", "amount", "given_on", "source", "notes", "follow_up_on"]
        widgets = {"producer": producer_chooser()}
        error_messages = {"amount": {"invalid": _("Số tiền phải là số nguyên (đồng)."),
                                     "min_value": _("Số tiền phải lớn hơn 0.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].widget.attrs.update({"inputmode": "numeric", "min": 1})
        if self.instance.pk and self.instance.member_id:
            self.initial["member_contact"] = _contact_of(self.instance.member)

    def clean(self):
        data = super().clean()
        contact = data.get("member_contact")
        self.instance.member = person_or_error(self, "member_contact", contact) if contact else None
        if data.get("kind") and data.get("given_on") and data.get("producer"):
            for name in self.Meta.fields:  # the instance is filled only after clean(); the rules need it now
                setattr(self.instance, name, data.get(name))
            for field, message in support_problems(self.instance).items():
                self.add_error(field if field in self.fields else "member_contact", message)
        return data
