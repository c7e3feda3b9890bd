"""咨询 page: the consultation quick entry (ui/consultations)."""
from ui.consultations.quick_entry import ConsultationQuickEntry as ConsultationsPage

__all__ = ["ConsultationsPage"]
