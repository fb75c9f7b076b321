"""Settings from a ``.env`` file, loaded before anything reads the environment.

``bot --env-file PATH`` loads that file (it must exist); without the flag, the file named
by ``BOT_ENV_FILE`` (``none``: no file at all; the test suite sets it so that a developer's
own ``.env`` stays out of the tests), else ``./.env`` when there is one. Values already in
the environment win over the file's, so a systemd ``EnvironmentFile=``, ``docker run -e`` or
an exported variable always has the last word.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT = Path(".env")
NONE = "none"


class EnvFileError(Exception):
    """The env file named on the command line cannot be read."""


def load(path: Path | None) -> Path | None:
    """Load ``path`` (else $BOT_ENV_FILE, else ./.env if present) into ``os.environ``
    without overriding; returns the file loaded, if any."""
    if path is None and (named := os.environ.get("BOT_ENV_FILE")):
        if named.strip().lower() == NONE:
            return None
        path = Path(named)
    target = path or DEFAULT
    if path is None and not target.is_file():
        return None
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EnvFileError(f"cannot read the env file {target}: {exc}") from None
    from io import StringIO

    from dotenv import dotenv_values

    for name, value in dotenv_values(stream=StringIO(text)).items():
        if value is not None and name not in os.environ:
            os.environ[name] = value
    return target
