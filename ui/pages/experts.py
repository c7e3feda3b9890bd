"""专家与合作单位 page (ui/experts)."""
from ui.experts.page import ExpertsInstitutionsPage as ExpertsPage

__all__ = ["ExpertsPage"]
