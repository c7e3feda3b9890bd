"""Import of case ledgers (案件台账) kept in Excel or CSV (docs: ledger-format.md).

`reader` turns a file into raw cells, `rows` checks one row at a time (no database), `importer`
matches people and numbers against the database and writes every accepted row in one unit of
work, `report` writes the rejected rows for people.
"""
