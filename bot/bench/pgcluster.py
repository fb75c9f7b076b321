"""A throwaway PostgreSQL cluster from the machine's own binaries, for the tests and the benchmark.

``initdb`` in a new temporary directory, then ``postgres`` as a child process listening
on 127.0.0.1 at a free port (and a unix socket in the data directory); trust
authentication, so the URL needs no password. PostgreSQL refuses to run as root: as
root, the cluster runs as the ``postgres`` user. ``stop`` (or leaving the ``with``
block) shuts the server down and deletes the directory.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
# Settings for tests: durability traded for speed (the data is thrown away anyway).
FAST = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL binaries here, or no user to run them as."""


def find_bindir() -> Path | None:
    """The newest PostgreSQL ``bin`` directory: $PG_BINDIR, Debian's /usr/lib/postgresql/N/bin,
    else the one holding ``initdb`` on PATH."""
    if env := os.environ.get("PG_BINDIR"):
        return Path(env) if (Path(env) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


class Cluster:
    """A private PostgreSQL server on 127.0.0.1 (see the module docstring)."""

    def __init__(self, *, fast: bool = True, bindir: Path | None = None) -> None:
        found = bindir or find_bindir()
        if found is None:
            raise ClusterUnavailable("no PostgreSQL binaries found (initdb); install postgresql or set PG_BINDIR")
        self.bindir: Path = found
        self.fast = fast
        self.port = 0
        self.directory: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        user = _run_as()
        self._uid: int | None = user.pw_uid if user else None
        self._gid: int | None = user.pw_gid if user else None

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> Cluster:
        self.directory = Path(tempfile.mkdtemp(prefix="bot-pg-"))
        data = self.directory / "data"
        if self._uid is not None and self._gid is not None:
            os.chown(self.directory, self._uid, self._gid)
        try:
            self._initdb(data)
            self.port = _free_port()
            settings = ["listen_addresses=127.0.0.1", f"port={self.port}", f"unix_socket_directories={data}"]
            settings += list(FAST) if self.fast else []
            args = [str(self.bindir / "postgres"), "-D", str(data)]
            for setting in settings:
                args += ["-c", setting]
            with open(self.directory / "server.log", "wb") as out:
                self.process = subprocess.Popen(
                    args,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    user=self._uid,
                    group=self._gid,
                )
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def create_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        self._psql("postgres", f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then SIGKILL if it lingers; the directory is removed."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
        self.process = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def log(self) -> str:
        path = self.directory / "server.log" if self.directory else None
        return path.read_text(errors="replace") if path and path.exists() else ""

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    # -- internals ---------------------------------------------------------------------

    def _initdb(self, data: Path) -> None:
        result = subprocess.run(
            [str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            capture_output=True, text=True, timeout=START_TIMEOUT, check=False, user=self._uid, group=self._gid,
        )  # fmt: skip
        if result.returncode != 0:
            raise ClusterUnavailable(f"initdb failed ({result.returncode}): {result.stderr.strip()[-500:]}")

    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ClusterUnavailable(f"postgres exited with {self.process.returncode}:\n{self.log()[-2000:]}")
            ready = subprocess.run(
                [str(self.bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise ClusterUnavailable(f"postgres did not accept connections within {START_TIMEOUT:.0f} s")

    def _psql(self, database: str, sql: str) -> None:
        subprocess.run(
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
            check=True, capture_output=True, timeout=START_TIMEOUT,
        )  # fmt: skip


def _run_as() -> pwd.struct_passwd | None:
    """Who runs the server: nobody else unless we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterUnavailable("running as root and there is no 'postgres' user to run PostgreSQL as") from None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
