"""The summary as an Excel workbook: the figures with real number, percent and date formats, and
the list of cases behind every figure (one sheet each). Written in openpyxl's write-only mode,
with the long case lists spliced in as ready SpreadsheetML rows (xlsx_rows)."""
from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.collector import collector_paused
from app.reports.summary import LISTS, CaseLine, Summary
from app.reports.xlsx_rows import Column, PendingRows

COUNT = "0"
PERCENT = "0.0%"
MEAN = "0.00"
DATE = "yyyy-mm-dd"
MONTH = 'yyyy"年"m"月"'

# (label, JSON key, number format) of the main table, in the order people read it.
MAIN_ROWS: tuple[tuple[str, str, str], ...] = (
    ("登记案件", "registered", COUNT),
    ("受理", "accepted", COUNT),
    ("不予受理", "rejected", COUNT),
    ("办结", "closed", COUNT),
    ("期末在办", "open_at_end", COUNT),
    ("期末超期", "overdue_at_end", COUNT),
    ("中小微企业案件", "sme", COUNT),
    ("涉外案件", "overseas", COUNT),
    ("调解成功率", "mediation_success_rate", PERCENT),
    ("平均办理工作日", "avg_handling_workdays", MEAN),
    ("满意度（分）", "satisfaction_avg", MEAN),
    ("年初至今登记", "ytd_registered", COUNT),
    ("年度目标", "annual_target", COUNT),
)
# (title, JSON key) of the splits; each is a {label: count} mapping.
SPLITS: tuple[tuple[str, str], ...] = (
    ("按知识产权类型（登记）", "by_ip_type"),
    ("按办理结果（办结）", "closed_by_outcome"),
    ("咨询（按主题）", "consultations_by_topic"),
    ("出具参考意见（按类型）", "opinions_issued_by_kind"),
    ("移交衔接（按去向）", "referrals_by_target"),
)
LIST_COLUMNS: tuple[tuple[str, str, str | None, int], ...] = (
    ("案件编号", "case_no", None, 26), ("登记日期", "registered_on", DATE, 12), ("申请人", "applicant", None, 28),
    ("证件号码", "identifier", None, 21), ("知识产权类型", "ip_kind", None, 14), ("纠纷类型", "dispute_type", None, 12),
    ("受理决定（期末）", "decision", None, 10), ("决定日期", "decided_on", DATE, 12),
    ("办结日期", "closed_on", DATE, 12), ("办理结果", "outcome", None, 11),
    ("办理工作日", "handling_workdays", COUNT, 10), ("回访日期", "followed_up_on", DATE, 12),
    ("满意度", "satisfaction", COUNT, 8), ("承办人", "assignee", None, 10), ("超期工作日", "late_by", COUNT, 10),
)
# The lines go to the sheet as they are: the columns must be the line's fields, in order.
assert tuple(attr for _name, attr, _fmt, _w in LIST_COLUMNS) == CaseLine._fields

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDDDDD")
_CENTRE = Alignment(horizontal="center")


def summary_xlsx(summary: Summary) -> bytes:
    with collector_paused():
        return _workbook(summary)


def _workbook(summary: Summary) -> bytes:
    book = Workbook(write_only=True)
    _figures_sheet(book, summary)
    _splits_sheet(book, summary)
    _targets_sheet(book, summary)
    _months_sheet(book, summary)
    pending = PendingRows()
    for key, title in LISTS:
        _list_sheet(book, title, summary.lists[key], pending)
    _about_sheet(book, summary)
    out = io.BytesIO()
    book.save(out)
    return pending.splice(out.getvalue())


def _cell(ws, value: Any, fmt: str | None = None, *, font: Font | None = None, fill=None, align=None):
    cell = WriteOnlyCell(ws, value=value)
    if fmt and value is not None:
        cell.number_format = fmt
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if align:
        cell.alignment = align
    return cell


