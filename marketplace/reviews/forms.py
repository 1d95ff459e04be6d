from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.forms import VietnameseMessages
from marketplace.reviews.models import MAX_PHOTOS


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files from one input (Django's documented recipe); the service checks each as a photo."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultiplePhotoField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReviewForm(VietnameseMessages, forms.Form):
    stars = forms.TypedChoiceField(label=_("Chấm sao"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(5, _("★★★★★ 5 sao — rất hài lòng")), (4, _("★★★★ 4 sao — hài lòng")),
                                            (3, _("★★★ 3 sao — tạm được")), (2, _("★★ 2 sao — chưa hài lòng")),
                                            (1, _("★ 1 sao — không hài lòng"))])
    text = forms.CharField(label=_("Nhận xét (không bắt buộc)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultiplePhotoField(label=_("Ảnh (tối đa %(n)s)") % {"n": MAX_PHOTOS}, required=False)

    def __init__(self, *args, prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["stars"].widget.attrs["required"] = True


class ReplyForm(VietnameseMessages, forms.Form):
    reply = forms.CharField(label=_("Trả lời người mua"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Lý do ẩn"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Hãy ghi lý do ẩn đánh giá.")})
