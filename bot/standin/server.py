"""The HTTP side of the stand-in: ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``
on 127.0.0.1, one thread per connection, keep-alive, and connections that can be reset
all at once when the stand-in goes down.
"""

from __future__ import annotations

import json
import logging
import select
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from bot.standin.rules import ApiError, decode_value, parse_body
from bot.standin.state import Abort, Api

log = logging.getLogger(__name__)
FILE_CHUNK = 64 * 1024


class Handler(BaseHTTPRequestHandler):
    """One connection: Bot API calls and file downloads, answered like Telegram."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: Server

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        arrived = time.monotonic()
        api = self.server.api
        epoch = self.server.epoch
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        parts = url.path.split("/")
        if len(parts) >= 4 and parts[1] == "file" and parts[2].startswith("bot"):
            try:
                self._serve_file(unquote("/".join(parts[3:])), epoch)
            except Abort:
                self.close_connection = True
                reset(self.connection)
            return
        if len(parts) != 3 or not parts[1].startswith("bot") or not parts[2]:
            self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        token, method = unquote(parts[1][3:]), parts[2]
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        try:
            try:
                params = {k: decode_value(k, v) for k, v in parse_qsl(url.query, keep_blank_values=True)}
                body_params, files = parse_body(self.headers.get("Content-Type", ""), body)
                params.update(body_params)
            except (ValueError, UnicodeDecodeError) as err:
                raise ApiError(400, f"Bad Request: {err}") from err
            api.wait_delay(method, epoch)
            if fault := api.take_fault(method):
                raise fault
            status, out = (
                200,
                {"ok": True, "result": api.answer(method, params, token, epoch, arrived, self._peer_gone)},
            )
            result = out["result"]
        except ApiError as err:
            status, out = err.status, err.body()
            result = out
        except Abort:
            status = 0
        except Exception as err:
            log.exception("stand-in failed on %s", method)
            status, out = 500, ApiError(500, f"stand-in error: {type(err).__name__}: {err}").body()
            result = out
        if status == 0 or api.epoch != epoch:  # went down meanwhile: reset, do not answer
            api.record(method, params, arrived, 0, None, token, files)
            self.close_connection = True
            reset(self.connection)
            return
        api.record(method, params, arrived, status, result, token, files)
        self._reply(status, out)

    def _peer_gone(self) -> bool:
        """Whether the client closed its side (it never sends more while it waits)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _serve_file(self, path: str, epoch: int) -> None:
        api = self.server.api
        api.wait_delay("file", epoch)
        fault = api.take_fault("file")
        found = api.file_by_path(path)
        if fault or found is None:
            status = fault.status if fault else 404
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if found.sized:
            self.send_header("Content-Length", str(len(found.content)))
        else:  # the body ends when the connection closes
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        for start in range(0, len(found.content), FILE_CHUNK):
            chunk = found.content[start : start + FILE_CHUNK]
            try:
                self.wfile.write(chunk)
            except OSError:  # the downloader stopped reading
                self.close_connection = True
                return
            api.count_served(found, len(chunk))

    def _reply(self, status: int, out: dict[str, Any]) -> None:
        data = json.dumps(out, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def reset(conn: socket.socket) -> None:
    """Make the peer see a reset connection (RST on close), and wake any reader."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class Server(ThreadingHTTPServer):
    """127.0.0.1:port, a thread per connection; remembers its connections to reset them."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, port: int, api: Api) -> None:
        self.api = api
        self.epoch = api.epoch
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        self._closed = False
        super().__init__(("127.0.0.1", port), Handler)

    def track(self, conn: socket.socket) -> None:
        with self._conns_lock:
            self._conns.add(conn)
            closed = self._closed
        if closed:
            reset(conn)

    def untrack(self, conn: socket.socket) -> None:
        with self._conns_lock:
            self._conns.discard(conn)

    def reset_connections(self) -> None:
        with self._conns_lock:
            self._closed = True
            conns = list(self._conns)
        for conn in conns:
            reset(conn)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a peer that went away mid-request is normal here
