"""All configuration in one place: environment variables, REVIEWER_* for our own."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

JudgeName = Literal["auto", "rules", "llm"]


class Settings(BaseSettings):
    """Configuration from the environment; every field also reads ``REVIEWER_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="REVIEWER_", extra="ignore", populate_by_name=True)

    judge: JudgeName = "auto"
    model: str = "gpt-4o-mini"
    backend: str = Field(default="openai", description="The LLM judge's chat backend, by registered name.")
    langchain_model: str | None = Field(
        default=None, description="For backend=langchain: a chat model as module:attribute."
    )
    openai_api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(default=None, validation_alias=AliasChoices("OPENAI_BASE_URL"))
    prompts_dir: Path | None = Field(
        default=None, description="Extra rubric files, layered over the built-in prompts/."
    )

    llm_timeout_s: float = Field(
        default=30.0, gt=0, description="Seconds one LLM call may take (hosted: 30; a local CPU server: 600)."
    )
    llm_max_retries: int = Field(
        default=2, ge=0, description="Retries of a 429 or 5xx answer; a timed-out call is cancelled, never retried."
    )
    llm_seed: int = 7
    llm_max_tokens: int = Field(default=1200, gt=0)
    llm_max_answer_bytes: int | None = Field(
        default=None,
        ge=1024,
        description="Bytes of one LLM answer read at most; a longer answer is refused (unscored: answer_too_large). "
        "Default: 16 per REVIEWER_LLM_MAX_TOKENS token plus 4 KiB (23,296 at 1,200 tokens).",
    )
    llm_state_dir: Path | None = Field(
        default=None,
        description="Where the LLM backend remembers each server's structured-output mode across processes "
        "(default: $XDG_CACHE_HOME/reviewer or ~/.cache/reviewer).",
    )
    rewrite_attempts: int = Field(default=2, ge=1, description="Rewrite calls at most, each verified by one call.")
    sms_max_chars: int = Field(default=160, ge=20, description="A rewritten SMS must fit in this many characters.")
    push_max_chars: int = Field(default=120, ge=20, description="A rewritten push must fit in this many characters.")
    sentence_model: bool = Field(
        default=True, description="The embedded judge's learned sentence layer (off: rules only)."
    )
    ner: bool = Field(default=False, description="Mask unknown people's names with spaCy NER (extra: [ner]).")
    log_bodies: bool = Field(default=False, description="Debug only: logs message bodies and contexts.")

    # HTTP service
    api_keys: str = Field(default="", description="Comma-separated SHA-256 hex digests of accepted API keys.")
    open_access: bool = Field(default=False, description="Without keys, serve unauthenticated 127.0.0.1 clients.")
    rate_limit_per_minute: int = Field(default=120, ge=1)
    max_body_bytes: int = Field(default=262_144, ge=1024)
    max_draft_chars: int = Field(default=20_000, ge=100)
    max_batch: int = Field(default=20, ge=1)
    request_deadline_s: float = Field(default=60.0, gt=0, description="LLM review deadline before rules fallback.")
    cors_origins: str = Field(default="", description="Comma-separated origins allowed by CORS; closed when empty.")
    redis_url: str | None = None
    cache_ttl_s: int = Field(default=3600, ge=0)
    cache_size: int = Field(default=1024, ge=0)
    cache_max_bytes: int = Field(default=64 * 1024 * 1024, ge=0, description="Memory cache bound, in bytes.")
    max_findings: int = Field(default=200, ge=1, description="Findings a review lists at most (most severe kept).")
    read_timeout_s: float = Field(default=10.0, gt=0, description="Time a client has to send headers, and body.")
    forwarded_allow_ips: str = Field(
        default="", description="Proxies trusted for X-Forwarded-For/-Proto (comma-separated); empty: ignored."
    )
    allowed_hosts: str = Field(
        default="", description="Host names accepted in open access besides 127.0.0.1, localhost and [::1]."
    )
    metrics_require_key: bool = Field(default=False, description="/metrics asks for an API key like /v1/info.")
    ready_check_s: float = Field(default=30.0, ge=0, description="How long /readyz reuses its LLM check.")
    access_log: bool = Field(default=False, description="One JSON line per request on reviewer.access (no bodies).")

    # Rule thresholds: a value past the threshold is flagged.
    max_messages_7_days: int = 3
    max_messages_30_days: int = 10
    max_feedback_requests_30_days: int = 1
    max_suggestions: int = 5
    max_first_name_uses: int = 2
    max_history_items: int = 2

    def api_key_hashes(self) -> frozenset[str]:
        """The configured API key digests."""
        return frozenset(h.strip().lower() for h in self.api_keys.split(",") if h.strip())

    def answer_limit(self) -> int:
        """The most bytes of one LLM answer that are read: ``llm_max_answer_bytes``, else derived from the tokens."""
        return self.llm_max_answer_bytes or 16 * self.llm_max_tokens + 4096

    def resolved_judge(self) -> Literal["rules", "llm"]:
        """``auto`` means llm when a key or base URL is configured, else the rules engine."""
        if self.judge != "auto":
            return self.judge
        return "llm" if (self.openai_api_key or self.openai_base_url) else "rules"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
