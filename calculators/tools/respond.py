"""应诉准备 (respond): sued by an online lender (or the company it sold the debt to) — what the complaint claims
against the caps a court applies, the deadlines as dates (and an .ics file), a draft answer, what to bring, all on
one printable page. It shows rules and arithmetic, never a prediction: the court decides.

The figures come from :func:`calculators.respond.assess` and :func:`calculators.respond.timeline`; the draft and
the checklist from :mod:`calculators.defence`; the period counting from :mod:`calculators.periods`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import sources
from ..caps import LENDERS
from ..debts import find_debt
from ..defence import EvidenceItem, checklist, draft
from ..errors import InputError
from ..evidence import LogSummary, load_entries, summarise
from ..forms import Choice, Date, Field, Form, Int, Money, parse_fields
from ..ical import Event, calendar_text, digest, dtstamp
from ..letters import Letter, yuan
from ..listfields import parse_debts
from ..money import format_date_cn
from ..pagefields import Button
from ..render import esc, money, notes, pct, plain_text, summary, table
from ..respond import PLAINTIFFS, PROCEDURES, ClaimCheck, RespondInput, Timeline, assess, timeline
from .shared import ENTRIES

__all__ = ["FORM", "ICS_MIME", "RespondView", "compute", "day_cn", "ics_call", "ics_text", "prefill_call", "render"]

ICS_MIME = "text/calendar;charset=utf-8"
HELP_URL = "../../rights/professional-help/"
WEEKDAYS = "一二三四五六日"
ZERO = Decimal(0)

FIELDS = (
    Field("debt", "被起诉的是债务清单里的哪一笔", "", "",
          "选填。在债务清单里记过这笔债务的，填它的名称或第几笔（例如 2），再点下面的按钮；没用过债务清单的，跳过。",
          optional=True),
    Button("prefill", "从债务清单带入本金和出借人类型", "", "",
           "只带入余额和机构类型，带入后请对照起诉状改成起诉状上的数字。", optional=True, call="respond_prefill"),
    Money("contract_principal", "合同写的借款金额", "10000", "元", "借款合同（电子合同）上写的借款金额；例如 10000 或 1万。",
          allow_zero=False),
    Money("received", "实际到账金额", "8500", "元",
          "放款那天实际打到你卡上的钱。放款时被扣了服务费、担保费、“砍头息”的，填扣完以后的数。", allow_zero=False),
    Money("claim_principal", "起诉要求的本金", "", "元",
          "起诉状“诉讼请求”里写的本金；和合同金额一样的，留空。", optional=True),
    Money("interest", "起诉要求的利息", "1500", "元", "起诉状里写的利息；没有就留空。", optional=True),
    Money("penalties", "起诉要求的罚息、逾期利息、违约金", "700", "元",
          "起诉状里写的罚息、逾期利息、复利、违约金，加在一起；没有就留空。", optional=True),
    Money("fees", "起诉要求的服务费、担保费、会员费等", "2000", "元",
          "起诉状里写的其他各项费用，加在一起；没有就留空。", optional=True),
    Money("paid", "以前已经付过的利息和费用", "", "元",
          "借款以来你已经还掉的钱里，利息和各项费用一共多少（App 的还款明细里有）；不知道就留空。", optional=True),
    Date("contract_date", "借款日期", "2025-03-01", "",
         "合同成立（放款）的日期，例如 2025-03-01。民间借贷的上限按这一天的一年期 LPR 算。"),
    Date("through_date", "利息、费用算到哪天", "2026-03-01", "",
         "起诉状写的“暂计至某年某月某日”；没写的，填起诉状上的日期。"),
    Choice("lender_type", "出借人类型", "microloan", "",
           "看借款合同上的“贷款人”或“出借人”：银行、消费金融公司、小额贷款公司（网络小贷）；"
           "助贷平台撮合的，看实际放款的是哪家。向个人或没有放贷牌照的公司借的，选民间借贷。",
           choices=tuple(LENDERS.items())),
    Choice("plaintiff", "原告是谁", "lender", "",
           "起诉状上的原告，是不是当初借钱给你的那家？不是的，多半是债权被转让给了另一家公司（受让人）。",
           choices=tuple(PLAINTIFFS.items())),
    Date("service_date", "收到起诉材料的日期", "2026-11-27", "",
         "你签收起诉状副本（和应诉通知书）的那天。邮寄的看回执上的收件日期；短信、App、邮箱送达的，"
         "以信息到达你手机或邮箱的那天为准。"),
    Choice("procedure", "通知书写的审理程序", "unclear", "",
           "看受理通知书、应诉通知书或举证通知书：写着“小额诉讼”或“一审终审”的是小额诉讼程序；写着“适用简易程序”的"
           "是简易程序；写着“普通程序”或“合议庭”的是普通程序。拿不准就选“不清楚”，或打通知书上的法院电话问。",
           choices=tuple(PROCEDURES.items())),
    Int("answer_days", "通知书写的答辩期", "", "日",
        "通知书写了答辩期是几日的，照填；没写的留空，按 15 日算。", optional=True, minimum=1, maximum=30),
    Int("evidence_days", "举证通知书写的举证期限", "", "日",
        "举证通知书写的天数，例如 15；没有举证通知书的留空。", optional=True, minimum=1, maximum=90),
    Date("hearing", "开庭日期", "", "", "看传票上写的开庭时间，例如 2027-01-12；还不知道就留空。", optional=True),
    Date("judgment_date", "收到判决书的日期", "", "",
         "判决以后再填：用来算上诉期的最后一天。小额诉讼不能上诉，不会算上诉期。", optional=True),
    Button("ics", "下载期限提醒（日历文件 .ics）", "", "",
           "答辩期、举证期限、开庭、上诉期各一个全天日程，前一天提醒；手机或电脑的日历都能导入。", optional=True,
           call="respond_ics"),
    Field("name", "你的姓名", "", "", "写进答辩状；可以不填，留出【姓名】自己写。", optional=True),
    Field("plaintiff_name", "原告名称", "", "", "照起诉状上的原告全称抄写；可以不填。", optional=True),
    Field("case_number", "案号", "", "", "传票或通知书上的案号，例如（2026）某0105民初12345号；可以不填。", optional=True),
    Field("court", "受理法院", "", "", "例如 某某市某某区人民法院；可以不填。", optional=True),
    ENTRIES,
)


@dataclass
class RespondView:
    """应诉准备的结果：输入、起诉金额对照、期限、证据清单、答辩状草稿、催收记录小结。"""

    input: RespondInput
    check: ClaimCheck
    timeline: Timeline
    evidence: list[EvidenceItem]
    letter: Letter
    log: LogSummary | None


def _input(v: dict) -> RespondInput:
    return RespondInput(
        v["contract_principal"], v["received"], v["contract_date"], v["through_date"], v["service_date"],
        v["lender_type"], v["claim_principal"], v["interest"] or ZERO, v["penalties"] or ZERO, v["fees"] or ZERO,
        v["paid"] or ZERO, v["procedure"], v["plaintiff"], v["answer_days"], v["evidence_days"], v["hearing"],
        v["judgment_date"], v["name"] or "", v["plaintiff_name"] or "", v["case_number"] or "", v["court"] or "",
        load_entries(v["entries"] or ""))


def compute(v: dict) -> RespondView:
    """应诉准备: the claim against the caps, the deadlines, the checklist and the draft answer."""
    inp = _input(v)
    check = assess(inp)
    steps = timeline(inp)
    log = summarise(inp.entries) if inp.entries else None
    evidence = checklist(inp, check, log)
    return RespondView(inp, check, steps, evidence, draft(inp, check, evidence), log)


def day_cn(day) -> str:
    """2026年12月14日（星期一）."""
    return f"{format_date_cn(day)}（星期{WEEKDAYS[day.weekday()]}）"


def _cites(cites) -> str:
    return "、".join(sources.cite(sid, article) for sid, article in cites)


def _section(title: str, body: str, cls: str = "") -> str:
    return f'<section class="calc-respond-part{cls}"><h3>{esc(title)}</h3>{body}</section>'


def _claims(r: RespondView) -> str:
    c = r.check
    items = [("起诉要求合计", money(c.claimed)), ("按规则算出的上限内", money(c.supported)),
             ("可以争辩的部分", money(c.excess)), ("参照线", f"年 {pct(c.cap_rate)}")]
    if c.charges_rate is not None:
        items.append(("利息和各项费用折算年利率", pct(c.charges_rate)))
    line = f"参照线：{c.cap_label}，年 {pct(c.cap_rate)}" + ("。" if c.statutory else "；要你自己提出，法院才会考虑调减。")
    rows = [(i.label, money(i.claimed), money(i.supported), money(i.excess)) for i in c.items]
    rows.append(("合计", money(c.claimed), money(c.supported), money(c.excess)))
    body = table(["项目", "起诉要求", "按规则算出的上限内", "可以争辩的部分"], rows, caption="起诉的金额逐项对照")
    grounds = "".join(f"<li><strong>{esc(g.title)}</strong>：{esc(g.text)}"
                      + (f'<span class="calc-basis">依据：{esc(_cites(g.cites))}</span>' if g.cites else "") + "</li>"
                      for g in c.grounds)
    explain = (f'<p class="calc-explain">{esc(line)}这里只按已有的规则做算术，列出可以争辩的部分和依据。'
               "法院怎么判由法院决定；你不提出，法院不一定会主动调整。</p>")
    return (summary(items) + explain + body + (f"<h4>可以提出的理由</h4><ol>{grounds}</ol>" if grounds else ""))


def _timeline(t: Timeline) -> str:
    cards = []
    for s in t.steps:
        day = ""
        if s.day is not None:
            text = f"{s.condition}：{day_cn(s.day)}" if s.condition else day_cn(s.day)
            day = f'<span class="calc-step-day">{esc(text)}</span>'
        extra = "".join(f"<p>{esc(n)}</p>" for n in s.notes)
        cards.append(f'<div class="calc-step"><p class="calc-step-head"><strong>{esc(s.label)}</strong>{day}</p>'
                     f'<p>{esc(s.rule)}<span class="calc-basis">依据：{esc(_cites(s.cites))}</span></p>{extra}</div>')
    body = f'<div class="calc-steps">{"".join(cards)}</div>'
    tips = [
        "期限从收到文书的第二天算起；中间遇到节假日不扣除，最后一天是休息日的，顺延到之后的第一个工作日。",
        "邮寄答辩状或证据的，在最后一天之前交邮就不算过期；用能查到投递记录的方式寄，留好凭证。",
        "认为这家法院不该管这个案子的（管辖异议），要在答辩期内提出；过了答辩期又应诉答辩的，视为同意这家法院管。",
        "没在答辩期内交答辩状，案子照样审理；开庭时仍然可以当庭答辩。最要紧的是按时到庭：不到庭，法院可以缺席判决。",
    ]
    cites = _cites((("civil-procedure-law", "第八十五条、第一百三十条"),))
    return (body + notes(t.warnings, []) + "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in tips)
            + f'</ul><p class="calc-basis">依据：{esc(cites)}</p>')


def _evidence(r: RespondView) -> str:
    items = "".join(f"<li>□ <strong>{esc(e.title)}</strong>：{esc(e.why)}</li>" for e in r.evidence)
    return (f'<ul class="calc-checklist">{items}</ul>'
            "<p>答辩状和每份证据的复印件，各准备一份交法院、每个原告一份，自己再留一份；原件开庭时带上核对。</p>")


def _help() -> str:
    return ("<ul><li>免费法律咨询：打 12348，或上中国法律服务网留言。法律援助另有条件，可以问当地法律援助中心。"
            f'见<a href="{HELP_URL}">找专业帮助</a>。</li>'
            "<li>不要付钱给自称能“撤诉”“让官司消失”“内部关系”“债务优化”的中介；法院的事只通过法院办，"
            "钱只还到法院或对方公布的对公账户。</li>"
            "<li>愿意调解分期的，可以在开庭时向法官提出；先用协商分期测算算好每月能还多少，只承诺做得到的数字。</li></ul>")


def render(r: RespondView, v: dict) -> str:
    """应诉准备：打印按钮，起诉金额逐项对照和理由，期限，答辩状草稿，要带的材料，免费帮助。"""
    top = ('<p class="calc-pack-actions"><button type="button" class="md-button md-button--primary" '
           'data-action="print">打印这一页</button></p>'
           '<p class="calc-note calc-pack-screen">打印或“另存为 PDF”都只在这台设备上完成，不会上传。'
           "交给法院前，把答辩状里的【方括号】换成你的真实情况，用不上的理由删掉。</p>")
    c = r.check
    screen = f'<div class="calc-pack-screen">{notes(c.warnings, c.conventions)}</div>'
    meta = (f'<p class="calc-pack-meta">案号：{esc(r.input.case_number.strip()[:60] or "【】")}　'
            f'法院：{esc(r.input.court.strip()[:80] or "【】")}　收到起诉材料：{esc(day_cn(r.input.service_date))}</p>')
    parts = [
        _section("一、期限", meta + _timeline(r.timeline)),
        _section("二、起诉的金额和可以争辩的部分", _claims(r)),
        _section("三、答辩状（草稿）", plain_text(r.letter.text, r.letter.filename), " calc-respond-draft"),
        _section("四、开庭要带的材料", _evidence(r)),
        _section("五、免费帮助", _help()),
    ]
    return f'<div class="calc-pack calc-respond">{top}{screen}{"".join(parts)}</div>'


FORM = Form("respond", "应诉准备", FIELDS, compute, render)


# ---------------------------------------------------------------------------------------------- page calls


def _raw(args: dict) -> dict[str, str]:
    return {f.id: args[f.id] if isinstance(args.get(f.id), str) else f.default for f in FIELDS}


def ics_call(args: dict) -> dict:
    """下载期限提醒 (page call ``respond_ics``): every dated step as an all-day event, or the form's errors."""
    values, errors = parse_fields(FORM, _raw(args))
    if errors:
        return {"errors": errors}
    try:
        view = compute(values)
    except InputError as exc:
        return {"errors": FORM.report(exc)}
    text = ics_text(view, args.get("now"))
    count = text.split("\r\n").count("BEGIN:VEVENT")  # whole lines: a case number may hold the words
    message = f"已生成期限提醒：{count} 个日程。用手机或电脑的日历打开这个文件即可导入；日期以法院的通知为准。"
    return {"file": {"name": "wdyq-respond.ics", "text": text, "mime": ICS_MIME}, "message": message}


