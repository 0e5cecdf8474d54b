"""A one-line progress bar on stderr: done, total, rate and time left."""

import sys
import time
from typing import TextIO

_WIDTH = 24


class Progress:
    """Redrawn at most five times a second; silent when disabled."""

    def __init__(self, total: int, *, enabled: bool, done: int = 0, stream: TextIO = sys.stderr) -> None:
        self.total, self.enabled, self.stream = total, enabled, stream
        self.start_done = self.done = done
        self.started = self.last = time.monotonic()

    def update(self, n: int) -> None:
        """Count ``n`` more recipients."""
        self.done += n
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        """The bar as text."""
        elapsed = max(now - self.started, 1e-9)
        rate = (self.done - self.start_done) / elapsed
        share = min(1.0, self.done / self.total) if self.total else 0.0
        left = (self.total - self.done) / rate if rate > 0 and self.total >= self.done else 0.0
        bar = "#" * int(share * _WIDTH)
        return (
            f"[{bar:<{_WIDTH}}] {self.done:,}/{self.total:,} recipients  {rate:,.0f}/s  "
            f"left {int(left) // 60}:{int(left) % 60:02d}  "
        )

    def close(self) -> None:
        """End the line."""
        if self.enabled:
            self.stream.write("\r" + self.line(time.monotonic()) + "\n")
            self.stream.flush()
