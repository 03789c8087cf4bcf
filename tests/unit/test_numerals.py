"""Amounts and rates as people write them (金额和利率的中文写法): one table of forms, and properties.

The table is the contract of CONVENTIONS.md §9 (money) and §3 (rates): every form either reads as the expected
Decimal or is refused with a message that names the field, says what was not understood and shows an accepted
example. The properties generate Chinese numerals with a small test-only formatter and compare them with digits.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.errors import InputError
from calculators.money import MAX_MONEY, parse_money
from calculators.numerals import NumeralError, read_number
from calculators.rates import MAX_ANNUAL_RATE, parse_rate

D = Decimal


class No:
    """A refusal: the message must contain each of ``words`` (what was not understood)."""

    def __init__(self, *words: str):
        self.words = words

    def __repr__(self) -> str:
        return f"No{self.words}"


MONEY_EXAMPLE = "例如 12000、1.2万、一万二、¥3,000"
RATE_EXAMPLE = "例如 18%、年化18%、百分之十八"

MONEY = [
    # what people write in chats, bills and IOUs
    ("两万", "20000"), ("一万二", "12000"), ("1万5", "15000"), ("1.5万", "15000"), ("五千", "5000"),
    ("一千五百", "1500"), ("一千五", "1500"), ("两千块", "2000"), ("两千块钱", "2000"), ("二万元", "20000"),
    ("3万元整", "30000"), ("三万零五百", "30500"), ("十万", "100000"), ("一百二十万", "1200000"), ("两百", "200"),
    ("两百五", "250"), ("二百五十元", "250"), ("1w", "10000"), ("2k", "2000"), ("1.2w", "12000"), ("1.2W", "12000"),
    ("3千", "3000"), ("5百", "500"), ("10万元", "100000"), ("¥2万", "20000"), ("人民币贰万元整", "20000"),
    ("壹仟贰佰叁拾肆元伍角陆分", "1234.56"), ("八千八百八十八元八角", "8888.80"), ("一块五", "1.50"),
    ("3块5", "3.50"), ("一块五毛五", "1.55"), ("五毛", "0.50"), ("壹元零伍分", "1.05"), ("一块零五", "1.05"),
    ("伍角整", "0.50"), ("１万２", "12000"), ("两万 5千", "25000"), ("0.5万元整", "5000"), ("零", "0"),
    ("十二", "12"), ("一十五", "15"), ("三万零五", "30005"), ("一千零五十", "1050"), ("十二万三", "123000"),
    ("一万二千五", "12500"), ("1万2千5", "12500"), ("1万2千", "12000"), ("3千5百", "3500"), ("3千500", "3500"),
    ("1万5000", "15000"), ("1万0500", "10500"), ("2w5", "25000"), ("1k5", "1500"), ("贰万伍仟", "25000"),
    ("萬", No("前面没有数")), ("一点五万", "15000"), ("十二点五万", "125000"), ("一亿", "100000000"),
    ("2亿3000万", No("超出了范围")), ("一亿零五百", No("超出了范围")), ("¥20,000", "20000"), ("2万", "20000"),
    ("九千九百九十九亿", No("超出了范围")), ("壹亿零壹元", No("超出了范围")),
    # ambiguous or vague: a question, not a guess
    ("一万二三", No("“二三”连在一起")), ("两三万", No("“两三”连在一起")), ("二0二五", No("“二0”连在一起")),
    ("两万三万", No("“万”出现了两次")), ("万万", No("“万”出现了两次")), ("1万50", No("10050", "15000")),
    ("3千50", No("3050", "3500")), ("一百二万", No("1020000", "1200000")), ("12元5", No("5角还是5分")),
    ("1.5万3千", No("小数后面又接了数字")), ("三万零五千", No("“零”的位置不对")), ("三万零", No("“零”的位置不对")),
    ("2万-3万", No("范围")), ("两万到三万", No("范围")), ("约两万", No("“约”不是一个确切的数")),
    ("两万多", No("“多”不是一个确切的数")), ("两万左右", No("“左右”")), ("几千", No("“几”")),
    ("一万余元", No("“余”")), ("负两万", No("不能是负数")), ("-5", No("不能是负数")), ("万", No("“万”前面没有数")),
    ("千五", No("“千”前面没有数")), ("一百一千", No("单位的顺序")), ("一万二点五", No("“点”前后")),
    ("元", No("看不懂“元”")), ("abc", No("看不懂“abc”")), ("", No("不能为空")), ("一e5", No("看不懂")),
]

RATES = [
    ("百分之十八", ("0.18", "year")), ("百分之十八点五", ("0.185", "year")), ("年化百分之二十四", ("0.24", "year")),
    ("日息万分之五", ("0.0005", "day")), ("万分之二点五", ("0.00025", "day")), ("万五", ("0.0005", "day")),
    ("月息一分", ("0.01", "month")), ("一分五", ("0.015", "month")), ("月息一分五", ("0.015", "month")),
    ("1分5", ("0.015", "month")), ("一分五厘", ("0.015", "month")), ("一分半", ("0.015", "month")),
    ("两分", ("0.02", "month")), ("月息五厘", ("0.005", "month")), ("千分之三", ("0.003", "year")),
    ("十八%", ("0.18", "year")), ("年化十八", ("0.18", "year")), ("年息一分", ("0.1", "year")),
    ("百分之一百", ("1", "year")), ("年化百分之十八", ("0.18", "year")),
    ("万二五", No("“二五”连在一起")), ("18%-24%", No("范围")), ("年化20%左右", No("“左右”")),
    ("百分之十几", No("“几”")), ("年化两千%", No("超出了范围")), ("百分之", No("看不懂")),
    ("1.5分5", No("看不懂")), ("年化18%/月", No("两个不同的周期")),
]


def pm(text: str) -> Decimal:
    return parse_money(text, "principal", "借款本金")


def pr(text: str):
    return parse_rate(text, "annual_rate", "年利率")


def refused(parse, text: str, field: str, label: str, example: str) -> str:
    with pytest.raises(InputError) as e:
        parse(text)
    assert e.value.field == field and e.value.message.startswith(label + "："), e.value.message
    assert example in e.value.message or "不能" in e.value.message, e.value.message
    return e.value.message


def test_the_table_is_big_enough():
    assert len(MONEY) + len(RATES) >= 60
    assert sum(isinstance(x, No) for _, x in MONEY + RATES) >= 30


@pytest.mark.parametrize(("text", "expected"), MONEY, ids=[t or "empty" for t, _ in MONEY])
def test_money_forms(text, expected):
    if isinstance(expected, No):
        message = refused(pm, text, "principal", "借款本金", MONEY_EXAMPLE)
        assert MONEY_EXAMPLE in message
        for word in expected.words:
            assert word in message, message
    else:
        assert pm(text) == D(expected)


@pytest.mark.parametrize(("text", "expected"), RATES, ids=[t for t, _ in RATES])
def test_rate_forms(text, expected):
    if isinstance(expected, No):
        message = refused(pr, text, "annual_rate", "年利率", RATE_EXAMPLE)
        for word in expected.words:
            assert word in message, message
    else:
        rate = pr(text)
        assert (rate.value, rate.period) == (D(expected[0]), expected[1])


def test_a_numeral_over_the_limit_gets_the_digit_forms_message():
    for big in ("2亿", "200000000", "两亿", "贰亿元整"):
        with pytest.raises(InputError) as e:
            pm(big)
        assert e.value.message == f"借款本金：“{big}”超出了范围。请输入 0元 到 1亿元 之间的金额，{MONEY_EXAMPLE}。"
    assert pm("一亿") == MAX_MONEY


# ------------------------------------------------------------------ a test-only formatter: integer → 中文数字

LOWER = ("零一二三四五六七八九", ("", "十", "百", "千"))
UPPER = ("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"))


def _group(g: int, style) -> str:
    digits, units = style
    out, zero = "", False
    for place in (3, 2, 1, 0):
        d = g // 10**place % 10
        if d == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + digits[d] + units[place]
        zero = False
    return out


def chinese(n: int, *, upper: bool = False, liang: bool = False, bare_ten: bool = False) -> str:
    """An integer below 10¹² in standard Chinese numerals: 30500 → 三万零五百 (upper: 叁万零伍佰)."""
    assert 0 <= n < 10**12
    if n == 0:
        return "零"
    style = UPPER if upper else LOWER
    out, gap = "", False
    for size, big in ((10**8, "亿"), (10**4, "万"), (1, "")):
        g = n // size % 10000
        if g == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _group(g, style) + big
        gap = False
    if liang and not upper:
        out = re.sub("二(?=[百千万亿])", "两", out)
    if bare_ten and out.startswith(("一十", "壹拾")):
        out = out[1:]
    return out


def test_the_formatter():
    assert [chinese(n) for n in (10, 105, 1010, 30500, 100000005, 120000000)] == \
        ["一十", "一百零五", "一千零一十", "三万零五百", "一亿零五", "一亿二千万"]
    assert chinese(20000, liang=True) == "两万" and chinese(100000, bare_ten=True) == "十万"
    assert chinese(1234, upper=True) == "壹仟贰佰叁拾肆"


styles = st.fixed_dictionaries({"upper": st.booleans(), "liang": st.booleans(), "bare_ten": st.booleans()})


@given(st.integers(min_value=0, max_value=10**12 - 1), styles)
def test_chinese_numerals_read_as_their_digits(n, style):
    assert read_number(chinese(n, **style)) == n


@given(st.integers(min_value=0, max_value=int(MAX_MONEY)), styles, st.sampled_from(["", "元", "元整", "块"]))
def test_a_chinese_amount_equals_the_same_amount_in_digits(n, style, suffix):
    assert pm(chinese(n, **style) + suffix) == pm(str(n)) == n


@given(st.integers(min_value=0, max_value=99_999_999), st.integers(min_value=0, max_value=99))
def test_capital_numerals_with_jiao_and_fen(yuan, cents):
    jiao, fen = divmod(cents, 10)
    text = chinese(yuan, upper=True) + "元"
    text += (UPPER[0][jiao] + "角" if jiao else "") + (("零" if not jiao else "") + UPPER[0][fen] + "分" if fen else "")
    assert pm("人民币" + text + ("" if fen else "整")) == D(yuan) + D(cents) / 100


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999))
def test_mixed_forms_equal_digits(wan, rest):
    """1万0500, 3万零五百, 12万3456: digits and numerals around 万 mean the same number."""
    n = wan * 10000 + rest
    assert pm(f"{wan}万{rest:04d}") == n
    low = "" if rest == 0 else ("零" if rest < 1000 else "") + chinese(rest)
    assert pm(f"{wan}万{low}") == n


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_colloquial_trailing_digit(wan, digit):
    """一万二 = 一万二千: one digit right after a unit is the next place down."""
    assert pm(chinese(wan) + "万" + LOWER[0][digit]) == pm(f"{wan}万{digit}") == wan * 10000 + digit * 1000


@given(st.integers(min_value=0, max_value=1000))
def test_percent_in_chinese_equals_digits(n):
    assert pr("百分之" + chinese(n)) == pr(f"{n}%")


NUMERAL_TEXT = st.text(alphabet="0123456789.点零〇一二两三四五六七八九十百千万亿壹贰叁拾佰仟萬元块毛角分整负-wk多约 ,%",
                       max_size=16)


@given(st.one_of(NUMERAL_TEXT, st.text(max_size=20), st.just("九千九百九十九亿"), st.just("万万")))
def test_parsing_never_raises_anything_else(text):
    try:
        value = pm(text)
    except InputError as e:
        assert e.field == "principal" and e.message.startswith("借款本金：")
    else:
        assert value.is_finite() and 0 <= value <= MAX_MONEY
    try:
        rate = pr(text)
    except InputError as e:
        assert e.field == "annual_rate" and e.message.startswith("年利率：")
    else:
        assert rate.value.is_finite() and rate.value >= 0 and rate.annual(365) <= MAX_ANNUAL_RATE
    try:
        number = read_number(text)
    except NumeralError:
        pass
    else:
        assert number.is_finite() and number >= 0


# ------------------------------------------------------------------ found by a hostile reading (2026-12)

@pytest.mark.parametrize(("text", "expected"), [
    # the PBOC's own examples of 大写 amounts: 零 is written where the 元 place is 0 and 角 is not
    ("人民币壹仟陆佰捌拾元零叁角贰分", "1680.32"), ("人民币壹拾万柒仟元零伍角叁分", "107000.53"),
    ("壹万元零伍角", "10000.50"), ("5000元零5角", "5000.50"),
])
def test_yuan_zero_jiao_reads_as_written_on_cheques(text, expected):
    assert pm(text) == D(expected)


@pytest.mark.parametrize(("text", "expected"), [("2万00", 20000), ("2万000", 20000), ("9億00", 900000000)])
def test_a_form_whose_two_readings_agree_is_not_called_ambiguous(text, expected):
    """“2万00” is 20000 read either way: never “看不出是 20000 还是 20000”."""
    assert read_number(text) == expected


@given(st.integers(1, 9999), st.sampled_from(["万", "千", "百", "亿", "萬", "億"]),
       st.one_of(st.text(alphabet="0", min_size=1, max_size=5), st.text(alphabet="0123456789", min_size=1, max_size=5)))
def test_an_ambiguity_always_names_two_different_numbers(head, unit, tail):
    text = f"{head}{unit}{tail}"
    try:
        read_number(text)
    except NumeralError as e:
        m = re.search(r"看不出是 (\S+) 还是 (\S+)$", str(e))
        assert m is None or m.group(1) != m.group(2), str(e)


@pytest.mark.parametrize("text", ["5000 3000", "1 2", "2 3万", "1.5 5", "12 00", "1 000 2"])
def test_digits_split_by_a_space_are_asked_about_not_joined(text):
    """“5000 3000” is two amounts (or a typo), never 50,003,000."""
    message = refused(pm, text, "principal", "借款本金", MONEY_EXAMPLE)
    assert "空格" in message and MONEY_EXAMPLE in message


@pytest.mark.parametrize(("text", "expected"), [("12 000", "12000"), ("1 000 000", "1000000"), ("两万 5千", "25000"),
                                                ("2 万", "20000"), ("¥ 3 000.50", "3000.50"), ("1万 5000", "15000")])
def test_spaces_that_cannot_join_two_numbers_are_still_ignored(text, expected):
    assert pm(text) == D(expected)


@pytest.mark.parametrize("text", ["5 8%", "1 8", "年化1 8%"])
def test_a_rate_with_digits_split_by_a_space_is_asked_about(text):
    message = refused(pr, text, "annual_rate", "年利率", RATE_EXAMPLE)
    assert "空格" in message


@pytest.mark.parametrize("text", ["10²", "5⁰", "1₀万", "2³%"])
def test_superscript_and_subscript_digits_are_not_read_as_plain_digits(text):
    """NFKC turns “10²” into “102”: an amount that is not what was written. Refused, never read."""
    if text.endswith("%"):
        assert "看不懂" in refused(pr, text, "annual_rate", "年利率", RATE_EXAMPLE)
    else:
        message = refused(pm, text, "principal", "借款本金", MONEY_EXAMPLE)
        assert f"看不懂“{text}”" in message
