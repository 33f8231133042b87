"""`handlers.http.phone_address`: its shortcut for North American E.164 numbers gives what
phonenumbers gives."""

from __future__ import annotations

import random

import phonenumbers

from handlers.http import phone_address


def by_phonenumbers(raw: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, "CA")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return "sms:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def test_north_american_numbers_read_as_phonenumbers_reads_them() -> None:
    rnd = random.Random(14)
    numbers = [f"+1{rnd.randrange(2_000_000_000, 10_000_000_000)}" for _ in range(20000)]
    numbers += [f"+1{area}{exchange}0000" for area in range(200, 1000, 7) for exchange in
                range(200, 1000, 50)]  # fmt: skip
    assert [phone_address(n) for n in numbers] == [by_phonenumbers(n) for n in numbers]


def test_other_shapes_still_go_through_phonenumbers() -> None:
    shapes = ["+15145550111", "5145550111", "(514) 555-0111", "+33612345678", "+11145550111",
              "+15141550111", "+1514555011", "+151455501112", "+1 514 555 0111", "", "abc",
              "+15145550111\n", "１５１４５５５０１１１"]  # fmt: skip
    assert [phone_address(s) for s in shapes] == [by_phonenumbers(s) for s in shapes]
    assert phone_address("+15145550111") == "sms:+15145550111"
