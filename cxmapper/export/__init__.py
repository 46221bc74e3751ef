"""Exports that run without a window: PDF, charts, flat JSON, CSV, Mermaid."""
