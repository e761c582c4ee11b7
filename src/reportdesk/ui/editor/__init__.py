"""The form editor of one report (issue 9, section 5). ``ReportEditor(ctx, report_id, parent)``."""

from reportdesk.ui.editor.editor import ReportEditor

__all__ = ["ReportEditor"]
