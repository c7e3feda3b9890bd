"""展会知识产权保护工作报告: the fair summary for the organiser (2006 measures Art. 15).

Counts by outcome and IP kind, the share handled within the time limit, and the list of
complaints with complainants' identifiers masked. Built on the shared report page (app/pdf/report).
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.labels import IP_KIND, label
from app.pdf import report

if TYPE_CHECKING:  # the PDF layer takes plain data; it never touches the database
    from app.services.fairs import FairSummary

TITLE = "展会知识产权保护工作报告"
LIST_WIDTH_MM = 257


def _local(t: datetime | None, tz: ZoneInfo) -> str:
    return "" if t is None else t.astimezone(tz).strftime("%m-%d %H:%M")


def fair_summary_pdf(summary: "FairSummary", *, timezone: str = "Asia/Shanghai") -> bytes:
    tz = ZoneInfo(timezone)
    f = summary.fair

    def story(fonts):
        total = len(summary.complaints)
        share = summary.share_within_limit
        share_text = "—" if share is None else f"{share * 100:.1f}%"
        intro = (f"{f.name}于 {f.starts_on.isoformat()} 至 {f.ends_on.isoformat()} 在{f.venue or '（场馆未填）'}举办，"
                 f"主办方：{f.organiser or '（未填）'}。投诉受理处设在{f.office_location or '（未填）'}。"
                 f"展会期间共接到知识产权投诉 {total} 件，已处理 {summary.handled} 件，其中在 {summary.limit_hours} 小时内"
                 f"处理完毕 {summary.within_limit} 件（{share_text}）；巡查记录 {summary.patrol_notes} 条。")
        flow = [report.para(intro, "body", fonts), report.h1("一、按处理结果", fonts),
                report.data_table(["处理结果", "件数"], summary.by_outcome, [60, 30], fonts, numeric_cols=(1,)),
                report.h1("二、按知识产权类型", fonts),
                report.data_table(["知识产权类型", "件数"], summary.by_kind or [("（无）", 0)], [60, 30], fonts,
                                  numeric_cols=(1,)),
                report.h1("三、投诉清单", fonts)]
        rows = []
        for c, ident in zip(summary.complaints, summary.complainant_ids):
            hours = "" if c.handled_at is None else f"{(c.handled_at - c.received_at).total_seconds() / 3600:.1f}"
            rows.append([c.complaint_no, f"{c.complainant}\n{ident}" if ident else c.complainant,
                         f"{c.respondent_name}（{c.booth}）" if c.booth else c.respondent_name,
                         label(IP_KIND, c.ip_kind), _local(c.received_at, tz), c.result or c.status,
                         hours])
        flow.append(report.data_table(["投诉编号", "投诉人", "被投诉人（展位）", "类型", "受理时间", "结果", "用时(小时)"],
                                      rows or [["（无）", "", "", "", "", "", ""]], [62, 50, 62, 24, 24, 18, 17], fonts,
                                      numeric_cols=(6,), avail_width_mm=LIST_WIDTH_MM))
        flow.append(report.para("注：投诉人证件号码已隐去部分数字。", "small", fonts))
        return flow

    # Landscape: a laptop's complaint number (〔2026〕…CJ26-1第0001号) stays on one line.
    return report.report_document(f"{f.name}{TITLE}", story, header_text=summary.centre_name, landscape=True,
                                  footer_text=f"{summary.centre_name} · {TITLE}", author=summary.centre_name)
