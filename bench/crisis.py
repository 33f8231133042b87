"""Crisis detection: recall and false alarms on the labelled corpus, and the cost per message.

Reads every file of tests/fixtures/crisis/: the tuned and trained-on files together (their
figures only show that nothing regressed), and holdout13.tsv on its own rows: written blind on
2026-12-04, measured once on arrival with the twelfth round's detector, never read, tuned or
trained on (`HELD_OUT`). The honest estimate
before a blind file comes is leave one blind file out: `python scripts/crisis_loco.py` (the
learned readers trained without the file, and the patterns of the day the file arrived, read
it; minutes of CPU, so not here). With the patterns alone and with the sentence
model (`flows.crisis_semantic`) loaded. Needs no stand-in and no network:
`python -m bench --only crisis`.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Plan, Row
from bench.standins import StandinClient
from flows import crisis
from flows.crisis_semantic import SemanticReader, State
from flows.normalize import canonical

CORPUS = ROOT / "tests" / "fixtures" / "crisis"
TUNED = (
    "tuning.tsv", "holdout.tsv", "holdout2.tsv", "holdout3.tsv", "holdout4.tsv", "holdout5.tsv",
    "holdout6.tsv", "holdout7.tsv", "holdout8.tsv", "holdout9.tsv", "holdout10.tsv",
    "holdout11.tsv", "holdout12.tsv", "semantic_extra.tsv",
)  # fmt: skip
HELD_OUT = "holdout13.tsv"
TARGET_RECALL = 0.98
TARGET_FALSE_ALARMS = 0.05
NOTES = [
    "Crisis detection: recall is the share of crisis lines of a corpus that get any crisis"
    " answer (not None); false alarms the share of everyday lines that get one. The targets"
    " (recall ≥ 98 %, false alarms ≤ 5 %) are checked on holdout13.tsv, written blind on"
    " 2026-12-04 by a helper who saw no pattern, model or corpus line (measured when it"
    " arrived, with the twelfth round's detector: 95.7 % / 5.0 %, 95.6 % / 5.1 % once 7 lines"
    " also in earlier files were dropped; the eleventh round's on it:"
    " 95.7 % / 4.7 %); the earlier blind"
    " sets, each measured on arrival"
    " and trained on since: holdout5 94.6 % / 1.5 %, holdout6 82.7 % / 4.3 %, holdout7 95.2 % /"
    " 3.4 %, holdout8 90.3 % / 4.8 %, holdout9 93.6 % / 5.9 %, holdout10 93.1 % / 9.1 %,"
    " holdout11 97.5 % / 4.3 %, holdout12 96.1 % / 5.1 %. Every other file is tuned and"
    " trained on. 'with the sentence model' loads it first."
    " Cost: CPU time of detect_crisis over every line of both files,"
    " divided by that of flows.normalize.canonical alone, best of several passes; 'cold'"
    " empties the per-token repair cache before each pass (every word new), 'warm' keeps it.",
]


@dataclass(frozen=True)
class Line:
    """One labelled message of the corpus."""

    label: str
    lang: str
    kind: str
    text: str


def load(path: Path) -> list[Line]:
    """The lines of a corpus file (header `label lang kind text`, tab-separated)."""
    with path.open(encoding="utf-8", newline="") as opened:
        reader = csv.DictReader(opened, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Line(r["label"], r["lang"], r["kind"], r["text"]) for r in reader]


def _figures(
    name: str, lines: list[Line], targets: bool, semantic: SemanticReader | None = None
) -> list[Row]:
    crises = [line for line in lines if line.label == "crisis"]
    everyday = [line for line in lines if line.label == "everyday"]
    caught = sum(1 for line in crises if crisis.detect_crisis(line.text, semantic) is not None)
    alarms = sum(1 for line in everyday if crisis.detect_crisis(line.text, semantic) is not None)
    recall = caught / len(crises) if crises else 0.0
    false_alarms = alarms / len(everyday) if everyday else 0.0
    return [
        Row(
            f"Crisis recall, {name}",
            f"{recall:.1%} ({caught}/{len(crises)})",
            f"≥ {TARGET_RECALL:.0%}" if targets else "",
            recall >= TARGET_RECALL if targets else None,
        ),
        Row(
            f"Crisis false alarms, {name}",
            f"{false_alarms:.1%} ({alarms}/{len(everyday)})",
            f"≤ {TARGET_FALSE_ALARMS:.0%}" if targets else "",
            false_alarms <= TARGET_FALSE_ALARMS if targets else None,
        ),
    ]


def _best_cpu(passes: int, work: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def cost_ratios(texts: list[str], passes: int) -> tuple[float, float]:
    """CPU time of detect_crisis / canonical over `texts`: cold cache, warm cache."""

    def baseline() -> None:
        for text in texts:
            canonical(text)

    def cold() -> None:
        crisis._repair.cache_clear()  # every token is new, as in a first message
        crisis.forget()  # and every message (the engine's check before the lock is memoized)
        for text in texts:
            crisis.detect_crisis(text)

    def warm() -> None:
        crisis.forget()
        for text in texts:
            crisis.detect_crisis(text)

    base = _best_cpu(passes, baseline)
    return _best_cpu(passes, cold) / base, _best_cpu(passes, warm) / base


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The crisis rows; `workdir` and `standins` are not needed."""
    tuning = [line for name in TUNED for line in load(CORPUS / name)]
    rows = _figures("other files, trained on (patterns)", tuning, targets=False)
    texts = [line.text for line in tuning]
    holdout = load(CORPUS / HELD_OUT)
    rows += _figures("holdout13, blind (patterns)", holdout, targets=True)
    texts += [line.text for line in holdout]
    cold, warm = cost_ratios(texts, passes=int(plan.pick(7, 3)))
    rows.append(
        Row(
            f"Crisis cost per message / canonical() alone ({len(texts)} messages)",
            f"{cold:.1f}× cold · {warm:.1f}× warm",
        )
    )
    semantic = SemanticReader()
    started = time.process_time()
    if semantic.load() is not State.READY:
        rows.append(Row("Crisis sentence model", "unavailable (not installed?)"))
        return rows
    rows.append(Row("Crisis sentence model: load, CPU", f"{time.process_time() - started:.1f} s"))
    rows += _figures("other files, trained on (with the sentence model)", tuning, False, semantic)
    rows += _figures("holdout13, blind (with the sentence model)", holdout, True, semantic)
    sample = [line.text for line in holdout]
    cpu = _best_cpu(int(plan.pick(3, 1)), lambda: [semantic.scores(text) for text in sample])
    rows.append(Row("Crisis sentence model: CPU per message", f"{cpu / len(sample) * 1000:.1f} ms"))
    return rows
