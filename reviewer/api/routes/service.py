"""GET /v1/rubrics, /healthz, /readyz and /metrics."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from reviewer import __version__
from reviewer.api.deps import AuthenticatedDep, MetricsDep, ServiceDep
from reviewer.catalogue import build_catalogue

router = APIRouter(tags=["service"])

API_VERSION = 1


@router.get("/v1/info", summary="Who answers: service, version, API version, judge (checks the API key)")
async def info(service: AuthenticatedDep) -> dict[str, Any]:
    """What a client checks before use: the key works and the service speaks the API version it expects.

    Authenticated like a review but not rate-limited, so a client's connection test does not spend its quota.
    """
    return {
        "service": "reviewer",
        "version": __version__,
        "api_version": API_VERSION,
        "judge": service.reviewer.judge.name,
        "model": service.reviewer.judge.model,
        "streaming": True,
    }


@router.get("/v1/rubrics", summary="Installed rubrics, versions and scale descriptions")
async def rubrics(service: ServiceDep) -> dict[str, Any]:
    """Every rubric with its 0-4 anchors, every finding category, and the prompt versions in force.

    Clients (the page, the extension) list rubrics and label findings from this answer, so a brand's rubric file in
    REVIEWER_PROMPTS_DIR shows up in them without a client change.
    """
    prompts = service.reviewer.prompts
    return {
        "rubrics": [r.public() for r in prompts.rubrics.values()],
        "categories": [
            {"id": c.id, "title": c.title, "description": c.description, "kind": c.kind}
            for c in build_catalogue(prompts).categories
        ],
        "prompt_versions": prompts.versions(prompts.rubrics.values()),
        "judge": service.reviewer.judge.name,
        "model": service.reviewer.judge.model,
    }


@router.get("/healthz", summary="Liveness")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness", responses={503: {"description": "Not ready, with the reason"}})
async def readyz(service: ServiceDep) -> JSONResponse:
    """Rubrics loaded and, when an LLM is configured, the server reachable (checked once per REVIEWER_READY_CHECK_S)."""
    status = await service.ready()
    return JSONResponse(status, status_code=200 if status["ready"] else 503)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(service: MetricsDep) -> Response:
    """Requests, latencies, verdicts, LLM tokens and errors, cache hits, degraded answers.

    Open by default, for a scraper on the same network; REVIEWER_METRICS_REQUIRE_KEY=true asks for an API key.
    """
    return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)
