"""A seeded fuzz run over every parser and the extractor: no crash, no hang, bounded time per input.

Random bytes and text in both scripts, and pathological inputs for regular expressions (long
repetitions of trigger words, digits, separators and brackets), through the ingest readers of
every format and the whole extraction pipeline.
"""

from __future__ import annotations

import random
import time

from civcas.extract.pipeline import extract_report
from civcas.ingest.readers import read_content
from civcas.model.report import IncomingReport, IngestProblem
from tests.reliability_figures import Figures

SEED = 20261125
NAMES = ["r.txt", "r.html", "r.jsonl", "r.csv", "r.json", "r.xml", "r.rss", "r", "r.bin"]
WORDS = [
    "killed",
    "civilians",
    "at least",
    "between",
    "and",
    "children",
    "women",
    "injured",
    "airstrike",
    "near",
    "Mayadin",
    "Deir ez-Zor",
    "on Saturday",
    "12",
    "twelve",
    "dozens",
    "coalition",
    "said",
    "مقتل",
    "مدنيين",
    "أطفال",
    "غارة",
    "الميادين",
    "دير الزور",
    "أمس",
    "عشرات",
    "١٢",
    "بينهم",
    "التحالف",
    ",",
    ".",
    "(",
    ")",
    "-",
    "\n",
    "\n\n",
    '"',
    "<p>",
    "</p>",
    "{",
    "}",
    "\t",
]
PATHOLOGICAL = [
    "killed " * 4000,
    "١" * 20000,
    "1," * 15000,
    "(" * 5000 + ")" * 5000,
    "at least " * 3000 + "12",
    "between 1 and " * 2000,
    "قتل وجرح " * 3000,
    "A" * 100_000,
    "Al-" * 8000 + "Mayadin",
    "<" * 30000,
    "\n" * 50000 + "killed 3 civilians",
    "12 " * 20000 + "civilians killed",
]
# A hang guard, not a speed target: CPU seconds of this thread, so a loaded machine does not trip it,
# and far above the ~2 ms a report takes (catastrophic backtracking costs minutes, not seconds).
PER_INPUT_CPU_LIMIT_S = 10.0


def _random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 400)))


def _inputs(rng: random.Random, n: int) -> list[bytes]:
    found: list[bytes] = [p.encode() for p in PATHOLOGICAL]
    while len(found) < n:
        kind = rng.random()
        if kind < 0.3:
            found.append(rng.randbytes(rng.randint(0, 3000)))
        elif kind < 0.8:
            found.append(_random_text(rng).encode(rng.choice(["utf-8", "utf-8", "utf-16"]), "replace"))
        else:
            text = _random_text(rng)
            found.append(text.encode("cp1256", "replace"))
    return found


def test_parsers_and_extractor_survive_anything(figures: Figures) -> None:
    rng = random.Random(SEED)
    inputs = _inputs(rng, 800)
    reports = problems = 0
    slowest = 0.0
    for data in inputs:
        name = rng.choice(NAMES)
        t0 = time.thread_time()
        items = list(read_content(data, origin=f"fuzz/{name}", name=name))
        for item in items:
            assert isinstance(item, IncomingReport | IngestProblem)
            if isinstance(item, IngestProblem):
                problems += 1
                assert item.origin.startswith("fuzz/") and item.message
                continue
            reports += 1
            extraction = extract_report(id="fuzz", text=item.text, published=None)
            if extraction.incident is not None:
                for spans in extraction.incident.spans.values():
                    assert all(0 <= s <= e <= len(item.text) for s, e in spans)
        # Pathological inputs straight into the extractor too, not only through a reader.
        text = data.decode("utf-8", "replace")
        extract_report(id="fuzz-direct", text=text)
        elapsed = time.thread_time() - t0
        slowest = max(slowest, elapsed)
        assert elapsed < PER_INPUT_CPU_LIMIT_S, f"{name}: {elapsed:.1f} CPU s on {data[:60]!r}"
    figures.record(
        "Fuzz: every parser and the extractor",
        **{
            "inputs tried (seeded)": len(inputs),
            "of them pathological for regular expressions": len(PATHOLOGICAL),
            "reports read and extracted": reports,
            "problems reported, each naming its file and line": problems,
            "crashes": 0,
            "slowest input, read and extracted (CPU ms)": round(1000 * slowest),
        },
    )
