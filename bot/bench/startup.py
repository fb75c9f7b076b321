"""Start-up, reload and memory: each measured the way an operator meets it.

Cold start and peak memory run in a fresh interpreter (``python -c``), which reports
its own timings; reload goes through ``bot.store.EngineStore`` like ``/reload`` does.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Runs in a fresh interpreter: import, load (article + table, validated), index.
_COLD = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from bot.article import load_article
from bot.engine import Engine
from bot.normalize import PersianNormalizer
from bot.table import load_table
t1 = time.perf_counter()
article = load_article(Path(sys.argv[1]))
table = load_table(Path(sys.argv[2]), article, PersianNormalizer().normalize)
t2 = time.perf_counter()
engine = Engine.build(article, table)
t3 = time.perf_counter()
engine.answer("فروزان کیست؟")
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "index": t3 - t2, "first_answer": t4 - t3}))
"""

# Runs in a fresh interpreter: everything an answer needs, then the whole dev set, rendered.
_RSS = """
import json, resource, sys
from pathlib import Path
from bot.engine import load_engine
from bot.evaluation import load_cases
from bot.render import render_html, render_plain
engine, problems = load_engine(Path(sys.argv[1]), Path(sys.argv[2]))
examples = engine.examples(3)
for case in load_cases(Path(sys.argv[3])):
    answer = engine.answer(case.question)
    render_html(answer, engine.article, examples)
    render_plain(answer, engine.article, examples)
# VmHWM belongs to this process image alone; ru_maxrss also counts the parent's memory
# at the fork that started us (Linux keeps it across exec).
try:
    status = Path("/proc/self/status").read_text()
    peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"maxrss_kib": peak}))
"""


@dataclass(frozen=True, slots=True)
class ColdStart:
    """Medians over fresh interpreters, in seconds."""

    runs: int
    import_s: float
    load_s: float
    index_s: float
    first_answer_s: float
    process_s: float  # the whole ``python -c`` from outside, interpreter start-up included

    @property
    def total_s(self) -> float:
        """Import + load + index: the time before the first answer can be given."""
        return self.import_s + self.load_s + self.index_s

    def as_json(self) -> dict[str, float]:
        return {
            "runs": self.runs,
            "import_s": round(self.import_s, 4),
            "load_s": round(self.load_s, 4),
            "index_s": round(self.index_s, 4),
            "total_s": round(self.total_s, 4),
            "first_answer_s": round(self.first_answer_s, 4),
            "process_s": round(self.process_s, 4),
        }


def _python(code: str, *args: str, timeout: float = 300) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), elapsed


def cold_start(article: Path, table: Path, runs: int) -> ColdStart:
    """Median import, load and index times over ``runs`` fresh interpreters."""
    samples = [_python(_COLD, str(article), str(table)) for _ in range(runs)]

    def med(key: str) -> float:
        return float(statistics.median(s[key] for s, _ in samples))

    return ColdStart(
        runs=runs,
        import_s=med("import"),
        load_s=med("load"),
        index_s=med("index"),
        first_answer_s=med("first_answer"),
        process_s=statistics.median(elapsed for _, elapsed in samples),
    )


def reload_seconds(article: Path, table: Path, runs: int) -> list[float]:
    """Wall time of ``EngineStore.reload()`` (re-read, validate, index, swap), ``runs`` times."""
    from bot.store import EngineStore

    store = EngineStore.open(article, table)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        result = store.reload()
        out.append(time.perf_counter() - start)
        if not result.ok:
            raise RuntimeError("reload failed: " + "; ".join(map(str, result.problems)))
    return out


def peak_rss_mb(article: Path, table: Path, devset: Path) -> float:
    """Peak resident memory (MB of 10⁶ bytes) of a fresh interpreter that loads the
    engine and answers (and renders) the whole development set."""
    out, _ = _python(_RSS, str(article), str(table), str(devset))
    return out["maxrss_kib"] * 1024 / 1e6
