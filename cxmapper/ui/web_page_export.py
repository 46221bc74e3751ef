"""File ▸ Export ▸ Web Page…: ask where, write the self-contained page, say what happened.

The page (``cxmapper.export.html``) takes a fraction of a second even at 5,000 cards
(bench/README.md), so it is written on the GUI thread under a wait cursor, from the
document as it is now. A failure shows a message naming the file and the reason, and
leaves the target as it was (the export writes beside, then replaces).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from cxmapper.model.document import MapDocument


def suggested_path(current_file: str | Path | None, title: str = "") -> Path:
    """Beside the map, named after it (``map.cxmap`` → ``map.html``); home otherwise."""
    if current_file:
        current = Path(current_file)
        return current.parent / (current.name.removesuffix(".cxmap") + ".html")
    return Path.home() / f"{title.strip() or 'map'}.html"


def export_web_page(parent: QWidget | None, doc: MapDocument, current_file: str | Path | None) -> Path | None:
    """Ask for the target, write the page; the path written, or None (cancelled or failed)."""
    from cxmapper.export.html import export_html

    start = suggested_path(current_file, doc.meta.title)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("WebPageExport", "Export web page"),
        str(start),
        QCoreApplication.translate("WebPageExport", "Web page (*.html *.htm)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        path = path.with_name(path.name + ".html")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        export_html(doc, path)
    except (OSError, ValueError) as exc:
        QApplication.restoreOverrideCursor()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("WebPageExport", "Export failed"),
            QCoreApplication.translate("WebPageExport", "Could not write the web page to\n{path}\n\n{reason}").format(
                path=str(path), reason=reason
            ),
        )
        return None
    QApplication.restoreOverrideCursor()
    return path
