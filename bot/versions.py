"""The served table and its record in the database.

Every table the bot starts serving is stored as a version (who, when, what changed):
the file at start-up, an admin's /reload or upload, and /undo, which serves the
version before the current one again. The file on disk stays the human-edited source;
the database is the record of what was served, and how replicas share a table: each
replica looks at the newest version every ``poll_seconds`` and, when it is not the
table it serves, serves it and writes it to its own file.

At start-up (the first ``sync``) the file meets the database:

* no version yet: the file becomes the first version;
* the file is the newest version: nothing to do;
* the file is an older version (this replica was down while another changed the
  table): the newest version is served and written to the file;
* the database has never seen the file (someone edited it): it becomes the newest version.

While the database is down, changes are served at once and recorded when it is back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from dataclasses import dataclass
from enum import Enum

from bot import tablediff
from bot.querylog.api import NewVersion, TableHistory, TableVersion, content_hash
from bot.store import EngineStore, ReloadResult

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # how often a replica looks for a newer table version


def default_replica() -> str:
    """This process, as named in the versions it records: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


class UndoStatus(Enum):
    DONE = "done"
    NOTHING = "nothing"  # no earlier version to go back to
    UNAVAILABLE = "unavailable"  # the database is down
    REFUSED = "refused"  # the earlier version is not valid for this article


@dataclass(frozen=True)
class UndoOutcome:
    status: UndoStatus
    restored: TableVersion | None = None  # the version served again
    version: TableVersion | None = None  # the new version that records the undo
    result: ReloadResult | None = None


@dataclass(frozen=True)
class _Pending:
    """A change served while the database was down, to record when it is back."""

    action: str
    admin_id: int | None


