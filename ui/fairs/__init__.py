"""展会服务: the fair page (exhibitors, complaints with their 24-hour clock, patrol notes)."""
from ui.fairs.fair_page import FairPage

__all__ = ["FairPage"]
