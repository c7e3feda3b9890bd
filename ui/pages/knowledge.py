"""知识库 page (ui/knowledge)."""
from ui.knowledge.page import KnowledgeBasePage as KnowledgePage

__all__ = ["KnowledgePage"]
