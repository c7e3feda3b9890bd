"""The printed summary (月度/季度/年度工作统计): cover, figures against the previous period and the
same period last year, charts, targets, other work, the overdue cases (identifiers masked), a
signature line for the supervisor, and the audit chain head in every page's footer so that history
rewritten afterwards shows against the paper copy (design.md §7)."""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from app.pdf import report as R
from app.pdf.fonts import FontSet
from app.reports.summary import Summary
from app.reports.summary_xlsx import MAIN_ROWS, PERCENT, SPLITS

# The PDF lists at most this many overdue cases (the longest overdue first); the workbook has all.
OVERDUE_ROWS = 200
_PALETTE = [colors.HexColor(c) for c in ("#3366aa", "#dd7733", "#55aa55", "#aa3333", "#8866bb", "#888888",
                                         "#cc9900", "#33aaaa", "#bb5588", "#666633")]
_KIND_WORD = {"month": "月度", "quarter": "季度", "year": "年度"}


def summary_pdf(summary: Summary) -> bytes:
    title = f"{_KIND_WORD[summary.period.kind]}工作统计（{summary.period.title}）"
    return R.report_document(
        title, lambda fonts: _story(summary, fonts),
        header_text=f"{summary.centre_name}　{title}", footer_text=_footer(summary),
        author=summary.generated_by,
    )


def _footer(summary: Summary) -> str:
    if not summary.chain_heads:
        return "审计链头：无"
    head = summary.chain_heads[0]
    more = f"（另有 {len(summary.chain_heads) - 1} 条链，见末页）" if len(summary.chain_heads) > 1 else ""
    return f"审计链头 {head.device} #{head.seq} {head.hash}{more}"


def _story(summary: Summary, fonts: FontSet) -> list:
    story = _cover(summary, fonts)
    story += [R.h1("一、主要指标", fonts), _figures_table(summary, fonts)]
    story += [CondPageBreak(40 * mm), R.h1("二、目标完成情况", fonts), _targets_table(summary, fonts)]
    story += [PageBreak(), R.h1("三、图表", fonts)] + _charts(summary, fonts)
    story += [CondPageBreak(80 * mm), R.h1("四、其他业务", fonts), _other_work(summary, fonts)]
    story += [CondPageBreak(60 * mm), R.h1("五、期末超期案件", fonts)] + _overdue(summary, fonts)
    story += _signature(summary, fonts)
    return story


def _fmt(value, fmt: str) -> str:
    if value is None:
        return "—"
    if fmt == PERCENT:
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _cover(summary: Summary, fonts: FontSet) -> list:
    v = summary.figures.values
    local = summary.generated_at  # already in the centre's time zone
    cover_title = R.report_styles()["title"].but(size=22, leading=34)
    return [
        Spacer(1, 40 * mm),
        R.para(summary.centre_name, cover_title, fonts),
        Spacer(1, 8 * mm),
        R.para(f"统计期间：{v['first_day']} 至 {v['last_day']}", R.report_styles()["plain"].but(align="center"), fonts),
        R.para(f"编制：{summary.generated_by}　　生成时间：{local:%Y-%m-%d %H:%M}",
               R.report_styles()["plain"].but(align="center"), fonts),
        Spacer(1, 30 * mm),
        R.para("说明：案件状态按统计期末日判断；办理时限按国家法定工作日计算；不予受理含视为撤回；"
               "自然人证件号码已部分隐藏。", "small", fonts),
        PageBreak(),
    ]


def _figures_table(summary: Summary, fonts: FontSet):
    p = summary.period
    header = ("指标", f"本期\n{p.title}", f"上期\n{p.previous().title}", f"去年同期\n{p.year_before().title}")
    columns = (summary.figures.values, summary.previous, summary.year_before)
    rows = []
    for label, key, fmt in MAIN_ROWS:
        rows.append((label, *(_fmt(col[key], fmt) for col in columns)))
        if key == "registered":  # the split of registered cases right under their total
            rows += [(f"　其中 {kind}", *(str(col["by_ip_type"][kind]) for col in columns))
                     for kind in summary.figures.values["by_ip_type"]]
    return R.data_table(header, rows, (60, 36, 36, 36), fonts, numeric_cols=(1, 2, 3))


def _targets_table(summary: Summary, fonts: FontSet):
    v, t = summary.figures.values, summary.targets
    rows = []
    for label, actual, target, fmt in (
        ("调解成功率", v["mediation_success_rate"], t["mediation_success_target"], PERCENT),
        ("满意度（分）", v["satisfaction_avg"], t["satisfaction_target"], "0.00"),
        ("年初至今登记 / 年度目标", v["ytd_registered"], t["annual_target"], "0"),
    ):
        verdict = "无数据" if actual is None else ("达到" if actual >= target else "未达到")
        rows.append((label, _fmt(actual, fmt), _fmt(target, fmt), verdict))
    return R.data_table(("指标", "实际", "目标", "对照"), rows, (60, 36, 36, 36), fonts, numeric_cols=(1, 2))


def _caption(text: str, fonts: FontSet) -> object:
    return R.para(text, "h2", fonts)


