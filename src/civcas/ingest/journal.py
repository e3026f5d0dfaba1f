"""The progress journal of one batch ingest, so `civcas ingest --resume` picks up where it stopped.

One file per list of inputs, `<data_dir>/ingest-journal/<hash>.json`: its state, written
with `os.replace` (a reader sees the old file or the new one, never half of one), then one
JSON line appended after every committed report (a rename per report costs more than the
report's own commit on some file systems; an append is one small write, and a line cut
off by a crash is simply not read). A line is written only after the database commit, so
the journal may lag behind the database but never run ahead of it; a lagging journal
costs a few "already stored" reports on resume, nothing more, because storing is
deduplicated by the report's hash.

For each input it keeps how many items (reports and unreadable rows) are done, and the
origin and hash of the last one. Resuming trusts that count only when the item at that
position still has the same origin (the file was not edited) and its report is in the
database (a database restored from an older backup, or a commit lost to a power cut,
would otherwise leave a hole); otherwise that input is read again from its start.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

JOURNAL_DIR = "ingest-journal"
FORMAT = 1


def input_key(value: str) -> str:
    """The input as the journal names it: files by absolute path, so the cwd does not matter."""
    value = value.strip()
    if "://" in value:
        return value
    return str(Path(value).resolve())


def journal_path(data_dir: Path, inputs: list[str], kind: str) -> Path:
    body = json.dumps([FORMAT, kind, [input_key(v) for v in inputs]], ensure_ascii=False)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]
    return data_dir / JOURNAL_DIR / f"{digest}.json"


@dataclass
class InputProgress:
    input: str
    items: int = 0  # reports and problems handled, in reading order
    complete: bool = False
    last_origin: str | None = None
    last_sha256: str | None = None  # None when the last item was an unreadable row


@dataclass
class Journal:
    path: Path
    kind: str
    inputs: list[InputProgress]
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "same": 0, "problems": 0})
    _file: TextIO | None = field(default=None, repr=False)

    @classmethod
    def start(cls, data_dir: Path, inputs: list[str], kind: str) -> Journal:
        path = journal_path(data_dir, inputs, kind)
        return cls(path, kind, [InputProgress(input_key(v)) for v in inputs])

    @classmethod
    def resume(cls, data_dir: Path, inputs: list[str], kind: str) -> Journal | None:
        """The journal a stopped run left for these same inputs, or None (none, or unreadable)."""
        fresh = cls.start(data_dir, inputs, kind)
        try:
            lines = fresh.path.read_text(encoding="utf-8").split("\n")
            data = json.loads(lines[0])
            if data.get("format") != FORMAT or data.get("kind") != kind:
                return None
            progress = [InputProgress(**p) for p in data["inputs"]]
            counts = {k: int(v) for k, v in data["counts"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            # A missing or damaged journal only means starting over; dedup keeps that safe.
            return None
        if [p.input for p in progress] != [p.input for p in fresh.inputs]:
            return None
        journal = cls(fresh.path, kind, progress, counts)
        for line in lines[1:]:
            try:
                journal._apply(json.loads(line))
            except (ValueError, KeyError, TypeError, IndexError):
                break  # the line a crash cut off, and nothing after it
        journal.save()  # fold the appended lines into one state again
        return journal

    def _apply(self, step: dict[str, Any]) -> None:
        p = self.inputs[int(step["i"])]
        if step.get("complete"):
            p.complete = True
            return
        p.items = int(step["n"])
        p.last_origin = str(step["o"])
        p.last_sha256 = step["h"]
        outcome = str(step["c"])
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def done(self, index: int, origin: str, sha256: str | None, outcome: str) -> None:
        step = {"i": index, "n": self.inputs[index].items + 1, "o": origin, "h": sha256, "c": outcome}
        self._apply(step)
        self._append(step)

    def finish_input(self, index: int) -> None:
        step = {"i": index, "complete": True}
        self._apply(step)
        self._append(step)

    def restart_input(self, index: int) -> None:
        self.inputs[index] = InputProgress(self.inputs[index].input)
        self.save()

    def _append(self, step: dict[str, Any]) -> None:
        if self._file is None:
            self.save()  # the state it writes already holds this step
            return
        # One write per line, flushed at once: the OS has it even if this process is killed next.
        self._file.write("\n" + json.dumps(step, ensure_ascii=False))
        self._file.flush()

    def save(self) -> None:
        """Write the whole state as one line, atomically; later steps are appended to it."""
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "format": FORMAT,
            "kind": self.kind,
            "inputs": [asdict(p) for p in self.inputs],
            "counts": self.counts,
        }
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)
        self._file = self.path.open("a", encoding="utf-8")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
