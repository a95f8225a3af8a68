"""Errors a user can cause. The CLI prints their message and exits 2; no traceback."""


class AxiomError(Exception):
    """Base of every error whose message tells the user what to do."""


class ProblemFormatError(AxiomError):
    """A problem file or record that does not match the DESIGN.md format."""


class UnknownFamilyError(AxiomError):
    """A family name that is not registered."""


class ConfigError(AxiomError):
    """A bad option, config key or value."""


class CapacityError(AxiomError):
    """A cell cannot supply as many distinct problems as were asked for."""


class TrainingDataError(AxiomError):
    """Training rows, traces or examples that cannot make a training set."""


class InputFileError(AxiomError, ValueError):
    """An input file that cannot be read as text: missing, a folder, not UTF-8 (named with its line).

    Also a ValueError, so callers that turn a file's ValueErrors into their own error type keep doing so.
    """
