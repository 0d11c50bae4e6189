"""`medcite chat`: a terminal conversation over one Conversation."""

from __future__ import annotations

import typer

from app.answer.engine import Conversation, Engine
from app.cli.render import answer_extras, sources_text
from app.answer.types import Answer

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
            answer = _stream(conversation, line)
            typer.echo(answer_extras(answer))


def _stream(conversation: Conversation, question: str) -> Answer:
    typer.echo("medcite> ", nl=False)
    answer = None
    for item in conversation.ask_stream(question):
        if isinstance(item, Answer):
            answer = item
        else:
            typer.echo(item, nl=False)
    typer.echo("")
    assert answer is not None
    return answer
