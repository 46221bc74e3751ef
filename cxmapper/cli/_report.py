"""What every ``--json`` report shares: the envelope that names the format.

(A leading underscore keeps this module out of the subcommand registry.)

Every report command builds ONE data structure and prints either its text or the
structure as JSON, so both always carry the same numbers. The fields are documented
in docs/REPORTS-JSON.md; ``version`` changes only when a field is removed or changes
meaning (new fields may appear at any version).
"""

from __future__ import annotations

from pathlib import Path

REPORT_FORMAT = "cxmapper-report"
REPORT_VERSION = 1


def envelope(command: str, path: Path | str | None) -> dict:
    """The keys that open every JSON report: format, version, command, file."""
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "command": command,
        "file": None if path is None else str(path),
    }
