from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Input model: unknown fields are rejected instead of silently ignored."""

    model_config = ConfigDict(extra="forbid")
