"""Report periods: a month, a quarter or a year, with the periods a summary compares against."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from app.errors import UsageError

Kind = Literal["month", "quarter", "year"]


@dataclass(frozen=True)
class Period:
    kind: Kind
    year: int
    number: int  # month 1–12, quarter 1–4, 1 for a year

    @property
    def first(self) -> date:
        return date(self.year, self._first_month, 1)

    @property
    def last(self) -> date:
        """The period's last day L: statuses are judged as of L."""
        following = self.next().first
        return following - timedelta(days=1)

    @property
    def _first_month(self) -> int:
        return {"month": self.number, "quarter": 3 * self.number - 2, "year": 1}[self.kind]

    @property
    def key(self) -> str:
        """As the command line writes it: 2026-02, 2026Q3, 2026."""
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.number}"
        return str(self.year)

    @property
    def title(self) -> str:
        """As a report prints it: 2026年2月, 2026年第三季度, 2026年度."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度"
        return f"{self.year}年度"

    @property
    def span(self) -> int:
        return {"month": 12, "quarter": 4, "year": 1}[self.kind]

    def shifted(self, steps: int) -> Period:
        index = self.year * self.span + self.number - 1 + steps
        return Period(self.kind, index // self.span, index % self.span + 1)

    def next(self) -> Period:
        return self.shifted(1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def year_before(self) -> Period:
        return Period(self.kind, self.year - 1, self.number)

    def months(self) -> list[Period]:
        first = Period("month", self.year, self._first_month)
        return [first.shifted(i) for i in range(12 // self.span)]


def parse_month(text: str) -> Period:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match:
        raise UsageError(f"月份 {text} 的格式不对，应为 YYYY-MM（例如 2026-03）。", english="month must be YYYY-MM")
    if not 1 <= int(match[2]) <= 12:
        raise UsageError(f"月份 {text} 不存在：月份应在 01 到 12 之间。", english="month must be 01 to 12")
    return Period("month", int(match[1]), int(match[2]))


def parse_quarter(text: str) -> Period:
    match = re.fullmatch(r"(\d{4})[Qq]([1-4])", text.strip())
    if not match:
        raise UsageError(f"季度 {text} 的格式不对，应为 YYYYQn（例如 2026Q3）。", english="quarter must be YYYYQn")
    return Period("quarter", int(match[1]), int(match[2]))


def parse_year(text: str | int) -> Period:
    match = re.fullmatch(r"\d{4}", str(text).strip())
    if not match:
        raise UsageError(f"年份 {text} 的格式不对，应为四位数字（例如 2026）。", english="year must be YYYY")
    return Period("year", int(match[0]), 1)
