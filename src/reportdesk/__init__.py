"""reportdesk — báo cáo thực hiện Chỉ thị 20/CT-TTg (Bộ Công Thương)."""

__version__ = "0.1.0"
