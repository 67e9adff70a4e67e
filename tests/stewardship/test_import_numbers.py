"""Phone and WhatsApp numbers as community lists write them: the landline is
the phone, a mobile the WhatsApp number, wherever each was written."""

import pytest

from directory.stewardship.import_numbers import NumberReading


class Reading(NumberReading):
    def __init__(self):
        self.warnings, self.notes = [], []

    def note(self, column, written, read_as):
        self.notes.append((column, written, read_as))


@pytest.mark.parametrize(
    ("phone", "whatsapp", "expected"),
    [
        # "sama" (the same) with a landline and a mobile: the mobile is the WhatsApp number.
        ("022-5474460 / 087446048421", "sama", ("+62225474460", "+6287446048421")),
        # Both written as WhatsApp: the landline is the phone.
        ("", "022-5474971 / 087497118005", ("+62225474971", "+6287497118005")),
        # A number marked WA wins; the landline of the WhatsApp column is the phone.
        ("085142662085 (WA)", "022-5414370 / 081437061206", ("+62225414370", "+6285142662085")),
        # As before: one of each where it was written; "sama" with one number.
        ("022-5400001", "0852 0001 1791", ("+62225400001", "+6285200011791")),
        ("0812 0003 7499", "sama", ("+6281200037499", "+6281200037499")),
        ("0813 0011 8359 (WA)", "", ("", "+6281300118359")),
        ("022-5400001 / 0852 0001 1791", "", ("+62225400001", "+6285200011791")),
    ],
)
def test_it_keeps_the_landline_as_the_phone_and_a_mobile_as_whatsapp(phone, whatsapp, expected):
    cleaned, errors = {"phone": phone, "whatsapp": whatsapp}, {}
    Reading().clean_numbers(cleaned, errors, line=2)
    assert not errors
    assert (cleaned["phone"], cleaned["whatsapp"]) == expected


def test_it_names_the_numbers_left_out():
    reading = Reading()
    cleaned = {"phone": "085142662085 (WA)", "whatsapp": "022-5414370 / 081437061206"}
    reading.clean_numbers(cleaned, {}, line=7)
    assert reading.warnings == [
        (7, "Hanya satu nomor telepon dan satu nomor WhatsApp yang disimpan; tidak disimpan: +6281437061206.")
    ]
