"""Pictures of the canvas: PNG and SVG of the whole map exactly as ``JourneyScene`` draws it.

The one export that imports Qt (it is a picture *of the canvas*), so it is imported
lazily by the CLI and the window. It needs no window: a ``JourneyScene`` is built
offscreen from the document (``QT_QPA_PLATFORM=offscreen`` works) and rendered with
``QGraphicsScene.render`` onto a ``QImage`` (PNG) or a ``QSvgGenerator`` (SVG, from
``PySide6.QtSvg``, part of PySide6-Essentials). Background white, a margin around the
scene rect, every length times ``scale``.

Contract: ``export_png``/``export_svg`` write atomically (``write_atomic``) and return a
``PictureReport`` with the size written and notes (the scale was reduced). A PNG larger
than ``MAX_SIDE`` pixels on a side or ``MAX_PIXELS`` in all is drawn at the largest
scale that fits, with a note saying so: a 20,000-card map at scale 4 would otherwise
ask for tens of GB. The PNG is painted in horizontal bands so a ``progress`` callback
(the window's progress dialog) can run between them on the GUI thread.

Traps: a ``QGuiApplication`` must exist before any font or image is made; ``ensure_qt``
creates a ``QApplication`` only when none exists, and raises ``QtUnavailable`` with
what to install when the platform plugin cannot load (no libEGL, no libxkbcommon, …).
The canvas's own words (legend, blueprint line labels) go through Qt's translator: in
the window they follow the window's language; without one (the CLI, where this module
made the application) a Chinese map gets the shipped Chinese catalogue, if present,
for the duration of the export. In SVG, text drawn by Qt stays ``<text>`` (QSvgGenerator writes the string and the
font family); a viewer without that font substitutes its own.
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cxmapper.model.atomic import write_atomic
from cxmapper.export.xmlsafe import xml_safe
from cxmapper.model.document import MapDocument
from cxmapper.paths import RESOURCES

#: Qt catalogues of the window (``cxmapper_zh_CN.qm``), shipped with the desktop app.
TRANSLATIONS = RESOURCES / "translations"

#: Largest side of a PNG in pixels (QPainter's raster engine draws in 16-bit
#: coordinates in places; beyond ~32k it silently clips).
MAX_SIDE = 32_000
#: Largest PNG in pixels: 100 megapixels is 400 MB of ARGB32 while painting.
MAX_PIXELS = 100_000_000
#: White margin around the scene, in scene units (scaled with the picture).
MARGIN = 24.0
#: Rows of pixels painted between two progress calls.
BAND_HEIGHT = 2048
#: Height of the title above the map (scene units) and its type size.
TITLE_BAND, TITLE_SIZE = 44.0, 20.0

Progress = Callable[[int, int], bool | None]
"""``progress(done, total)``; returning ``False`` cancels (the target is left untouched)."""


_own_app = False  # True when ensure_qt made the application (no window around)


class QtUnavailable(RuntimeError):
    """Qt could not start (a missing system library); the message says what to install."""


class PictureCancelled(RuntimeError):
    """The progress callback asked to stop; nothing was written."""


@dataclass
class PictureReport:
    path: Path
    width: int  # pixels for PNG, SVG user units for SVG
    height: int
    scale: float  # the scale actually used
    notes: list[str] = field(default_factory=list)


_HINT = (
    "Qt could not start ({reason}). Picture exports draw the canvas with Qt; on Debian/"
    "Ubuntu install the libraries it needs: apt-get install libegl1 libgl1 libxkbcommon0 "
    "libfontconfig1 libdbus-1-3 (and run with QT_QPA_PLATFORM=offscreen when there is no display)."
)


def ensure_qt():
    """The running ``QGuiApplication``, creating a ``QApplication`` if there is none."""
    try:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # libEGL.so.1 & co. are loaded with QtGui
        raise QtUnavailable(_HINT.format(reason=str(exc))) from exc
    global _own_app
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            app = QApplication(["cxmapper"])
        except Exception as exc:  # pragma: no cover - depends on the system
            raise QtUnavailable(_HINT.format(reason=str(exc))) from exc
        _own_app = True
    return app


@contextmanager
def map_language(doc: MapDocument, *, windowless: bool | None = None) -> Iterator[bool]:
    """Install the Chinese catalogue for a Chinese map while drawing, when there is no window.

    Yields whether a catalogue was installed. In the window (``windowless`` False, the
    default when this module did not make the application) nothing changes: installing
    a translator would send every widget a LanguageChange and flip the menus.
    """
    from PySide6.QtCore import QCoreApplication, QTranslator

    windowless = _own_app if windowless is None else windowless
    locale = (doc.meta.locale or "").lower().replace("-", "_")
    catalogue = TRANSLATIONS / "cxmapper_zh_CN.qm"
    translator = None
    if windowless and locale.startswith("zh") and catalogue.is_file():
        translator = QTranslator()
        if not translator.load(str(catalogue)):
            translator = None
    if translator is not None:
        QCoreApplication.installTranslator(translator)
    try:
        yield translator is not None
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)


@contextmanager
def drawn_scene(doc: MapDocument):
    """A fresh, unselected ``JourneyScene`` of ``doc`` (its own editor and undo stack),
    in the map's language (``map_language``); detached from its editor afterwards."""
    ensure_qt()
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QGraphicsItem

    from cxmapper.model.editor import Editor
    from cxmapper.model.fileformat import collector_paused
    from cxmapper.ui.canvas.scene import JourneyScene

    # No automatic garbage collection while Qt draws: started inside a Qt call, a
    # collection that frees Qt objects can deadlock or crash (see ``ui/collector``,
    # which the window uses; the command line has no event loop to collect from). The
    # scene's reference cycles are collected once it is gone, at a safe point.
    automatic = gc.isenabled()
    with map_language(doc), collector_paused():
        scene = JourneyScene(Editor(doc), QUndoStack())
        try:
            scene.clearSelection()
            scene.set_current_cell(None)
            # Headers and cards keep a pixmap cache for the view; rendered through it, the
            # SVG would embed those pixmaps as <image>s instead of text and shapes, and a
            # big PNG would hold a second copy of every item. The picture paints them directly.
            for item in scene.items():
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            yield scene
        finally:
            scene.detach()
            del scene
    if automatic:
        gc.collect()


