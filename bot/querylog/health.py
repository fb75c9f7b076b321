"""Best effort, shared by both backends: the first failure of a streak is one warning,
then the database is left alone for ``retry_seconds``; the first success after it is
one info line."""

from __future__ import annotations

import logging
import time

logger = logging.getLogger("bot.querylog")

RETRY_SECONDS = 30.0


class Health:
    """Whether a database works, and when to try it again."""

    def __init__(self, where: str, retry_seconds: float = RETRY_SECONDS) -> None:
        self.where = where
        self.retry_seconds = retry_seconds
        self.healthy = True
        self._warned = False
        self._retry_at = 0.0

    def due(self) -> bool:
        """Whether the database may be tried now."""
        return self.healthy or time.monotonic() >= self._retry_at

    def retry_now(self) -> None:
        """Allow the next try at once (e.g. on an explicit open)."""
        self._retry_at = 0.0

    def failed(self, exc: BaseException, doing: str) -> None:
        """Turn unhealthy; warn only on the first failure of a streak."""
        if not self._warned:
            logger.warning(
                "query log %s failed while %s (%s: %s); logging is degraded, retrying at most every %.0f s",
                self.where,
                doing,
                type(exc).__name__,
                str(exc).strip(),
                self.retry_seconds,
            )
            self._warned = True
        self.healthy = False
        self._retry_at = time.monotonic() + self.retry_seconds

    def worked(self) -> None:
        if not self.healthy or self._warned:
            logger.info("query log %s is working again", self.where)
        self.healthy, self._warned = True, False


class ReportsHealth:
    """What a backend tells about its ``Health`` (``self._health``), the same for both."""

    _health: Health

    @property
    def healthy(self) -> bool:
        return self._health.healthy

    @property
    def retry_seconds(self) -> float:
        return self._health.retry_seconds

    @retry_seconds.setter
    def retry_seconds(self, seconds: float) -> None:
        self._health.retry_seconds = seconds