def _widths(ws, widths: Iterable[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _header(ws, names: Iterable[str]) -> list:
    return [_cell(ws, n, font=_BOLD, fill=_HEAD_FILL, align=_CENTRE) for n in names]


def _title_rows(ws, summary: Summary, title: str) -> None:
    v = summary.figures.values
    ws.append([_cell(ws, f"{summary.centre_name} {summary.period.title}{title}", font=_TITLE)])
    ws.append([_cell(ws, "统计期间"), _cell(ws, date.fromisoformat(v["first_day"]), DATE),
               _cell(ws, "至"), _cell(ws, date.fromisoformat(v["last_day"]), DATE)])
    ws.append([])


def _figures_sheet(book: Workbook, summary: Summary) -> None:
    ws = book.create_sheet("指标")
    _widths(ws, (18, 12, 12, 12))
    _title_rows(ws, summary, "工作统计")
    p = summary.period
    ws.append(_header(ws, ("指标", f"本期（{p.title}）", f"上期（{p.previous().title}）",
                           f"去年同期（{p.year_before().title}）")))
    columns = (summary.figures.values, summary.previous, summary.year_before)
    for label, key, fmt in MAIN_ROWS:
        ws.append([_cell(ws, label)] + [_cell(ws, col[key], fmt) for col in columns])


def _splits_sheet(book: Workbook, summary: Summary) -> None:
    ws = book.create_sheet("分类统计")
    _widths(ws, (24, 12, 12, 12))
    columns = (summary.figures.values, summary.previous, summary.year_before)
    for title, key in SPLITS:
        ws.append(_header(ws, (title, "本期", "上期", "去年同期")))
        for label in summary.figures.values[key]:
            ws.append([_cell(ws, label)] + [_cell(ws, col[key][label], COUNT) for col in columns])
        ws.append([])
    ws.append(_header(ws, ("展会投诉", "本期", "上期", "去年同期")))
    for label, key in (("收到", "received"), ("受理", "accepted"), ("处理完毕", "handled")):
        ws.append([_cell(ws, label)] + [_cell(ws, col["fair_complaints"][key], COUNT) for col in columns])
    for label in summary.figures.values["fair_complaints"]["by_outcome"]:
        ws.append([_cell(ws, f"结果：{label}")]
                  + [_cell(ws, col["fair_complaints"]["by_outcome"][label], COUNT) for col in columns])


def _targets_sheet(book: Workbook, summary: Summary) -> None:
    ws = book.create_sheet("目标完成")
    _widths(ws, (18, 12, 12, 12))
    ws.append(_header(ws, ("指标", "实际", "目标", "完成比例")))
    v, t = summary.figures.values, summary.targets
    rows = (
        ("年初至今登记 / 年度目标", v["ytd_registered"], t["annual_target"], COUNT),
        ("调解成功率", v["mediation_success_rate"], t["mediation_success_target"], PERCENT),
        ("满意度（分）", v["satisfaction_avg"], t["satisfaction_target"], MEAN),
    )
    for label, actual, target, fmt in rows:
        ratio = actual / target if actual is not None and target else None
        ws.append([_cell(ws, label), _cell(ws, actual, fmt), _cell(ws, target, fmt), _cell(ws, ratio, PERCENT)])


def _months_sheet(book: Workbook, summary: Summary) -> None:
    ws = book.create_sheet("近12个月")
    _widths(ws, (12, 10, 10))
    ws.append(_header(ws, ("月份", "登记", "办结")))
    for month, registered, closed in summary.months:
        ws.append([_cell(ws, month.first, MONTH), _cell(ws, registered, COUNT), _cell(ws, closed, COUNT)])


def _list_sheet(book: Workbook, title: str, lines: tuple[CaseLine, ...], pending: PendingRows) -> None:
    ws = book.create_sheet(title)
    _widths(ws, (w for *_, w in LIST_COLUMNS))
    ws.freeze_panes = "A2"
    ws.append(_header(ws, (name for name, *_ in LIST_COLUMNS)))
    last_column = get_column_letter(len(LIST_COLUMNS))
    ws.auto_filter.ref = f"A1:{last_column}{len(lines) + 1}"  # so one can sort and filter the cases
    # The rows themselves go in as text after saving (xlsx_rows): a year's lists run to a
    # quarter of a million cells, seconds of openpyxl's per-cell work.
    columns = [Column(ws, fmt) for _name, _attr, fmt, _w in LIST_COLUMNS]
    pending.add(ws, columns, lines, first_row=2)  # a line is its columns' values, in order


def _about_sheet(book: Workbook, summary: Summary) -> None:
    ws = book.create_sheet("说明")
    _widths(ws, (16, 70))
    local = summary.generated_at  # already in the centre's time zone
    rows: list[tuple[str, Any]] = [
        ("中心", summary.centre_name), ("统计期间", summary.period.title),
        ("生成时间", local.strftime("%Y-%m-%d %H:%M")), ("生成人", summary.generated_by),
        ("口径", "状态按统计期末日判断；工作日按国家法定工作日计算；不予受理含视为撤回。"),
        ("证件号码", "自然人身份证号已部分隐藏。"),
    ]
    rows += [(f"审计链头（{h.device}）", f"#{h.seq} {h.hash}") for h in summary.chain_heads]
    for label, value in rows:
        ws.append([_cell(ws, label, font=_BOLD), _cell(ws, value)])


__all__ = ["summary_xlsx", "MAIN_ROWS", "SPLITS", "LIST_COLUMNS"]
