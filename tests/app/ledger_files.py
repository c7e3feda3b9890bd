"""Small ledger files for tests: one dict per row, written as CSV or Excel."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from app.ledger.columns import HEADERS

DATA = Path(__file__).resolve().parents[1] / "data" / "ledger"
SAMPLE_CSV = DATA / "ledger-sample.csv"
SAMPLE_XLSX = DATA / "ledger-sample.xlsx"
EXPECTED = json.loads((DATA / "ledger-sample.expected.json").read_text(encoding="utf-8"))

# A complete, valid row; tests change the cells they are about.
BASE = {
    "案件编号": "", "登记日期": "2026-03-02", "申请渠道": "来访", "申请人": "沈阳华信科技有限公司",
    "申请人类型": "企业", "企业规模": "小型", "证件号码": "91350100M000100Y43", "联系电话": "13912345678",
    "知识产权类型": "发明专利", "权利号": "ZL202310123456.6", "纠纷类型": "侵权纠纷", "是否涉外": "否",
    "被请求人": "大连某某电子有限公司", "受理决定": "受理", "决定日期": "2026-03-04", "不予受理理由": "",
    "承办人": "李明", "办结日期": "2026-03-20", "办理结果": "调解成功", "回访日期": "2026-03-25",
    "满意度": "满意", "备注": "",
}


def row(**cells: str) -> dict:
    return BASE | cells


def write_csv(path: Path, rows: list[dict], *, headers=HEADERS, encoding: str = "utf-8-sig") -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    for r in rows:
        writer.writerow([r.get(h, "") for h in headers])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict], *, headers=HEADERS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for r in rows:
        sheet.append([r.get(h) if r.get(h) != "" else None for h in headers])
    book.save(path)
    return path
