"""gcm-kg: the UN Network on Migration's workplans as a linked-data knowledge graph."""

__version__ = "0.1.0"
