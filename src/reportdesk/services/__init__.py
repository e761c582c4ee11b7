"""The use cases, one layer under both faces (the command line and the desktop app).

Every function takes plain arguments, returns a typed result (a dataclass or a path), never prints,
reports warnings as data and raises :class:`reportdesk.errors.UserError` with a Vietnamese message.
Long work accepts ``progress(done, total, label)`` and ``cancel`` (a ``threading.Event``); when the
event is set the work stops, leaves nothing half written, and raises :class:`Cancelled`.

Passphrases are arguments: the command line gets them from ``ctx.passphrase()``, the window from a
dialog. Where the command line must ask only once the cheap checks have passed, a passphrase may also
be given as a function of no arguments returning it; it is called when the passphrase is needed.

Modules: ``setup``, ``identity``, ``reports``, ``maintenance``, ``demo``, ``unit_home``, ``wayback`` (receipts,
review decisions and signed updates from Cục ATMT; docs/wayback.md). This package imports nothing
heavy by itself.
"""

from __future__ import annotations

import threading
from typing import Callable, Union

from reportdesk.errors import UserError

Progress = Callable[[int, int, str], None]
Passphrase = Union[str, Callable[[], str]]


class Cancelled(UserError):
    """The user cancelled long work; nothing was left half done."""

    def __init__(self, message: str = "Đã hủy.") -> None:
        super().__init__(message)


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def report_progress(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None:
        progress(done, total, label)


def resolve_passphrase(passphrase: Passphrase) -> str:
    value = passphrase() if callable(passphrase) else passphrase
    if not isinstance(value, str) or not value:
        raise UserError("Mật khẩu không được để trống.")
    return value


__all__ = ["Cancelled", "Passphrase", "Progress", "check_cancel", "report_progress", "resolve_passphrase"]
