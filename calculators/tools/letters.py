"""信件生成 (letters): fill in a negotiation letter, a complaint or notes for the police from what the reader
typed and the saved evidence log — plain text to copy, download or print.
"""

from __future__ import annotations

from ..evidence import load_entries
from ..forms import Choice, Field, Form, Int, LongText, Money
from ..letters import LetterInput, fill, kinds, reasons
from ..render import esc, notes, plain_text
from .shared import ENTRIES

__all__ = ["FORM", "compute", "render"]

NEGOTIATION = ("negotiation",)
FIELDS = (
    Choice("kind", "要写什么", "negotiation", choices=kinds()),
    Choice("reason", "还不上的原因", "job-loss", choices=reasons(), modes=NEGOTIATION),
    Choice("has_proof", "有没有相关证明（例如失业证明、诊断证明）", "yes", "没有也可以写：信里会列出能代替的材料。",
           choices=(("yes", "有"), ("no", "没有")), modes=NEGOTIATION),
    Field("name", "你的姓名", "", "", "可以不填，信里会留出【姓名】让你自己写。", optional=True),
    Field("lender_name", "放贷机构全称", "", "", "以借款合同上的“贷款人”为准；可以不填。", optional=True),
    Money("amount", "目前欠款合计", "", "元", "据账单或 App 显示的欠款合计；可以不填。", optional=True),
    Int("months", "想分几期", "", "期", "可以不填；填了每月金额会自动算出期数。", optional=True, minimum=1,
        maximum=600, modes=NEGOTIATION),
    Money("monthly", "每月能还", "", "元", "先用“收支预算”和“协商分期测算”算出来，不要承诺做不到的数字。",
          optional=True, modes=NEGOTIATION),
    LongText("facts", "经过或情况说明", "", "",
             "按时间写清发生了什么，只写真实发生的事。不填时：投诉和报警材料会列出催收记录本里的记录。",
             optional=True, rows=5),
    ENTRIES,
)


def compute(v: dict):
    """写信: the chosen letter filled in (【方括号】 where the reader still has to write)."""
    negotiation = v["kind"] == "negotiation"
    return fill(LetterInput(
        v["kind"], v["reason"] if negotiation else "job-loss", v.get("has_proof") != "no", v["name"] or "",
        v["lender_name"] or "", v["amount"], v["months"] if negotiation else None,
        v["monthly"] if negotiation else None, v["facts"] or "", load_entries(v["entries"])))


def render(letter, v: dict) -> str:
    """信件生成：填好的信（纯文本，已转义），复制、下载、打印按钮，以及写信和发信的提醒。"""
    head = f"<h3>{esc(letter.title)}</h3><p class=\"calc-note\">什么时候用：{esc(letter.use)}</p>"
    if letter.log is not None:
        head += f'<p class="calc-note">已用上催收记录本里的 {letter.log.total} 条记录。</p>'
    conventions = [
        "把【方括号】换成你的真实情况；用不上的行删掉，不确定的地方宁可不写。",
        "只写真实发生的事，写日期和原话，附上证据清单。",
        "推荐性国家标准和行业自律文件不是法律，写“不符合……的要求”比写“违法”更准确。",
        "优先用能留下记录的方式发出（App 在线客服或投诉入口、官方邮箱、官网投诉页面）；发出前留一份副本，记下发送时间和对方给的编号。",
        "只交和这件事有关的材料；身份证照片、银行卡密码、验证码一律不给。这些信你自己就能写、自己就能发，不需要花钱找人代写。",
    ]
    if letter.kind == "negotiation":
        conventions.insert(2, "对方可以不同意。减免、停止计息、分期都由机构决定；信用卡个性化分期是银行“可以”协商，最长 5 年。")
    if letter.kind == "police":
        conventions.insert(0, "紧急时直接打 110；这份提纲留到做笔录或去派出所时用。是否立案、怎样处理，由公安机关决定。")
    return head + notes(letter.warnings, []) + plain_text(letter.text, letter.filename) + notes([], conventions)



FORM = Form("letters", "信件生成", FIELDS, compute, render, switch="kind")
