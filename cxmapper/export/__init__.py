"""Exports that run without a window: PDF, charts, flat JSON, CSV, Mermaid, and PNG/SVG
pictures of the canvas (``picture``: the one module here that imports Qt, lazily, and
draws offscreen)."""
