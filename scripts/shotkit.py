"""What the screenshot scripts share: a 1366x768 desktop, a plain title bar over a frameless offscreen
window, a dialog drawn centred over a screen, PNG files written into the output folder."""

from __future__ import annotations

from pathlib import Path

SCREEN_W, SCREEN_H = 1366, 768
TITLE_H = 30  # offscreen windows have no frame: a plain title bar is drawn so the title shows


class Shots:
    def __init__(self, qapp, out: Path, root: Path):
        self.qapp, self.out, self.root = qapp, out, root

    def settle(self) -> None:
        for _ in range(5):
            self.qapp.processEvents()

    def save(self, pix, name: str) -> None:
        path = self.out / f"{name}.png"
        pix.save(str(path), "PNG")
        print(path.relative_to(self.root) if path.is_relative_to(self.root) else path)

    def desktop(self):
        from PySide6.QtGui import QColor, QPixmap

        pix = QPixmap(SCREEN_W, SCREEN_H)
        pix.fill(QColor("#dfe6ee"))
        return pix

    def framed(self, content, title: str):
        """The content under a plain title bar carrying the window title."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtGui import QColor, QPainter, QPixmap

        pix = QPixmap(content.width(), content.height() + TITLE_H)
        pix.fill(QColor("#2f3e4e"))
        p = QPainter(pix)
        p.setPen(QColor("#ffffff"))
        f = self.qapp.font()
        f.setBold(True)
        p.setFont(f)
        p.drawText(pix.rect().adjusted(12, 0, -12, -content.height()),
                   int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), title)
        p.drawPixmap(QPoint(0, TITLE_H), content)
        p.end()
        return pix

    def over(self, base, widget, dim: bool = True):
        """A dialog (with its title) drawn centred over a screen-sized picture, dimmed behind as modal."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QColor, QPainter, QPixmap

        self.settle()
        top = self.framed(widget.grab(), widget.windowTitle())
        pix = QPixmap(base)
        p = QPainter(pix)
        if dim:
            p.fillRect(pix.rect(), QColor(0, 0, 0, 70))
        x = (SCREEN_W - top.width()) // 2
        y = max(0, (SCREEN_H - top.height()) // 2)
        p.fillRect(x - 1, y - 1, top.width() + 2, top.height() + 2, QColor("#5a5a5a"))
        p.drawPixmap(QPoint(x, y), top)
        p.end()
        return pix
