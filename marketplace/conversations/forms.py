from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.forms import VietnameseMessages, photo_input


class MessageForm(VietnameseMessages, forms.Form):
    text = forms.CharField(label=_("Tin nhắn"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.FileField(label=_("Ảnh (không bắt buộc)"), required=False, widget=photo_input())


class ComplaintForm(VietnameseMessages, forms.Form):
    text = forms.CharField(label=_("Điều gì chưa ổn?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Cách giải quyết"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                                 error_messages={"required": _("Hãy ghi cách giải quyết.")})
