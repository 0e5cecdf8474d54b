"""The HTTP service (FastAPI) and the copywriter's web page."""

from reviewer.api.app import create_app

__all__ = ["create_app"]
