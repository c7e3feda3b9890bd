"""Time to render a 10-page 侵权判定参考意见书 (design.md §7 target: ≤ 0.3 s, median).

    PYTHONPATH=. python benchmarks/opinion_pdf.py [--runs 15] [--json out.json]

Fonts are registered once per process (as in the program) before timing; each run builds the whole
document from an OpinionView: layout, tables, fonts subset and embedded, bytes out.
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import time
import uuid
from datetime import date

from app.pdf.fonts import default_fonts
from app.pdf.opinion_pdf import render_opinion
from app.rules import conclusions
from app.services.opinion_types import ClaimData, ExpertInfo, OpinionContent, OpinionView, RightInfo, RowData

ANALYSIS = ("被诉产品的弹簧与权利要求中的弹性件以基本相同的手段，实现基本相同的功能，达到基本相同的效果，"
            "且本领域普通技术人员无需经过创造性劳动就能够想到，属于等同特征。")


def ten_page_view(rows: int, paragraphs: int) -> OpinionView:
    chart = tuple(RowData(label=chr(65 + i % 26) + (str(i // 26) if i >= 26 else ""),
                          right_text="底座上设有安装孔，卡扣与底座一体成型，弹性件设置在卡扣与底座之间。" * 2,
                          accused_text="被诉产品底座设有两个安装孔，卡扣与底座一体注塑成型，弹簧位于其间。" * 2,
                          mark="same" if i % 5 else "equivalent", note="见证据2" if i % 3 == 0 else "")
                  for i in range(rows))
    content = OpinionContent(
        kind="invention", title="张瑄堃与深圳市赟龑科技有限公司专利侵权纠纷", right_status_text="专利权有效",
        status_checked_on=date(2026, 3, 3), accused_object="“镕旸牌”快速连接件（型号KJ-200）",
        analysis="\n".join([ANALYSIS] * paragraphs), conclusion="likely", requested_on=date(2026, 3, 2),
        claims=(ClaimData(1, "一种快速连接件，包括底座、卡扣、弹性件和锁定销。", chart),),
        evidence=("专利证书复印件", "被诉产品照片八张", "购买发票一张"))
    suggested = conclusions.suggest(content.kind, content.body, [[r.mark for r in chart]])
    return OpinionView(
        id=uuid.uuid4(), case_id=uuid.uuid4(), case_no="〔2026〕测维援字第0012号", applicant="张瑄堃",
        opposing_party="深圳市赟龑科技有限公司", opinion_no="〔2026〕测意见字第0001号", status="issued",
        version_no=1, previous_id=None, previous_no=None, content=content, suggested_conclusion=suggested,
        warning=None, right=RightInfo(uuid.uuid4(), "invention", "ZL202310123456.6", "一种快速连接件", "张瑄堃"),
        experts=(ExpertInfo(uuid.uuid4(), "刘堃", "研究员", "某大学"),), due_on=None, drafted_by="李明",
        approved_by="王主任", approved_at=None, issued_on=date(2026, 3, 20), issued_sha256=None, void_reason="",
        centre_name="测试知识产权保护中心", record_version=1)


def page_count(pdf: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    t0 = time.perf_counter()
    default_fonts()
    font_load = time.perf_counter() - t0
    view = ten_page_view(rows=30, paragraphs=14)
    pdf = render_opinion(view)             # warm-up (first subset tables, imports)
    pages = page_count(pdf)
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        render_opinion(view)
        times.append(time.perf_counter() - t)
    result = {"pages": pages, "runs": args.runs, "median_s": round(statistics.median(times), 4),
              "min_s": round(min(times), 4), "max_s": round(max(times), 4), "font_load_once_s": round(font_load, 3),
              "bytes": len(pdf), "target_s": 0.3}
    print(f"opinion PDF, {pages} pages: median {result['median_s']:.3f} s over {args.runs} runs "
          f"(min {result['min_s']:.3f}, max {result['max_s']:.3f}; fonts loaded once in {font_load:.2f} s; "
          f"target ≤ 0.3 s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
