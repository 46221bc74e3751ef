"""Dock panels of the main window: the inspector and the outline."""
