"""Dependencies, declared once as Annotated aliases: the service, as each kind of route may use it.

Each is one ``async def`` node: FastAPI runs a plain ``def`` dependency in a worker thread, and resolves every
node of a dependency chain on each request; both cost more than the trivial work done here.
"""

from typing import Annotated

from fastapi import Depends, Header, Request

from reviewer.api.security import authenticate
from reviewer.api.service import ReviewService


async def get_service(request: Request) -> ReviewService:
    """The app's service object."""
    service: ReviewService = request.app.state.service
    return service


def _identity(request: Request, service: ReviewService, authorization: str | None) -> str:
    host = request.client.host if request.client else None
    return authenticate(service.settings, authorization, host)


async def authenticated_service(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> ReviewService:
    """The service, for an authenticated caller (401/403 otherwise)."""
    service: ReviewService = request.app.state.service
    _identity(request, service, authorization)
    return service


async def admitted_service(request: Request, authorization: Annotated[str | None, Header()] = None) -> ReviewService:
    """The service, for an authenticated caller within its rate limit (429 with Retry-After otherwise)."""
    service: ReviewService = request.app.state.service
    service.limiter.check(_identity(request, service, authorization))
    return service


async def identified_service(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> tuple[ReviewService, str]:
    """The service and the caller's identity, for a route that charges its own rate-limit cost (a batch)."""
    service: ReviewService = request.app.state.service
    return service, _identity(request, service, authorization)


async def metrics_service(request: Request, authorization: Annotated[str | None, Header()] = None) -> ReviewService:
    """The service, for /metrics: open, or with REVIEWER_METRICS_REQUIRE_KEY authenticated like /v1/info."""
    service: ReviewService = request.app.state.service
    if service.settings.metrics_require_key:
        _identity(request, service, authorization)
    return service


ServiceDep = Annotated[ReviewService, Depends(get_service)]
AuthenticatedDep = Annotated[ReviewService, Depends(authenticated_service)]
AdmittedDep = Annotated[ReviewService, Depends(admitted_service)]
IdentifiedDep = Annotated[tuple[ReviewService, str], Depends(identified_service)]
MetricsDep = Annotated[ReviewService, Depends(metrics_service)]