class TableVersions:
    """Keeps the store's table and the database's versions in step (see the module docstring)."""

    def __init__(
        self,
        store: EngineStore,
        history: TableHistory,
        *,
        replica: str | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.store = store
        self.history = history
        self.replica = replica or default_replica()
        self.poll_seconds = poll_seconds
        self.served: TableVersion | None = None  # the recorded version matching the served table
        self._pending: _Pending | None = None
        self._refused: set[int] = set()  # versions not valid here (warned once each)
        self._lock = asyncio.Lock()  # one change of the served table at a time

    # -- admin actions -----------------------------------------------------------------

    async def reload(self, admin_id: int | None) -> ReloadResult:
        """Re-read the table file; a valid, different table becomes a new version."""
        async with self._lock:
            old = self.store.table_bytes
            result = await asyncio.to_thread(self.store.reload)
            if result.ok:
                await self._changed("reload", admin_id, old)
            return result

    async def upload(self, data: bytes, filename: str, admin_id: int | None) -> ReloadResult:
        """Validate and install an uploaded table; a valid, different one becomes a new version."""
        async with self._lock:
            old = self.store.table_bytes
            result = await asyncio.to_thread(self.store.install, data, filename)
            if result.ok:
                await self._changed("upload", admin_id, old)
            return result

    async def undo(self, admin_id: int | None) -> UndoOutcome:
        """Serve the version before the current one again (recorded as a new version)."""
        async with self._lock:
            await self._sync()
            current = self.served
            if current is None or current.sha256 != content_hash(self.store.table_bytes):
                return UndoOutcome(UndoStatus.UNAVAILABLE if not self.history.healthy else UndoStatus.NOTHING)
            if current.base is None:
                return UndoOutcome(UndoStatus.NOTHING)
            target = await self.history.version(current.base)
            if target is None or target.content is None:
                return UndoOutcome(UndoStatus.UNAVAILABLE if not self.history.healthy else UndoStatus.NOTHING)
            old = self.store.table_bytes
            result = await asyncio.to_thread(self.store.install, target.content, f"table version {target.id}")
            if not result.ok:
                return UndoOutcome(UndoStatus.REFUSED, target, None, result)
            version = await self._record("undo", admin_id, old, base=target.base, restores=target.id)
            return UndoOutcome(UndoStatus.DONE, target, version, result)

    async def history_list(self, limit: int = 10) -> list[TableVersion] | None:
        """The newest versions, newest first; None while the database is down."""
        found = await self.history.versions(limit)
        return found if found or self.history.healthy else None

    # -- keeping in step ---------------------------------------------------------------

    async def sync(self) -> None:
        """Bring the served table and the database in step once (see the module docstring)."""
        async with self._lock:
            await self._sync()

    async def follow(self) -> None:
        """``sync`` every ``poll_seconds``, until cancelled."""
        failing = False
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                await self.sync()
                failing = False
            except Exception:  # a bug here must not stop the following, nor flood the log
                if not failing:
                    log.exception("keeping the table in step with the database failed; trying again")
                failing = True

    async def _sync(self) -> None:
        sha = content_hash(self.store.table_bytes)
        latest = await self.history.latest_version()
        if latest is None:
            if self.history.healthy:  # an empty history: what is served is the first version
                pending = self._pending or _Pending("start", None)
                await self._record(pending.action, pending.admin_id, None, base=None)
            return
        if latest.sha256 == sha:
            self.served, self._pending = latest, None
            return
        served = self.served
        if served is not None and self._pending is None and served.sha256 == sha and latest.id > served.id:
            await self._follow(latest)  # another replica changed the table
            return
        if served is None and self._pending is None and await self.history.find_version(sha) is not None:
            await self._follow(latest)  # at start-up, the file is an older version
            return
        if not self.history.healthy:
            return
        # What is served was never recorded: an edited file, or a change made while the database was down.
        pending = self._pending or _Pending("start", None)
        previous = await self.history.version(latest.id)
        await self._record(pending.action, pending.admin_id, previous.content if previous else None, base=latest.id)

    async def _follow(self, latest: TableVersion) -> None:
        if latest.id in self._refused:
            return
        version = await self.history.version(latest.id)
        if version is None or version.content is None:
            return
        result = await asyncio.to_thread(self.store.install, version.content, f"table version {version.id}")
        if not result.ok:
            self._refused.add(version.id)
            log.warning(
                "table version %d (%s on %s) is not valid for this article (%d problem(s)); still serving the "
                "current table",
                version.id,
                version.action,
                version.replica,
                sum(1 for p in result.problems if p.severity == "error"),
            )
            return
        self.served = latest
        log.info(
            "now serving table version %d (%s by %s on %s): %d entries",
            latest.id,
            latest.action,
            _who(latest.admin_id),
            latest.replica,
            latest.entries,
        )

    async def _changed(self, action: str, admin_id: int | None, old: bytes) -> None:
        if content_hash(self.store.table_bytes) == content_hash(old):
            return  # the same table again: no new version
        await self._record(action, admin_id, old, base=self.served.id if self.served else None)

    async def _record(
        self, action: str, admin_id: int | None, old: bytes | None, *, base: int | None, restores: int | None = None
    ) -> TableVersion | None:
        content = self.store.table_bytes
        table = self.store.engine.table
        changes = await asyncio.to_thread(tablediff.diff, old, content)
        new = NewVersion(
            action=action,
            content=content,
            entries=len(table.entries),
            phrasings=sum(len(e.questions) + len(e.english) for e in table.entries),
            added=changes.added if old is not None else (),
            removed=changes.removed,
            changed=changes.changed,
            admin_id=admin_id,
            base=base,
            restores=restores,
            replica=self.replica,
        )
        version = await self.history.record_version(new)
        if version is None:
            self._pending = _Pending(action, admin_id)
            return None
        self.served, self._pending = version, None
        log.info(
            "table version %d recorded (%s by %s): %d entries, %d added, %d removed, %d changed",
            version.id,
            action,
            _who(admin_id),
            version.entries,
            len(version.added),
            len(version.removed),
            len(version.changed),
        )
        return version


def _who(admin_id: int | None) -> str:
    return "the file" if admin_id is None else f"admin {admin_id}"
