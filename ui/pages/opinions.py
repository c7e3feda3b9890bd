"""侵权判定意见 page (ui/opinions)."""
from ui.opinions.page import OpinionsPage

__all__ = ["OpinionsPage"]
