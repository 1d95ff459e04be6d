from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.notifications.models import Channel
from marketplace.notifications.preferences import PHONE_CHANNELS

INVALID_CHANNEL = _("Kênh nhận thông báo không hợp lệ.")


class PreferenceForm(forms.Form):
    """The channels she wants (unticked = opted out) and which phone channel comes first."""

    channels = forms.MultipleChoiceField(
        label=_("Nhận thông báo qua"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=Channel.choices, error_messages={"invalid_choice": INVALID_CHANNEL, "invalid_list": INVALID_CHANNEL},
    )
    phone_first = forms.ChoiceField(
        label=_("Với số điện thoại, thử trước"), widget=forms.RadioSelect,
        choices=[(channel.value, channel.label) for channel in PHONE_CHANNELS],
        error_messages={"invalid_choice": INVALID_CHANNEL, "required": _("Hãy chọn kênh thử trước.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("channels") or []
        if Channel.EMAIL in chosen and self.user is not None and not self.user.email:
            self.add_error("channels", _("Tài khoản chưa có email: bỏ chọn Email hoặc thêm email trước."))
        return cleaned

    def ordered_channels(self) -> list[str]:
        chosen = self.cleaned_data["channels"]
        first = self.cleaned_data["phone_first"]
        phone_order = [first] + [channel.value for channel in PHONE_CHANNELS if channel != first]
        return [channel for channel in [Channel.EMAIL.value, *phone_order] if channel in chosen]
