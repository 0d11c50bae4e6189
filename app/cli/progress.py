"""One terminal progress bar for the commands: `with ProgressBar("Embedding") as tick: tick(done, total)`."""

from __future__ import annotations


class ProgressBar:
    """A transient rich bar that appears on the first tick; a no-op when disabled (e.g. JSON output)."""

    def __init__(self, label: str, disabled: bool = False) -> None:
        self.label, self.disabled = label, disabled
        self.bar = None
        self.task = None

    def __enter__(self):
        return self.tick

    def tick(self, done: int, total: int) -> None:
        if self.disabled:
            return
        if self.bar is None:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
