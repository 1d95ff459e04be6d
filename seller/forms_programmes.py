from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.forms import VietnameseMessages
from programmes.models import MentoringSession


class SessionLogForm(VietnameseMessages, forms.ModelForm):
    """A meeting logged from the mentor's phone: today and "in person" are already filled in."""

    class Meta:
        model = MentoringSession
        fields = ["held_on", "channel", "topic", "notes", "next_step"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "channel": forms.RadioSelect,
            "topic": forms.TextInput(attrs={"placeholder": _("Ví dụ: chụp ảnh sản phẩm bằng điện thoại")}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.TextInput(attrs={"placeholder": _("Ví dụ: đăng 3 sản phẩm trước thứ Sáu")}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].error_messages["invalid"] = _("Ngày chưa đúng, ví dụ 25/11/2026.")
        self.fields["held_on"].initial = timezone.localdate()
