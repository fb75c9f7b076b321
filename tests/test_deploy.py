"""The deploy files: the Dockerfile's install and command steps run for real in a temporary
virtualenv (no Docker engine here), the compose file and the systemd unit read as their
tools would, and the lock files checked against pyproject.toml and this environment."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import signal
import subprocess
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement

from bot.standin import BotApiStandIn
from botprocess import TOKEN, WAIT, ask
from venvs import ROOT, clean_env, new_venv, source_copy

# -- the Dockerfile ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    stage: int


def dockerfile() -> list[Instruction]:
    """The Dockerfile's instructions (continuation lines joined, comments dropped)."""
    text = (ROOT / "Dockerfile").read_text()
    logical, current = [], ""
    for line in text.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        logical.append(current.strip())
        current = ""
    out, stage = [], -1
    for line in logical:
        keyword, _, args = line.partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        out.append(Instruction(keyword.upper(), args.strip(), stage))
    return out


def of(keyword: str, stage: int | None = None) -> list[Instruction]:
    return [i for i in dockerfile() if i.keyword == keyword and (stage is None or i.stage == stage)]


def env_of(stage: int) -> dict[str, str]:
    """The ENV settings of a stage (``k=v`` pairs; ``$PATH`` left to expand later)."""
    env: dict[str, str] = {}
    for instruction in of("ENV", stage):
        for pair in shlex.split(instruction.args):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(a, str) for a in value), args
    return value


def test_the_image_is_slim_python_313_running_as_a_user_with_state_on_a_volume() -> None:
    stages = of("FROM")
    assert stages and all(s.args.split()[0] == "python:3.13-slim" for s in stages)
    final = stages[-1].stage
    (user,) = of("USER", final)
    assert user.args not in ("root", "0")
    assert any("--uid 10001" in r.args and r.args.rstrip().endswith(f" {user.args}") for r in of("RUN", final))
    state = env_of(final)["BOT_STATE_DIR"]
    assert of("VOLUME", final)[0].args == state and of("WORKDIR", final)[-1].args == state
    (health,) = of("HEALTHCHECK", final)
    assert exec_form(health.args.split(" CMD ", 1)[1]) == ["bot", "health"]
    assert exec_form(of("CMD", final)[0].args) == ["bot", "run"]
    runs = [r.args for r in of("RUN", 0)]
    assert runs == ["./install.sh deps /opt/mehr-article-bot", "./install.sh bot /opt/mehr-article-bot"]
    first_copy = of("COPY", 0)[0].args.split()
    assert "requirements.lock" in first_copy  # the dependencies come from the lock


def test_the_dockerfile_steps_install_the_bot_and_its_command_and_health_check_work(tmp_path: Path) -> None:
    """Runs the build stage's COPY and RUN steps in a temporary tree (the dependencies taken
    from this environment, offline), then the final stage's CMD and HEALTHCHECK with its ENV."""
    venv = tmp_path / "opt" / "mehr-article-bot"
    src = tmp_path / "src"
    repo = source_copy(tmp_path / "repo")
    new_venv(venv, pip=True)  # install.sh keeps an existing venv; this one sees our packages
    workdir = src
    for instruction in dockerfile():
        if instruction.stage != 0:
            continue
        if instruction.keyword == "WORKDIR":
            assert instruction.args == "/src"
            workdir.mkdir(parents=True, exist_ok=True)
        elif instruction.keyword == "COPY":
            *sources, dest = instruction.args.split()
            target = workdir / dest
            for source in sources:
                path = repo / source
                to = target / path.name if dest.endswith("/") or len(sources) > 1 else target
                if path.is_dir():
                    subprocess.run(["cp", "-r", str(path), str(to)], check=True)
                else:
                    to.parent.mkdir(parents=True, exist_ok=True)
                    to.write_bytes(path.read_bytes())
                    to.chmod(path.stat().st_mode)
        elif instruction.keyword == "RUN":
            command = instruction.args.replace("/opt/mehr-article-bot", str(venv))
            done = subprocess.run(
                ["sh", "-c", command], cwd=workdir, env=clean_env(**env_of(0)), capture_output=True, text=True,
                timeout=300, check=False,
            )  # fmt: skip
            assert done.returncode == 0, f"RUN {command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert (venv / "bin" / "bot").exists()

    final = dockerfile()[-1].stage
    state = tmp_path / "state"
    env = env_of(final)
    env["BOT_STATE_DIR"] = str(state)
    env["PATH"] = env["PATH"].replace("/opt/mehr-article-bot", str(venv)).replace("$PATH", "/usr/bin:/bin")
    state.mkdir()
    cmd = exec_form(of("CMD", final)[0].args)
    health = exec_form(of("HEALTHCHECK", final)[0].args.split(" CMD ", 1)[1])

    def probe() -> int:
        return subprocess.run(health, cwd=state, env=clean_env(**env), capture_output=True, check=False).returncode

    with BotApiStandIn() as api:
        started = time.monotonic()
        run_env = clean_env(
            **env,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL=api.base_url,
            TELEGRAM_BASE_FILE_URL=api.file_base_url,
            BOT_SEND_RATE="0",
            HOME=str(tmp_path / "home"),
        )
        proc = subprocess.Popen(cmd, cwd=state, env=run_env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)  # fmt: skip
        try:
            api.wait_polling(1, timeout=WAIT, after=started)
            assert "۱۳۹۰" in (ask(api, "وزارت کی تشکیل شد؟", user_id=78).text or "")
            assert probe() == 0
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=WAIT) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=WAIT)
            stderr = proc.stderr.read().decode() if proc.stderr else ""
            if proc.stderr:
                proc.stderr.close()
    assert "Traceback" not in stderr, stderr
    assert probe() != 0  # a stopped bot is not healthy
    assert {"qa.yaml", "queries.sqlite3", "queries.sqlite3.key"} <= {p.name for p in state.iterdir()}


