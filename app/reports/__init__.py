"""Supervisor reports: the monthly, quarterly and annual figures of ledger-format.md, computed in
SQL on both backends (`figures`), the service calls that return them (`service`), and the Excel
and PDF summaries built from them (`excel`, `pdf`)."""
