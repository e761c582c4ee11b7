"""Errors a user sees: one Vietnamese line, exit code 1, never a traceback."""


class UserError(Exception):
    """A problem caused by the user's input or environment, with a message meant for a person."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFound(UserError):
    pass
