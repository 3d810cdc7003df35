"""One-line messages: what an error or a warning says, safe to print, log or store.

Every message a command prints, logs, keeps in harvest_runs or shows beside a rejected
record goes through one_line: one line, no control characters that could drive a
terminal, never the NCBI API key (a server may echo the request back, a URL carries it).
"""

import os
import re

LIMIT = 400
API_KEY_PARAMETER = re.compile(r"(api_key=)[^&\s'\"]+")


def one_line(text, limit=LIMIT) -> str:
    """Text as one printable line of at most limit characters, with the API key hidden."""
    text = redact(" ".join(str(text).split()))
    text = "".join(c if c.isprintable() else "\\x%02x" % ord(c) for c in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def redact(text, key=None) -> str:
    """Hide the NCBI API key (the one given, and NCBI_API_KEY's) wherever a message carries it."""
    for secret in {key, os.environ.get("NCBI_API_KEY")} - {None, ""}:
        text = text.replace(secret, "[NCBI_API_KEY]")
    return API_KEY_PARAMETER.sub(r"\1[hidden]", text)


def error_text(error) -> str:
    """What an exception says, as one line; its type is named unless it explains itself
    (a ValueError, or a syntax error such as lxml's XMLSyntaxError)."""
    text = str(error) if isinstance(error, (ValueError, SyntaxError)) else f"{type(error).__name__}: {error}"
    return one_line(text, 200)
