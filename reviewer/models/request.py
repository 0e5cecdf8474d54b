from typing import Literal

from pydantic import Field, field_validator

from reviewer.models._base import StrictModel
from reviewer.models.context import CustomerContext

Channel = Literal["email", "sms", "push", "chat", "ivr"]


class Message(StrictModel):
    channel: Channel
    subject: str | None = None
    body: str
    template: bool = Field(
        default=False, description="True when merge tags are expected and the sender's platform fills them."
    )

    @field_validator("body")
    @classmethod
    def _body_not_blank(cls, body: str) -> str:
        if not body.strip():
            raise ValueError("the message body is empty; paste the draft text into message.body")
        return body


class ReviewRequest(StrictModel):
    message: Message
    context: CustomerContext = Field(default_factory=CustomerContext)
    rubrics: list[str] | None = Field(default=None, description="Default: all installed rubrics.")
    rewrite: bool = True
