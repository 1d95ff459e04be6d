import pytest
from django import forms

from marketplace.accounts.phone import PhoneNumberField, format_phone, normalise_phone, parse_identifier


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0912345678", "+84912345678"),
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("+84 912345678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("+84 0912 345 678", "+84912345678"),
        ("  0382 123 456 ", "+84382123456"),
        ("0523456789", "+84523456789"),
        ("0701234567", "+84701234567"),
        ("0868123456", "+84868123456"),
    ],
)
def test_usual_spellings_of_a_mobile_number_normalise_to_plus_84(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        None,
        "   ",
        "0123",
        "abc",
        "09123456789012345678",  # 20 digits
        "091234567",  # 9 digits
        "09123456789",  # 11 digits
        "0243 826 1234",  # Hà Nội landline
        "02838221234",  # Hồ Chí Minh landline
        "01681234567",  # retired 11-digit mobile
        "0612345678",  # no mobile prefix 06
        "0412345678",
        "0112345678",
        "+1 912 345 6789",  # not Vietnam
        "+0912345678",
        "0912a45678",
        "０９１２３４５６７８",  # full-width digits
        "912345678",  # no leading 0 nor 84
        "8491234567",  # 84 + 8 digits
        "++84912345678",
    ],
)
def test_anything_else_is_refused_with_a_vietnamese_message(raw):
    with pytest.raises(ValueError) as refused:
        normalise_phone(raw)

    message = str(refused.value)
    assert message and ("số điện thoại" in message.lower() or "+84" in message)


def test_the_message_tells_which_prefixes_are_mobile():
    with pytest.raises(ValueError, match="03, 05, 07, 08 hoặc 09"):
        normalise_phone("0243 826 1234")


def test_a_stored_number_reads_back_the_way_people_write_it():
    assert format_phone("+84912345678") == "0912 345 678"
    assert format_phone(None) == ""


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0912 345 678", ("phone", "+84912345678")),
        ("Hoa.Nguyen@Example.VN", ("email", "hoa.nguyen@example.vn")),
        ("  lan@gmail.com ", ("email", "lan@gmail.com")),
    ],
)
def test_an_identifier_is_a_phone_or_an_email(raw, expected):
    assert parse_identifier(raw) == expected


@pytest.mark.parametrize("raw", ["", "lan@", "abc", "0123", "x" * 5000 + "@gmail.com"])
def test_an_identifier_that_is_neither_is_refused(raw):
    with pytest.raises(ValueError):
        parse_identifier(raw)


class ProfileForm(forms.Form):
    phone = PhoneNumberField()
    spare_phone = PhoneNumberField(required=False)


def test_the_form_field_cleans_to_the_stored_form():
    form = ProfileForm({"phone": "0912.345.678", "spare_phone": ""})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"phone": "+84912345678", "spare_phone": ""}


def test_the_form_field_answers_bad_input_with_a_form_error():
    form = ProfileForm({"phone": "0243 826 1234"})

    assert not form.is_valid()
    assert "03, 05, 07, 08 hoặc 09" in form.errors["phone"][0]


def test_the_form_field_refuses_huge_input_without_trying_to_parse_it():
    form = ProfileForm({"phone": "9" * 5000})

    assert not form.is_valid()
    assert "phone" in form.errors


def test_the_form_field_is_a_phone_keyboard_and_shows_a_stored_number_readably():
    html = str(ProfileForm(initial={"phone": "+84912345678"})["phone"])

    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert 'value="0912 345 678"' in html
