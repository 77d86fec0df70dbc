import pytest

from assistant.text.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (51, "五十一"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
        (143, "一百四十三"),
        (1000, "一千"),
        (1010, "一千零一十"),
    ],
)
def test_round_trip(number: int, text: str) -> None:
    assert int_to_cn(number) == text
    assert cn_to_int(text) == number


def test_two_and_zero_variants() -> None:
    assert cn_to_int("两") == 2
    assert cn_to_int("一百〇三") == 103


@pytest.mark.parametrize("bad", ["", "abc", "第十条"])
def test_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(bad)