def ics_text(view: RespondView, now: object = None) -> str:
    """期限提醒（.ics）：有日期的每一步一个全天日程，前一天提醒；说明里写规则和“以法院通知为准”。"""
    inp = view.input
    key = digest([inp.service_date.isoformat(), inp.procedure, str(inp.answer_days), str(inp.evidence_days),
                  str(inp.hearing), str(inp.judgment_date), inp.case_number.strip()])
    events = []
    for s in view.timeline.steps:
        if s.day is None:
            continue
        title = s.label.split("（")[0]
        if s.condition:
            title = f"{title}（{s.condition}）"
        case = f" {inp.case_number.strip()[:60]}" if inp.case_number.strip() else ""
        description = "\n".join([s.rule, *s.notes, "日期按本站规则推算，以法院的通知和传票为准。"])
        events.append(Event(f"{s.key}-{s.day:%Y%m%d}-{key}@wangdai-guide", s.day, f"{title}{case}", description,
                            f"明天：{title}"))
    return calendar_text(events, dtstamp=dtstamp(now), name="应诉期限")


def prefill_call(args: dict) -> dict:
    """从债务清单带入 (page call ``respond_prefill``): the saved debt's balance and lender type into the form."""
    text = args.get("debts") if isinstance(args.get("debts"), str) else ""
    if not text.strip():
        return {"errors": {"": "这台设备上还没有保存债务清单。可以先去“债务清单”填写，或者直接在这里照起诉状填。"}}
    try:
        debts = parse_debts(text)
    except InputError:
        return {"errors": {"": "保存的债务清单有错，读不出来；请先到“债务清单”改好，或者直接在这里照起诉状填。"}}
    wanted = args.get("debt") if isinstance(args.get("debt"), str) else ""
    if not wanted.strip() and len(debts) > 1:
        return {"errors": {"debt": f"被起诉的是债务清单里的哪一笔：清单里有 {len(debts)} 笔，请填名称或第几笔（1 到 {len(debts)}）。"}}
    try:
        d = find_debt(debts, wanted.strip() or "1", "debt", "被起诉的是债务清单里的哪一笔")
    except InputError as exc:
        return {"errors": exc.to_dict()}
    fields = {"claim_principal": str(d.balance)}
    said = f"已带入“{d.name}”：起诉要求的本金先按余额 {yuan(d.balance)} 填上"
    if d.lender_type:
        fields["lender_type"] = d.lender_type
        said += f"，出借人类型：{LENDERS[d.lender_type]}"
    else:
        said += "；债务清单里没写机构类型，出借人类型请自己选"
    return {"fields": fields, "message": said + "。请对照起诉状改成起诉状上的数字。"}

