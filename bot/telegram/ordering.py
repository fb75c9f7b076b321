"""Concurrent update processing that keeps each chat's updates in order, where waiting
never holds a worker.

Up to ``workers`` updates run at once. An update first waits for its chat's turn (one
update at a time per chat, per user for inline queries, so answers arrive in the order
asked), then takes a worker. While it waits for its turn, or inside a handler for a
group's send limit (``off_worker``), it holds no worker: a busy group never stalls
private chats. A group's line is bounded: past what the group may still send at once
(``group_room``) plus ``group_backlog``, the oldest waiting updates are dropped, with
one log line per overflow."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

GROUP_BACKLOG = 10  # updates a group may have waiting; at 20 sends a minute, 30 s of answers
_ADMITTED = 1_000_000  # PTB's own cap (its semaphore); the real bounds are the workers and the fetch bound
_GROUP_TYPES = frozenset({ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL})


class _Slot:
    """The worker one running update holds; it can be given back while the update waits."""

    def __init__(self, processor: PerChatUpdateProcessor) -> None:
        self.processor = processor
        self.held = False

    async def take(self) -> None:
        await self.processor._workers.acquire()
        self.held = True

    def give_back(self) -> None:
        if self.held:
            self.held = False
            self.processor._workers.release()


_SLOT: ContextVar[_Slot | None] = ContextVar("bot_update_slot", default=None)


@asynccontextmanager
async def off_worker() -> AsyncIterator[None]:
    """Inside this block the running update gives its worker back and counts as parked
    (for waits on a group's send limit); it takes a worker again afterwards."""
    slot = _SLOT.get()
    if slot is None or not slot.held:
        yield
        return
    slot.give_back()
    slot.processor._park(1)
    try:
        yield
    finally:
        slot.processor._park(-1)
        await slot.take()


class _Line:
    """One chat's updates: the head runs, the rest wait for their turn (True) or are dropped (False)."""

    def __init__(self, group: bool) -> None:
        self.group = group
        self.tickets: deque[asyncio.Future[bool]] = deque()
        self.dropped = 0


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """See the module docstring. ``outstanding(fetched)`` tells the poller how many
    fetched updates still need a worker, so it fetches no more than can be handled soon."""

    def __init__(
        self, workers: int, group_backlog: int = GROUP_BACKLOG, group_room: Callable[[int], int] | None = None
    ) -> None:
        """``group_room(chat_id)``: how many messages the group may send right now."""
        super().__init__(_ADMITTED)
        self.workers = workers
        self.group_backlog = group_backlog
        self.group_room = group_room
        self._workers = asyncio.Semaphore(workers)
        self._lines: dict[object, _Line] = {}
        self._finished = 0  # updates that left the processor (answered, failed or dropped)
        self._parked = 0  # updates waiting for their group's turn or send limit
        self._changed = asyncio.Event()

    # -- what the poller needs ---------------------------------------------------------

    def outstanding(self, fetched: int) -> int:
        """Of ``fetched`` updates handed to the application, those neither finished nor parked."""
        return fetched - self._finished - self._parked

    async def changed(self) -> None:
        """Until an update finishes or parks."""
        self._changed.clear()
        await self._changed.wait()

    def drop_waiting_groups(self) -> int:
        """On shutdown: drop every group update still waiting for its turn (they would
        wait for the group's send limit for up to ``group_backlog`` × 3 s). One log line."""
        dropped = 0
        for line in self._lines.values():
            if line.group:
                while len(line.tickets) > 1:
                    line.tickets.pop().set_result(False)
                    dropped += 1
        if dropped:
            log.warning("stopping: dropped %d group update(s) still waiting for their group's send limit", dropped)
        return dropped

    # -- processing --------------------------------------------------------------------

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = False
        try:
            key, group = _key(update)
            if key is None:
                started = True
                await self._run(coroutine)
                return
            line = self._lines.get(key)
            if line is None:
                line = self._lines[key] = _Line(group)
            ticket: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
            line.tickets.append(ticket)
            if len(line.tickets) == 1:
                ticket.set_result(True)
            elif group and len(line.tickets) - 1 > self.group_backlog:
                self._trim(key, line)
            try:
                if ticket.done():
                    admitted = ticket.result()
                else:
                    self._park(1 if group else 0)
                    try:
                        admitted = await ticket
                    finally:
                        self._park(-1 if group else 0)
                if admitted:
                    started = True
                    await self._run(coroutine)
            finally:
                self._leave(key, line, ticket)
        finally:
            if not started and hasattr(coroutine, "close"):
                coroutine.close()  # dropped: never awaited, never to run
            self._finished += 1
            self._changed.set()

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        slot = _Slot(self)
        await slot.take()
        token = _SLOT.set(slot)
        try:
            await coroutine
        finally:
            _SLOT.reset(token)
            slot.give_back()

    def _trim(self, key: object, line: _Line) -> None:
        """Drop the oldest waiting updates of a group beyond its backlog."""
        chat_id = key[1] if isinstance(key, tuple) and isinstance(key[1], int) else 0
        limit = self.group_backlog + (self.group_room(chat_id) if self.group_room else 0)
        while len(line.tickets) - 1 > limit:
            oldest = line.tickets[1]
            del line.tickets[1]
            oldest.set_result(False)
            if not line.dropped:
                log.warning(
                    "group chat %s has more than %d updates waiting for its send limit (20 a minute); "
                    "dropping the oldest unanswered ones",
                    chat_id,
                    limit,
                )
            line.dropped += 1

    def _leave(self, key: object, line: _Line, ticket: asyncio.Future[bool]) -> None:
        if line.tickets and line.tickets[0] is ticket:
            line.tickets.popleft()
            if line.tickets:
                line.tickets[0].set_result(True)
        elif ticket in line.tickets:  # cancelled while waiting
            line.tickets.remove(ticket)
        if not line.tickets and self._lines.get(key) is line:
            del self._lines[key]

    def _park(self, delta: int) -> None:
        self._parked += delta
        if delta:
            self._changed.set()

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _key(update: object) -> tuple[object, bool]:
    """The ordering key (None: no order needed) and whether it is a group chat."""
    if not isinstance(update, Update):
        return None, False
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id), update.effective_chat.type in _GROUP_TYPES
    if update.effective_user is not None:
        return ("user", update.effective_user.id), False
    return None, False
