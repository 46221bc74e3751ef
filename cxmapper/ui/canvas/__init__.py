"""The map canvas: scene, items, view and gestures (see scene.py for the update contract)."""

from cxmapper.ui.canvas.scene import JourneyScene
from cxmapper.ui.canvas.view import JourneyView

__all__ = ["JourneyScene", "JourneyView"]
