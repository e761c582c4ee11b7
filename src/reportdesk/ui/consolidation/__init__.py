"""The desktop app in consolidation mode (Cục ATMT): receive, see, decide, publish.

Screens (one QWidget each, in :class:`~reportdesk.ui.consolidation.window.ConsolidationWindow`): receive,
status board, submission view, signers, overview charts, publish, reminder letter, calendar and registry.
They drive the headless functions (``consolidate/``) and :mod:`reportdesk.services.consolidation`.
"""

from reportdesk.ui.consolidation.window import ConsolidationWindow

__all__ = ["ConsolidationWindow"]
