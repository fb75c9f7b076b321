"""The query log's secrets on disk: the HMAC key file and owner-only file modes.

The key that hashes user ids never goes into the database: it comes from the
environment or from a key file of its own, created on first start with mode 0600."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

logger = logging.getLogger("bot.querylog")

MIN_KEY_BYTES = 16
PRIVATE = 0o600


def load_or_create_key(path: Path) -> bytes:
    """The key in ``path``; a new random one (written 0600) if the file does not exist.
    Raises OSError when the file cannot be read or made, or holds too short a key."""
    try:
        key = path.read_bytes().strip()
    except FileNotFoundError:
        return _create_key(path)
    if path.stat().st_mode & 0o077:
        os.chmod(path, PRIVATE)
    if len(key) < MIN_KEY_BYTES:
        raise OSError(f"the key file {path} holds fewer than {MIN_KEY_BYTES} bytes")
    return key


def _create_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:  # another process made it meanwhile
        return load_or_create_key(path)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key + b"\n")
    logger.info("query log: created the key file %s (keep it with the database: user hashes depend on it)", path)
    return key


def make_private(db: Path) -> None:
    """Create ``db`` if missing and make it and its journal files owner-only (SQLite
    creates journal files with the database file's mode)."""
    fd = os.open(db, os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        os.fchmod(fd, PRIVATE)
    finally:
        os.close(fd)
    for suffix in ("-journal", "-wal", "-shm"):
        companion = Path(f"{db}{suffix}")
        if companion.exists():
            os.chmod(companion, PRIVATE)
