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

    llm_timeout_s: float = Field(default=30.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0)
    llm_seed: int = 7
    llm_max_tokens: int = Field(default=1200, gt=0)
    rewrite_attempts: int = Field(default=2, ge=1)
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

    def resolved_judge(self) -> Literal["rules", "llm"]:
        """``auto`` means llm when a key or base URL is configured, else the rules engine."""
        if self.judge != "auto":
            return self.judge
        return "llm" if (self.openai_api_key or self.openai_base_url) else "rules"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
