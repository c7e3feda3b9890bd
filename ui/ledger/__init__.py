"""The ledger import wizard: choose a file, preview, import on confirmation, keep the rejected rows."""
