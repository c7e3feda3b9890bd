"""统计报表 page: pick a period, see the figures and live charts, export PDF/Excel."""
