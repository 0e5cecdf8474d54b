"""Prometheus metrics, on a registry per app so several apps (tests) never collide."""

from prometheus_client import CollectorRegistry, Counter, Histogram

from reviewer.models import ReviewResult


class Metrics:
    """The service's counters and histograms."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("reviewer_requests_total", "HTTP requests", ["route", "status"], registry=r)
        self.latency = Histogram(
            "reviewer_request_seconds",
            "HTTP request latency",
            ["route"],
            registry=r,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.verdicts = Counter("reviewer_verdicts_total", "Review verdicts", ["verdict"], registry=r)
        self.tokens = Counter("reviewer_llm_tokens_total", "LLM tokens", ["kind"], registry=r)
        self.llm_errors = Counter("reviewer_llm_errors_total", "LLM calls that failed", ["reason"], registry=r)
        self.cache_hits = Counter("reviewer_cache_hits_total", "Reviews served from the cache", registry=r)
        self.degraded = Counter("reviewer_degraded_total", "Reviews answered without the LLM judge", registry=r)

    def observe(self, result: ReviewResult) -> None:
        """Count a finished review."""
        self.verdicts.labels(result.verdict).inc()
        if result.meta.tokens:
            self.tokens.labels("prompt").inc(result.meta.tokens.prompt)
            self.tokens.labels("completion").inc(result.meta.tokens.completion)
        if result.meta.degraded:
            self.degraded.inc()
            for score in result.scores.values():
                if score.unscored_reason:
                    self.llm_errors.labels(score.unscored_reason).inc()
