"""A reader in its own process: ask questions in a loop until told to stop, and report every failure
(run as a child process by tests/test_crash_and_server.py while another process rebuilds the index)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

QUESTIONS = ["Is vertebroplasty recommended?", "How long is calcitonin given for acute pain?",
             "What are the side effects of NSAIDs?", "Is kyphoplasty recommended?"]


def main(index_dir: Path, stop: Path, minimum: int) -> None:
    from app.answer.engine import Engine
    from app.answer.settings import Settings
    from ingest.settings import IndexSettings

    engine = Engine(Settings(index=IndexSettings(index_dir=index_dir)))
    engine.ask(QUESTIONS[0])
    print("ready", flush=True)
    asked = []
    while len(asked) < minimum or not stop.exists():
        question = QUESTIONS[len(asked) % len(QUESTIONS)]
        started = time.time()
        try:
            answer = engine.ask(question)
            outcome = "abstained" if answer.abstained else "answered"
        except Exception as exc:  # what a user would have seen
            outcome = f"failed: {type(exc).__name__}: {exc}"
        asked.append({"at": started, "question": question, "outcome": outcome})
    print(json.dumps(asked), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
