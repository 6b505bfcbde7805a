"""Why a file could not be read. The run records these in the errors table and goes on."""


class ReadError(Exception):
    """A file that cannot be turned into a Document. `code` is a stable short reason."""

    code = "unreadable"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code


class EmptyFile(ReadError):
    code = "empty"


class UnsupportedType(ReadError):
    code = "unsupported_type"


class EncryptedPDF(ReadError):
    code = "encrypted"


class CorruptFile(ReadError):
    code = "corrupt"


class TooLarge(ReadError):
    code = "too_large"


class NoText(ReadError):
    code = "no_text"
