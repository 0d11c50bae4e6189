"""`medcite chat`: a terminal conversation over one Conversation."""

from __future__ import annotations

import typer

from app.answer.engine import Conversation, Engine
from app.answer.types import Answer
from app.cli.failure import one_line_errors
from app.cli.render import answer_extras, sources_text

HELP = "Ask a question. /new starts over, /sources shows the last sources, Ctrl-D exits."


def run_chat(engine: Engine) -> None:
    conversation = Conversation(engine)
    typer.echo(HELP)
    while True:
        try:
            line = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if not line:
            continue
        if line == "/new":
            conversation.reset()
            typer.echo("New conversation.")
        elif line == "/sources":
            last = conversation.turns[-1] if conversation.turns else None
            typer.echo(sources_text(last) if last else "No answer yet.")
        elif line.startswith("/"):
            typer.echo(HELP)
        else:
            with one_line_errors(engine.settings.index.index_dir, exit_code=None):
                typer.echo(answer_extras(_stream(conversation, line)))


def _stream(conversation: Conversation, question: str) -> Answer:
    typer.echo("medcite> ", nl=False)
    answer = None
    try:
        for item in conversation.ask_stream(question):
            if isinstance(item, Answer):
                answer = item
            else:
                typer.echo(item, nl=False)
    finally:
        typer.echo("")  # an error line, if one follows, starts on a line of its own
    if answer is None:
        raise RuntimeError("the engine finished without an answer")
    return answer