# -- compose and systemd -------------------------------------------------------------------------


def test_compose_runs_the_bot_beside_postgresql() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    bot, db = compose["services"]["bot"], compose["services"]["db"]
    assert bot["build"] == "." and bot["env_file"] == ".env"
    assert re.fullmatch(r"postgresql://bot:\$\{POSTGRES_PASSWORD\}@db:5432/bot", bot["environment"]["BOT_DB"])
    assert bot["depends_on"]["db"]["condition"] == "service_healthy" and "healthcheck" in db
    state = next(f for i in of("ENV") for f in shlex.split(i.args) if f.startswith("BOT_STATE_DIR=")).split("=")[1]
    assert any(v.endswith(f":{state}") for v in bot["volumes"]) and bot["restart"] == "on-failure"
    assert db["image"].startswith("postgres:") and any("/var/lib/postgresql/data" in v for v in db["volumes"])
    assert set(compose["volumes"]) == {"pgdata", "bot-state"}


class UnitFile(configparser.ConfigParser):
    """A systemd unit: keys are case-sensitive."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def test_the_systemd_unit() -> None:
    unit = UnitFile(strict=False, interpolation=None)
    unit.read(ROOT / "deploy" / "mehr-article-bot.service")
    service = unit["Service"]
    assert service["ExecStart"] == "/opt/mehr-article-bot/bin/bot run"  # where deploy/install.sh puts it
    assert service["EnvironmentFile"].startswith("/etc/")
    assert service["Restart"] == "on-failure" and service["KillSignal"] == "SIGTERM"
    assert service["StateDirectory"] == "mehr-article-bot"  # the bot reads $STATE_DIRECTORY
    assert service.get("DynamicUser") == "yes" or service.get("User") not in (None, "root")
    assert unit["Install"]["WantedBy"] == "multi-user.target"


# -- the lock files ------------------------------------------------------------------------------


def pins(path: Path) -> dict[str, tuple[str, str | None, list[str]]]:
    """name → (version, marker, hashes) for every requirement of a hashed lock file."""
    text = path.read_text().replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", " ")):
            continue
        spec, *hashes = line.split("--hash=")
        requirement = Requirement(spec.strip())
        (pin,) = requirement.specifier
        assert pin.operator == "==", line
        found[canonical(requirement.name)] = (
            pin.version,
            str(requirement.marker or "") or None,
            [h.strip() for h in hashes],
        )
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_is_pinned_with_hashes(lock: str) -> None:
    found = pins(ROOT / lock)
    assert found
    for name, (_, _, hashes) in found.items():
        assert hashes and all(h.startswith("sha256:") for h in hashes), name


def test_the_locks_agree_and_cover_every_dependency() -> None:
    runtime, dev = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    for name, (version, _, _) in runtime.items():
        assert dev[name][0] == version, (name, version, dev[name][0])
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        assert canonical(Requirement(line).name) in runtime, line
    for group in project["optional-dependencies"].values():
        for line in group:
            assert canonical(Requirement(line).name) in dev, line
    assert "setuptools" in runtime  # the image builds the bot with the pinned setuptools


def test_this_environment_has_exactly_the_locked_versions() -> None:
    """scripts/dev installs requirements-dev.lock: what runs the tests is what is pinned."""
    environment = {name: str(value) for name, value in default_environment().items()}
    for name, (version, marker, _) in pins(ROOT / "requirements-dev.lock").items():
        if marker and not Marker(marker).evaluate(environment):
            continue
        assert metadata.version(name) == version, name
