"""The error family raised by briefgen, and the exit codes the CLI maps them to.

Library code raises these with a message that names the file and says what to do;
only ``briefgen.cli`` catches them and turns them into one line and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # the run failed (I/O, rendering, extraction)
    USAGE = 2  # bad usage, config or template
    LOCKED = 75  # another run holds the lock; try again later (sysexits EX_TEMPFAIL)


class BriefgenError(Exception):
    """Base class. ``exit_status`` tells the CLI which code to exit with."""

    exit_status: ExitStatus = ExitStatus.ERROR


class ConfigError(BriefgenError):
    """The config file is missing, malformed or invalid."""

    exit_status = ExitStatus.USAGE

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class TemplateError(BriefgenError):
    """A template cannot be found, parsed or rendered."""

    exit_status = ExitStatus.USAGE


class IngestError(BriefgenError):
    """No usable article could be read."""


class ExtractionFileError(BriefgenError):
    """An extraction JSON file is unreadable or does not follow the contract."""

    exit_status = ExitStatus.USAGE


class RenderError(BriefgenError):
    """An output could not be written."""


class SystemDependencyError(BriefgenError):
    """A system library (e.g. Pango for WeasyPrint) is missing."""


class UsageError(BriefgenError):
    """A command-line value is malformed (e.g. ``--week``)."""

    exit_status = ExitStatus.USAGE


class LockedError(BriefgenError):
    """Another run holds the lock; this one did nothing."""

    exit_status = ExitStatus.LOCKED
