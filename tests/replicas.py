"""Several ``bot run --webhook`` replicas sharing one PostgreSQL database, and the balancer
in front of them, for the end-to-end replica tests. Every wait is bounded; each replica is
killed on exit whatever happened."""

from __future__ import annotations

import http.client
import json
import socket
import time
from pathlib import Path
from typing import Any

from bot.standin import BotApiStandIn
from botprocess import WAIT, BotFiles, BotProcess, copy_data

SECRET = "replica-test-webhook-secret"
LOG_KEY = "replica-test-log-key-shared-by-all"
HOOK_PATH = "telegram-hook"
_DOWN = (ConnectionRefusedError, ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected, TimeoutError)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Replica:
    """One ``bot run --webhook`` on its own loopback port, with its own copy of the table."""

    def __init__(self, name: str, standin: BotApiStandIn, folder: Path, db_url: str) -> None:
        self.name = name
        self.port = free_port()
        folder.mkdir(parents=True, exist_ok=True)
        self.files: BotFiles = copy_data(folder)
        env = {
            "BOT_DB": db_url,
            "BOT_LOG_KEY": LOG_KEY,  # replicas share the key: feedback is checked against the asker's hash
            "BOT_WEBHOOK_URL": f"https://bot.example.org/{HOOK_PATH}",
            "BOT_WEBHOOK_SECRET": SECRET,
            "BOT_WEBHOOK_LISTEN": "127.0.0.1",
            "BOT_WEBHOOK_PORT": str(self.port),
            "BOT_FLOOD_LIMIT": "10000",
            "BOT_SEND_RATE": "0",
        }
        self.process = BotProcess(standin, self.files, env=env, args=("--webhook",))

    def start(self) -> Replica:
        self.process.start()
        return self

    def wait_ready(self, timeout: float = WAIT) -> None:
        """Until the webhook port accepts connections (the database is open by then)."""
        deadline = time.monotonic() + timeout
        while True:
            self.process.assert_alive()
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"{self.name} did not listen within {timeout}s\n{self.process.logs()}"
                    ) from None
                time.sleep(0.05)

    def output(self) -> str:
        return self.process.all_output()


class Balancer:
    """Posts each update to the next replica in turn, as a load balancer would; a replica
    that refuses or drops the connection is skipped and the update goes to another one
    (a delivery that may have arrived is safe to repeat: updates are claimed once)."""

    def __init__(self, replicas: list[Replica]) -> None:
        self.replicas = replicas
        self._conns: dict[int, http.client.HTTPConnection] = {}
        self.down: set[int] = set()
        self.delivered = [0] * len(replicas)
        self.turn = 0

    def post(self, update: dict[str, Any]) -> int:
        """Deliver ``update`` (the next replica first); the index of the replica that took it."""
        start, self.turn = self.turn, self.turn + 1
        for step in range(2 * len(self.replicas)):
            index = (start + step) % len(self.replicas)
            if index in self.down:
                continue
            if self.post_to(index, update):
                self.delivered[index] += 1
                return index
        raise AssertionError(f"no replica took update {update['update_id']}")

    def post_to(self, index: int, update: dict[str, Any]) -> bool:
        """One delivery attempt to one replica; False if it is unreachable."""
        body = json.dumps(update, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
        conn = self._conns.get(index) or http.client.HTTPConnection(
            "127.0.0.1", self.replicas[index].port, timeout=WAIT
        )
        self._conns[index] = conn
        try:
            conn.request("POST", f"/{HOOK_PATH}", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
        except _DOWN as exc:
            conn.close()
            del self._conns[index]
            if isinstance(exc, ConnectionRefusedError):
                self.down.add(index)
            return False
        assert response.status == 200, (self.replicas[index].name, response.status, response.reason)
        return True

    def close(self) -> None:
        for conn in self._conns.values():
            conn.close()
        self._conns.clear()