def _source_rect(scene):
    """The scene's part in the picture, with the margin and the title band on top."""
    rect = scene.sceneRect() if scene.sceneRect().isValid() else scene.itemsBoundingRect()
    return rect.adjusted(-MARGIN, -MARGIN - TITLE_BAND, MARGIN, MARGIN)


def _draw_title(painter, doc: MapDocument, width: float, scale: float) -> None:
    """The map's title in the band above the map (elided to the picture's width)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF

    title = doc.meta.title.strip() or "CX map"
    font = QFont()
    font.setPixelSize(max(1, round(TITLE_SIZE * scale)))
    font.setBold(True)
    room = width - 2 * MARGIN * scale
    title = QFontMetricsF(font).elidedText(title, Qt.TextElideMode.ElideRight, room)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#1F3A5F"))
    painter.drawText(QRectF(MARGIN * scale, MARGIN * scale * 0.6, room, TITLE_BAND * scale),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.restore()


def clamp_scale(width: float, height: float, scale: float) -> tuple[float, list[str]]:
    """The largest scale ≤ ``scale`` whose picture stays within the PNG limits, with a note."""
    if not scale > 0:
        raise ValueError(f"scale must be a positive number, not {scale}")
    fit = min(MAX_SIDE / max(width, 1.0), MAX_SIDE / max(height, 1.0), (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    if scale <= fit:
        return scale, []
    wanted = f"{round(width * scale):,} × {round(height * scale):,} px"
    return fit, [
        f"scale {scale:g} would make a {wanted} picture (limit {MAX_SIDE:,} px a side, "
        f"{MAX_PIXELS // 1_000_000} megapixels); drawn at scale {fit:.3g} instead "
        "(use --svg for a picture of any size)"
    ]


def _in_memory(write: Callable[[object], bool]) -> bytes | None:
    """The bytes ``write`` puts into an in-memory device, or None when it fails."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        if not write(buffer):
            return None
        return bytes(buffer.data())
    finally:
        buffer.close()


