"""援助案件 page: the case list with search, filters and the case view (ui/cases)."""
from ui.cases.list_page import CaseListPage as CasesPage

__all__ = ["CasesPage"]
