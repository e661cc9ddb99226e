"""zhaoshang: regional investment intelligence from China's government work reports."""

__version__ = "0.1.0"
PIPELINE_VERSION = "2026.11.1"
"""Bumped whenever extraction output changes, so stored reports know which rules made them."""
