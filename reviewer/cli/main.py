"""The ``reviewer`` command line (docs/CONTRACT.md)."""

import argparse
import difflib
import json
import logging
import os
import re
import sys
import typing
from collections.abc import Sequence

from pydantic import ValidationError

from reviewer import __version__
from reviewer.cli.inputs import load_request
from reviewer.errors import ReviewerError, describe_validation
from reviewer.settings import Settings


def _settings(judge: str | None) -> Settings:
    try:
        settings = Settings()
    except ValidationError as exc:
        raise ReviewerError(describe_validation(exc, "bad REVIEWER_* setting: ")) from None
    return settings.model_copy(update={"judge": judge}) if judge else settings


def _cmd_review(args: argparse.Namespace) -> int:
    from reviewer.cli.render_text import render
    from reviewer.cli.sarif import to_sarif
    from reviewer.service import ReviewCore

    request, name, request_json = load_request(args.file, args.context, args.channel, args.subject)
    if args.no_rewrite:
        request = request.model_copy(update={"rewrite": False})
    # The service's own review path: the draft limit, the deadline and the rules fallback, as over HTTP.
    service = ReviewCore(_settings(args.judge))
    result = service.review_sync(request)
    msg = request.message
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    elif args.format == "sarif":
        print(
            json.dumps(
                to_sarif(
                    result,
                    name,
                    msg.body,
                    msg.subject,
                    body_is_file=args.context is not None,
                    catalogue=service.catalogue,
                    request_json=request_json,
                ),
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        sys.stdout.write(render(result, msg.body, msg.subject))
    rank = {"pass": 0, "revise": 1, "block": 2}
    unknown = [f"{rid} ({s.unscored_reason})" for rid, s in result.scores.items() if s.unscored_reason is not None]
    if unknown and args.fail_on:
        # An unscored rubric may hide anything up to a block: the gate cannot say it passed.
        print(f"verdict unknown: {', '.join(unknown)} unscored; --fail-on {args.fail_on} fails", file=sys.stderr)
        return 1
    return 1 if args.fail_on and rank[result.verdict] >= rank[args.fail_on] else 0


def _cmd_rubrics(args: argparse.Namespace) -> int:
    from reviewer.rubrics import load_prompts

    prompts = load_prompts(_settings(None).prompts_dir)
    if args.format == "json":
        print(json.dumps([{**r.public(), "path": r.path} for r in prompts.rubrics.values()], indent=2))
        return 0
    print(f"{'rubric':<16}{'version':<10}description")
    for r in prompts.rubrics.values():
        print(f"{r.id:<16}{r.version:<10}{r.description}")
    print(f"\nprompts: judge {prompts.judge.version}, rewrite {prompts.rewrite.version}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from reviewer.cli.eval_cmd import run_eval

    return run_eval(args, _settings(args.judge if not args.replay else "llm"))


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from reviewer.api import create_app
    from reviewer.api.server import configure_logging, server_config

    settings = _settings(None)
    if args.open_access:
        settings = settings.model_copy(update={"open_access": True})
    if not settings.api_key_hashes() and not settings.open_access:
        raise ReviewerError(
            "no API keys configured: set REVIEWER_API_KEYS to SHA-256 digests of your keys, or pass --open-access "
            "to serve unauthenticated clients on 127.0.0.1 only"
        )
    configure_logging(settings)
    app = create_app(settings)
    who = "127.0.0.1 clients without a key" if not settings.api_key_hashes() else "clients with an API key"
    print(
        f"reviewer {__version__}: judge {app.state.service.reviewer.judge.name}, serving {who} at "
        f"http://{args.host}:{args.port}/",
        file=sys.stderr,
    )
    uvicorn.Server(server_config(app, settings, args.host, args.port)).run()
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one line that names the fix (and a close match for a misspelt choice)."""

    def error(self, message: str) -> typing.NoReturn:
        """One line on stderr and exit 2, instead of the usage block."""
        bad = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if bad:
            choices = re.findall(r"'?([\w-]+)'?", bad.group(2))
            close = difflib.get_close_matches(bad.group(1), choices, 1)
            if close:
                message += f"; did you mean '{close[0]}'?"
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(prog="reviewer", description="Review personalized customer messages.")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add_judge(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument(
            "--judge", choices=["auto", "rules", "llm"], help="auto (default): llm when a key or base URL is set"
        )

    review = sub.add_parser("review", help="review one draft")
    review.add_argument("file", metavar="FILE|-", help="a review request (JSON), or plain text with --context")
    review.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    add_judge(review)
    review.add_argument("--context", metavar="CTX.json", help="customer context; FILE is then the plain-text body")
    review.add_argument(
        "--channel",
        choices=["email", "sms", "push", "chat", "ivr"],
        help="channel of a plain-text draft (default: email)",
    )
    review.add_argument("--subject", help="subject of a plain-text draft")
    review.add_argument("--no-rewrite", action="store_true", help="skip the suggested rewrite")
    review.add_argument("--fail-on", choices=["revise", "block"], help="exit 1 at or above this verdict")
    review.set_defaults(func=_cmd_review)

    serve = sub.add_parser("serve", help="start the HTTP API and the web page")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--open-access", action="store_true", help="no API key needed, for 127.0.0.1 clients only")
    serve.set_defaults(func=_cmd_serve)

    rubrics = sub.add_parser("rubrics", help="list installed rubrics with their versions")
    rubrics.add_argument("--format", choices=["text", "json"], default="text")
    rubrics.set_defaults(func=_cmd_rubrics)

    ev = sub.add_parser("eval", help="run labelled eval cases and report agreement")
    from reviewer.cli.eval_cmd import add_arguments

    add_arguments(ev)
    add_judge(ev)
    ev.set_defaults(func=_cmd_eval)

    from reviewer.campaign.cli import add_arguments as add_campaign
    from reviewer.campaign.cli import run as run_campaign

    campaign = sub.add_parser("campaign", help="review every recipient of a campaign (template + recipients)")
    add_campaign(campaign)
    add_judge(campaign)
    campaign.set_defaults(func=lambda args: run_campaign(args, _settings(args.judge)))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: one-line errors, never a traceback, for anything the user can fix."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except ReviewerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): not an error of ours; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail again
        return 0
    except Exception as exc:  # a bug, not bad input: one line, the traceback only on request
        if os.environ.get("REVIEWER_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set REVIEWER_DEBUG=1 for the traceback)", file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
