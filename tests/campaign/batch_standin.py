"""A stand-in for OpenAI's Files and Batches endpoints, over HTTP on 127.0.0.1, for the real ``openai`` client.

It stores uploaded files, runs a batch after a few polls by answering every line with ``answer(body)``, and can
play a batch that fails validation or expires half done (the rest in the error file, as OpenAI does), and refuse
to create more than ``max_batches`` batches (HTTP 400, as OpenAI does past a model's enqueued-token limit).
"""

import email.parser
import email.policy
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from reviewer.testing.openai_standin import chat_completion


def minimal(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """The smallest answer that matches a JSON schema: no evidence, score 0. Follows the judge's schema as it is."""
    root = root or schema
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return minimal(target, root)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if isinstance(kind, list):
        return None if "null" in kind else minimal({**schema, "type": kind[0]}, root)
    if kind == "object":
        required = schema.get("required", [])
        return {k: minimal(v, root) for k, v in schema.get("properties", {}).items() if k in required}
    return {"array": [], "string": "Nothing to flag.", "integer": 0, "number": 0, "boolean": False}.get(str(kind))


def clean(body: dict[str, Any]) -> Any:
    """A clean judgement for whatever the request's schema asks."""
    return minimal(body["response_format"]["json_schema"]["schema"])


class BatchStandin:
    """``mode``: "complete", "fail" or "expire"; ``polls`` in_progress answers before the batch ends."""

    def __init__(self, mode: str = "complete", polls: int = 2, answer: Callable[[dict[str, Any]], Any] | None = None):
        self.mode, self.polls, self.answer = mode, polls, answer or clean
        self.max_batches: int | None = None
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.uploads: list[bytes] = []
        self._seen_polls: dict[str, int] = {}
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, raw: bool = False) -> None:
                data = body if raw else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/octet-stream" if raw else "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers["content-length"]))
                if self.path.endswith("/files"):
                    self._send(200, standin._upload(self.headers["content-type"], data))
                elif self.path.endswith("/batches") and len(standin.batches) == standin.max_batches:
                    message = "Enqueued token limit reached for gpt-4o-mini. Wait for a batch to finish."
                    self._send(400, {"error": {"message": message, "type": "invalid_request_error", "code": None}})
                elif self.path.endswith("/batches"):
                    self._send(200, standin._create(json.loads(data)))
                else:
                    self._send(404, {"error": {"message": "no such endpoint"}})

            def do_GET(self) -> None:
                if m := re.search(r"/files/([^/]+)/content$", self.path):
                    self._send(200, standin.files[m.group(1)], raw=True)
                elif m := re.search(r"/batches/([^/]+)$", self.path):
                    self._send(200, standin._poll(m.group(1)))
                else:
                    self._send(404, {"error": {"message": "no such endpoint"}})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "BatchStandin":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _file(self, content: bytes, name: str, purpose: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = content
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }

    def _upload(self, content_type: str, data: bytes) -> dict[str, Any]:
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"content-type: {content_type}\r\n\r\n".encode() + data
        )
        parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
        content = parts["file"].get_payload(decode=True)
        self.uploads.append(content)
        return self._file(content, "batch.jsonl", str(parts["purpose"].get_payload(decode=True).decode()))

    def _create(self, request: dict[str, Any]) -> dict[str, Any]:
        batch_id = f"batch_{len(self.batches) + 1}"
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": request["endpoint"],
            "input_file_id": request["input_file_id"],
            "completion_window": request["completion_window"],
            "status": "validating",
            "created_at": int(time.time()),
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
        }
        return self.batches[batch_id]

    def _poll(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        seen = self._seen_polls[batch_id] = self._seen_polls.get(batch_id, 0) + 1
        if seen <= self.polls or batch["status"] in ("completed", "failed", "expired"):
            if batch["status"] == "validating":
                batch["status"] = "in_progress"
            return batch
        lines = [json.loads(x) for x in self.files[batch["input_file_id"]].splitlines() if x.strip()]
        if self.mode == "fail":
            batch["status"] = "failed"
            batch["errors"] = {
                "object": "list",
                "data": [{"code": "invalid_model", "message": "no such model", "line": 1}],
            }
            return batch
        answered = lines if self.mode == "complete" else lines[: len(lines) // 2]
        out = [
            {
                "id": f"req-{i}",
                "custom_id": line["custom_id"],
                "response": {
                    "status_code": 200,
                    "request_id": f"r{i}",
                    "body": chat_completion(json.dumps(self.answer(line["body"]))),
                },
                "error": None,
            }
            for i, line in enumerate(answered)
        ]
        errors = [
            {
                "id": f"err-{i}",
                "custom_id": line["custom_id"],
                "response": None,
                "error": {
                    "code": "batch_expired",
                    "message": "This request could not be executed before the completion window expired.",
                },
            }
            for i, line in enumerate(lines[len(answered) :])
        ]
        batch["output_file_id"] = self._file("\n".join(map(json.dumps, out)).encode(), "out.jsonl", "batch_output")[
            "id"
        ]
        if errors:
            batch["error_file_id"] = self._file(
                "\n".join(map(json.dumps, errors)).encode(), "err.jsonl", "batch_output"
            )["id"]
        batch["status"] = "completed" if self.mode == "complete" else "expired"
        batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(errors)}
        return batch
