"""The way back from Cục ATMT (issue 11) in the window.

Unit side: :class:`InboxDialog` (import .rdrcpt/.rdrev/.rdupd files: dropped onto the window or chosen
from *Tệp › Nhập thư từ Cục ATMT…*). Consolidation side, dialogs the consolidation window hosts and
that also work on their own: :class:`ReviewDialog` (accept or return a received report, with comments
at fields, rows and cells), :class:`ReceiptsDialog` (receipts for everything not yet acknowledged),
:class:`UpdateDialog` (publish a signed update).
"""

from reportdesk.ui.wayback.inbox import InboxDialog, inbox_files
from reportdesk.ui.wayback.receipts import ReceiptsDialog
from reportdesk.ui.wayback.review import CommentsModel, ReviewDialog
from reportdesk.ui.wayback.update import UpdateDialog

__all__ = ["CommentsModel", "InboxDialog", "ReceiptsDialog", "ReviewDialog", "UpdateDialog", "inbox_files"]
