"""Dependencies, declared once as Annotated aliases."""

from typing import Annotated

from fastapi import Depends, Header, Request

from reviewer.api.security import authenticate
from reviewer.api.service import ReviewService


def get_service(request: Request) -> ReviewService:
    """The app's service object."""
    service: ReviewService = request.app.state.service
    return service


def require_caller(
    request: Request,
    service: Annotated[ReviewService, Depends(get_service)],
    authorization: Annotated[str | None, Header()] = None,
) -> str:
    """The authenticated, rate-limited caller's identity."""
    host = request.client.host if request.client else None
    identity = authenticate(service.settings, authorization, host)
    service.limiter.check(identity)
    return identity


ServiceDep = Annotated[ReviewService, Depends(get_service)]
CallerDep = Annotated[str, Depends(require_caller)]
