"""Which structured-output mode each server accepts, remembered across processes in a small JSON file.

A server that refuses ``json_schema`` (llama.cpp's answers HTTP 500) refuses it every time: once one process
learned that, the next one starts at the mode that worked instead of paying for the refusal again.
"""

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal, get_args

log = logging.getLogger("reviewer.llm")

OutputMode = Literal["json_schema", "json_object", "text"]
MODES: tuple[OutputMode, ...] = get_args(OutputMode)
HOSTED = "https://api.openai.com/v1"


def default_state_dir() -> Path:
    """``$XDG_CACHE_HOME/reviewer``, else ``~/.cache/reviewer``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reviewer"


class ModeMemory:
    """The first mode to try per server and model, read from and written to ``<dir>/output-modes.json``."""

    def __init__(self, directory: Path | None) -> None:
        self.path = (directory or default_state_dir()) / "output-modes.json"

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def first_mode(self, server: str | None, model: str | None) -> OutputMode:
        """The mode this server last accepted; ``json_schema`` for a server never seen."""
        mode = self._read().get(f"{server or HOSTED} {model}")
        for known in MODES:
            if mode == known:
                return known
        return "json_schema"

    def remember(self, server: str | None, model: str | None, mode: OutputMode) -> None:
        """Record the mode that worked; a cache that cannot be written costs only the next process a refusal."""
        data = self._read()
        key = f"{server or HOSTED} {model}"
        if data.get(key) == mode:
            return
        data[key] = mode
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, delete=False, encoding="utf-8") as tmp:
                json.dump(data, tmp, indent=1, sort_keys=True)
            os.replace(tmp.name, self.path)
        except OSError as exc:
            log.info("cannot remember the output mode in %s (%s)", self.path, exc)
