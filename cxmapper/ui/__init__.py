"""The desktop editor (PySide6). The only package that imports Qt (the canvas pictures too: ui/picture.py)."""