def _charts(summary: Summary, fonts: FontSet) -> list:
    font = fonts.name("body")
    return [
        KeepTogether([_caption("（一）近12个月登记与办结案件数", fonts), _months_chart(summary, font)]),
        KeepTogether([_caption("（二）本期登记案件按知识产权类型", fonts), _kinds_chart(summary, font)]),
        KeepTogether([_caption("（三）本期办结案件按办理结果", fonts), _outcome_chart(summary, font)]),
    ]


def _months_chart(summary: Summary, font: str) -> Drawing:
    d = Drawing(170 * mm, 78 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 150 * mm, 56 * mm
    chart.data = [[r for _m, r, _c in summary.months], [c for _m, _r, c in summary.months]]
    chart.categoryAxis.categoryNames = [
        f"{m.year % 100}年{m.number}月" if m.number == 1 or i == 0 else f"{m.number}月"
        for i, (m, _r, _c) in enumerate(summary.months)
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor, chart.bars[1].fillColor = _PALETTE[0], _PALETTE[1]
    d.add(chart)
    # Above the plot, where no bar can reach.
    d.add(_legend(font, [(_PALETTE[0], "登记"), (_PALETTE[1], "办结")], 40 * mm, 76 * mm, columns=2))
    return d


def _kinds_chart(summary: Summary, font: str) -> Drawing:
    kinds = summary.figures.values["by_ip_type"]
    d = Drawing(170 * mm, 70 * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 32 * mm, 4 * mm, 125 * mm, 62 * mm
    names = list(kinds)[::-1]  # the glossary's first kind on top
    chart.data = [[kinds[k] for k in names]]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = _PALETTE[0]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def _outcome_chart(summary: Summary, font: str) -> Drawing:
    outcomes = {k: n for k, n in summary.figures.values["closed_by_outcome"].items() if n}
    d = Drawing(170 * mm, 52 * mm)
    if not outcomes:
        d.add(String(10 * mm, 30 * mm, "本期无办结案件。", fontName=font, fontSize=10))
        return d
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 20 * mm, 4 * mm, 44 * mm, 44 * mm
    pie.data = list(outcomes.values())
    pie.slices.strokeColor = colors.white
    for i in range(len(outcomes)):
        pie.slices[i].fillColor = _PALETTE[i % len(_PALETTE)]
    d.add(pie)
    total = sum(outcomes.values())
    items = [(_PALETTE[i % len(_PALETTE)], f"{k} {n}（{n / total:.0%}）") for i, (k, n) in enumerate(outcomes.items())]
    d.add(_legend(font, items, 85 * mm, 44 * mm))
    return d


def _legend(font: str, items: Sequence[tuple], x: float, y: float, columns: int = 1) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    if columns > 1:
        legend.columnMaximum = 1
        legend.deltax = 30 * mm
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    if columns == 1:
        legend.columnMaximum = 8
    legend.colorNamePairs = list(items)
    return legend


def _other_work(summary: Summary, fonts: FontSet):
    v = summary.figures.values
    rows = []
    for title, key in SPLITS[2:]:
        counts = v[key]
        detail = "，".join(f"{k} {n}" for k, n in counts.items() if n) or "无"
        rows.append((title, str(sum(counts.values())), detail))
    fc = v["fair_complaints"]
    outcomes = "，".join(f"{k} {n}" for k, n in fc["by_outcome"].items() if n)
    rows.append(("展会投诉", str(fc["received"]),
                 f"受理 {fc['accepted']}，处理完毕 {fc['handled']}" + (f"（{outcomes}）" if outcomes else "")))
    return R.data_table(("业务", "本期合计", "分项"), rows, (44, 22, 104), fonts, numeric_cols=(1,))


def _overdue(summary: Summary, fonts: FontSet) -> list:
    lines = summary.lists["overdue_at_end"]
    if not lines:
        return [R.para("期末无超期案件。", "plain", fonts)]
    shown = lines[:OVERDUE_ROWS]
    note = f"共 {len(lines)} 件，按超期工作日从多到少排列。"
    if len(lines) > len(shown):
        note += f"此处列出前 {len(shown)} 件，完整清单见 Excel 表“期末超期”。"
    rows = [(x.case_no, x.registered_on.isoformat(), x.applicant, x.identifier, x.ip_kind, x.decision,
             x.assignee, str(x.late_by or 0)) for x in shown]
    return [
        R.para(note, "plain", fonts),
        R.data_table(("案件编号", "登记日期", "申请人", "证件号码", "类型", "决定", "承办人", "超期\n工作日"),
                     rows, (27, 19, 31, 37, 17, 11, 13, 13), fonts, numeric_cols=(7,)),
    ]


def _signature(summary: Summary, fonts: FontSet) -> list:
    parts = [Spacer(1, 12 * mm),
             R.para("负责人（签字）：＿＿＿＿＿＿＿＿＿＿　　　日期：＿＿＿＿年＿＿月＿＿日", "plain", fonts)]
    if len(summary.chain_heads) > 1:
        parts.append(Spacer(1, 6 * mm))
        parts += [R.para(f"审计链头 {h.device} #{h.seq} {h.hash}", "small", fonts) for h in summary.chain_heads]
    return [KeepTogether(parts)]
