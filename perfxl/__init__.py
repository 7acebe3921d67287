"""perfxl: read, check, score and annotate China's budget performance forms in Excel."""

__version__ = "0.1.0"