def export_png(doc: MapDocument, path: str | os.PathLike, *, scale: float = 1.0, progress: Progress | None = None) -> PictureReport:
    """Write the map as drawn on the canvas to ``path`` as PNG; see the module contract."""
    with drawn_scene(doc) as scene:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QImage, QPainter

        source = _source_rect(scene)
        used, notes = clamp_scale(source.width(), source.height(), scale)
        # At the limit, round down: rounding up could pass it by a row or a column.
        size = math.floor if notes else round
        width = max(1, size(source.width() * used))
        height = max(1, size(source.height() * used))
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        if image.isNull():
            raise MemoryError(f"cannot allocate a {width} × {height} px picture")
        image.fill(Qt.GlobalColor.white)
        # 96 dpi × scale: the PNG prints at the canvas's own size, sharper as scale grows.
        dots_per_metre = round(96 * used / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        bands = list(range(0, height, BAND_HEIGHT))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            for done, top in enumerate(bands):
                if progress is not None and progress(done, len(bands)) is False:
                    raise PictureCancelled("cancelled")
                rows = min(BAND_HEIGHT, height - top)
                # Each band renders the slice of the scene it shows; clipping keeps the
                # items that cross the band edge from painting outside it.
                painter.save()
                painter.setClipRect(QRectF(0, top, width, rows))
                scene.render(
                    painter,
                    QRectF(0, top, width, rows),
                    QRectF(source.x(), source.y() + top / used, source.width(), rows / used),
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                )
                painter.restore()
            _draw_title(painter, doc, width, used)  # in the first band's rows, over white
        finally:
            painter.end()
        if progress is not None:
            progress(len(bands), len(bands))
        # Encoded in memory and written by write_atomic: Qt does not report a full disk.
        png = _in_memory(lambda device: image.save(device, "PNG"))
        if png is None:
            raise OSError(f"Qt could not encode the PNG for {path}")
        write_atomic(path, png)
        return PictureReport(Path(path), width, height, used, notes)


def export_svg(doc: MapDocument, path: str | os.PathLike, *, scale: float = 1.0, progress: Progress | None = None) -> PictureReport:
    """Write the map as drawn on the canvas to ``path`` as SVG (vector, text as text)."""
    if not scale > 0:
        raise ValueError(f"scale must be a positive number, not {scale}")
    with drawn_scene(doc) as scene:
        from PySide6.QtCore import QRect, QRectF, QSize, Qt
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        source = _source_rect(scene)
        width = max(1, round(source.width() * scale))
        height = max(1, round(source.height() * scale))
        if progress is not None and progress(0, 1) is False:
            raise PictureCancelled("cancelled")

        def draw(device) -> bool:
            generator = QSvgGenerator()
            generator.setOutputDevice(device)
            generator.setSize(QSize(width, height))
            generator.setViewBox(QRect(0, 0, width, height))
            generator.setTitle(doc.meta.title or "CX map")
            generator.setDescription("Drawn by CX Mapper")
            painter = QPainter()
            if not painter.begin(generator):
                return False
            try:
                painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
                scene.render(painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.IgnoreAspectRatio)
                _draw_title(painter, doc, width, scale)
            finally:
                painter.end()
            return True

        # In memory, then made well-formed XML and written by write_atomic (checked
        # writes): QSvgGenerator writes control characters raw and ignores a full disk.
        svg = _in_memory(draw)
        if svg is None:
            raise OSError(f"Qt could not draw the SVG for {path}")
        svg, replaced = xml_safe(svg)
        write_atomic(path, svg)
        if progress is not None:
            progress(1, 1)
        notes = [f"{replaced} character(s) XML cannot hold replaced with U+FFFD"] if replaced else []
        return PictureReport(Path(path), width, height, scale, notes)
