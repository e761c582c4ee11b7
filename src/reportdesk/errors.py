"""Errors a user sees: one Vietnamese line, exit code 1, never a traceback."""


class UserError(Exception):
    """A problem caused by the user's input or environment, with a message meant for a person."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None, *, cli: str | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []
        # the same line as the command line says it, naming the command to run (the window shows
        # ``message``, which names none); the CLI prints ``cli_message``
        self.cli = cli

    @property
    def cli_message(self) -> str:
        return self.cli or self.message


class Said(str):
    """A message (a warning) that the command line says with a hint of its own (``.cli``)."""

    cli: str

    def __new__(cls, text: str, cli: str | None = None):
        obj = super().__new__(cls, text)
        obj.cli = cli or text
        return obj


def cli_text(message: str) -> str:
    """What the command line prints for ``message`` (its ``.cli`` when it has one)."""
    return getattr(message, "cli", None) or str(message)


class NotFound(UserError):
    pass
