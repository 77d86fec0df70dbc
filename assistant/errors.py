"""A small error hierarchy; the CLI and API translate these to exit codes and 4xx responses."""

from __future__ import annotations


class RendaError(Exception):
    """Base class: the message is Chinese and meant for the end user."""

    exit_code = 1
    http_status = 400


class InvalidInput(RendaError):
    """A question, parameter or upload that cannot be processed as given."""

    exit_code = 2
    http_status = 422


class LoadError(RendaError):
    """A file that cannot be read; carries the path so a batch can report it and go on."""

    exit_code = 3
    http_status = 422

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexMismatch(RendaError):
    """The index was built with other settings (embedder, chunker, dictionary)."""

    exit_code = 4
    http_status = 409


class IndexMissing(RendaError):
    """No index where one was expected."""

    exit_code = 5
    http_status = 503


class NotFound(RendaError):
    """A document or passage id that does not exist."""

    exit_code = 6
    http_status = 404


class Unauthorized(RendaError):
    """A missing or wrong API key."""

    exit_code = 7
    http_status = 401
