"""Screen 5 — overview charts (QtCharts): reporting progress by unit kind, CCN wastewater coverage by province."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reportdesk.consolidate.status import STATES
from reportdesk.services.consolidation import Overview
from reportdesk.ui import vnlocale
from reportdesk.ui.consolidation.board import KIND_LABELS, STATE_LABELS

CHART_COLOURS = {"on_time": "#43a047", "late": "#fb8c00", "missing": "#e53935", "quarantined": "#7e57c2"}


def _t(text: str) -> str:
    return QCoreApplication.translate("consolidation", text)


class OverviewPage(QWidget):
    def __init__(self, window):
        super().__init__()
        self.win = window
        self.data: Overview | None = None
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Tổng quan"))
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        row = QHBoxLayout()
        self.progress_view = QChartView()
        self.progress_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.coverage_view = QChartView()
        self.coverage_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        row.addWidget(self.progress_view, 1)
        row.addWidget(self.coverage_view, 1)
        lay.addLayout(row, 1)

    def show_overview(self, ov: Overview) -> None:
        self.data = ov
        self.title.setText(self.tr("Tổng quan kỳ %1").replace("%1", ov.period))
        total = {s: sum(v[s] for v in ov.progress.values()) for s in STATES}
        n = sum(total.values())
        got = total["on_time"] + total["late"]
        text = self.tr("Đã nhận %1/%2 báo cáo (%3); đúng hạn %4, muộn %5, chưa gửi %6, chờ xử lý %7.")
        for i, v in enumerate((got, n, vnlocale.format_percent(100 * got / n if n else 0, 0), total["on_time"], total["late"],
                               total["missing"], total["quarantined"]), 1):
            text = text.replace(f"%{i}", str(v))
        if ov.national is not None and ov.national.clusters:
            t2 = self.tr(" Toàn quốc: %1/%2 cụm công nghiệp có hệ thống xử lý nước thải tập trung (%3).")
            for i, v in enumerate((ov.national.with_system, ov.national.clusters,
                                   vnlocale.format_percent(100 * (ov.national.coverage or 0), 1)), 1):
                t2 = t2.replace(f"%{i}", str(v))
            text += t2
        self.summary.setText(text)
        self.progress_view.setChart(self._progress_chart(ov))
        self.coverage_view.setChart(self._coverage_chart(ov))

    def _chart(self) -> QChart:
        """A chart whose numbers (bar labels, axes) are written the Vietnamese way: 57,1 — 1.234."""
        chart = QChart()
        chart.setLocale(vnlocale.vi_locale())
        chart.setLocalizeNumbers(True)
        return chart

    def _progress_chart(self, ov: Overview) -> QChart:
        chart = self._chart()
        chart.setTitle(self.tr("Tiến độ gửi báo cáo theo loại đơn vị"))
        series = QHorizontalStackedBarSeries()
        kinds = list(reversed(list(ov.progress)))  # the first kind at the top
        for s in STATES:
            bs = QBarSet(_t(STATE_LABELS[s]))
            bs.setColor(QColor(CHART_COLOURS[s]))
            bs.append([float(ov.progress[k][s]) for k in kinds])
            series.append(bs)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([_t(KIND_LABELS.get(k, k)) for k in kinds])
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cats)
        vals = QValueAxis()
        vals.setLabelFormat("%d")
        vals.setMin(0)
        vals.setMax(max([sum(v.values()) for v in ov.progress.values()] or [1]))
        vals.applyNiceNumbers()
        chart.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(vals)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        return chart

    def _coverage_chart(self, ov: Overview) -> QChart:
        chart = self._chart()
        chart.setTitle(self.tr("Xử lý nước thải tập trung ở cụm công nghiệp, theo tỉnh (%)"))
        series = QHorizontalBarSeries()
        rows = list(reversed(ov.coverage))  # first province at the top
        a = QBarSet(self.tr("Cụm có hệ thống XLNT tập trung"))
        a.setColor(QColor("#1e88e5"))
        b = QBarSet(self.tr("Hệ thống vận hành ổn định"))
        b.setColor(QColor("#26a69a"))
        a.append([round(100 * (r.coverage or 0), 1) for r in rows])
        b.append([round(100 * (r.stable_rate or 0), 1) for r in rows])
        series.append(a)
        series.append(b)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([r.name for r in rows] or [self.tr("(chưa có số liệu)")])
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(cats)
        vals = QValueAxis()
        vals.setRange(0, 100)
        vals.setLabelFormat("%d%%")
        chart.addAxis(vals, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(vals)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        return chart
