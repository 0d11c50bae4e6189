"""The LLM path through the real OpenAI client (langchain-openai) against an OpenAI-compatible server started
on 127.0.0.1 by the test: good and bad streamed answers, an error reply, a stall and a dropped stream."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.answer.engine import Engine
from app.answer.types import Answer

pytest.importorskip("langchain_openai")
QUESTION = "Is vertebroplasty recommended?"


class Canned(BaseHTTPRequestHandler):
    """/v1/chat/completions with stream=true, answering as the server's `mode` says."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = self.server.mode
        if mode == "error":
            body = json.dumps({"error": {"message": "model overloaded", "type": "server_error"}}).encode()
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        text = {"good": "Vertebroplasty is not recommended [1].",
                "bad_citation": "Vertebroplasty is not recommended [7].",
                "stall": "Vertebroplasty is", "drop": "Vertebroplasty is not"}[mode]
        for word in text.split(" "):
            self._event({"content": word + " "})
        if mode == "stall":
            time.sleep(self.server.stall_s)
        if mode == "drop":
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)  # mid-stream, no [DONE]
            return
        self._event({}, finish="stop")
        self.wfile.write(b"data: [DONE]\n\n")

    def _event(self, delta: dict, finish: str | None = None) -> None:
        chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "canned",
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.flush()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Canned)
    httpd.mode, httpd.stall_s = "good", 5.0
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()


def llm_engine(engine: Engine, base_url: str, timeout: float = 2.0) -> Engine:
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(model="canned", base_url=base_url, api_key="test-key", timeout=timeout, max_retries=0,
                       temperature=0)
    return Engine(engine.settings.with_(llm_timeout=timeout), embedder=engine.embedder, index=engine.index,
                  chat_model=model)


def ask(engine: Engine) -> tuple[str, Answer]:
    items = list(engine.ask_stream(QUESTION))
    return "".join(i for i in items if isinstance(i, str)), items[-1]


def test_a_good_streamed_answer_is_the_llms(engine, server) -> None:
    server.mode = "good"
    _, answer = ask(llm_engine(engine, f"http://127.0.0.1:{server.server_port}/v1"))
    assert answer.answerer == "llm" and answer.text == "Vertebroplasty is not recommended [1]."


def test_a_citation_to_no_passage_is_removed_and_flagged(engine, server) -> None:
    server.mode = "bad_citation"
    _, answer = ask(llm_engine(engine, f"http://127.0.0.1:{server.server_port}/v1"))
    assert "[7]" not in answer.text and answer.flagged and not answer.citations


@pytest.mark.parametrize("mode, why", [("error", "Error code: 500 - model overloaded"), ("stall", "no reply within 1 s"),
                                       ("drop", "did not answer")])
def test_a_failing_server_gives_the_quoted_answer_with_one_notice(engine, server, mode: str, why: str) -> None:
    server.mode = mode
    streamed, answer = ask(llm_engine(engine, f"http://127.0.0.1:{server.server_port}/v1", timeout=1.0))
    notice = answer.text.splitlines()[0]
    assert notice.startswith("The LLM at ") and why in notice and notice.endswith("showing quoted statements.")
    assert answer.answerer == "extractive" and answer.citations and "Traceback" not in streamed
    assert "not recommended" in answer.text.split("\n\n", 1)[1]  # the extractive answer follows
    assert notice in streamed  # the half-streamed text is followed by the notice, never left as the answer


def test_an_unreachable_server_is_reported_at_once(engine) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    started = time.perf_counter()
    _, answer = ask(llm_engine(engine, f"http://127.0.0.1:{port}/v1", timeout=5.0))
    assert time.perf_counter() - started < 5.0
    assert "cannot be reached" in answer.text.splitlines()[0] and answer.citations


def test_the_timeout_setting_is_read_and_checked() -> None:
    from app.answer.settings import Settings
    from ingest.errors import ConfigError

    assert Settings.from_env({"MEDCITE_LLM_TIMEOUT": "7.5"}).llm_timeout == 7.5
    with pytest.raises(ConfigError, match="MEDCITE_LLM_TIMEOUT"):
        Settings.from_env({"MEDCITE_LLM_TIMEOUT": "0"})


def test_medcite_ask_with_its_llm_server_down_is_one_line_then_the_quoted_answer(corpus_settings, monkeypatch) -> None:
    from typer.testing import CliRunner

    from app.cli import cli

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for key, value in {"MEDCITE_INDEX_DIR": str(corpus_settings.index_dir), "MEDCITE_LLM": "openai:gpt-4o-mini",
                       "OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1"}.items():
        monkeypatch.setenv(key, value)
    out = CliRunner().invoke(cli, ["ask", QUESTION])
    assert out.exit_code == 0 and "Traceback" not in out.output
    assert out.output.splitlines()[0] == (f"The LLM at openai:gpt-4o-mini (http://127.0.0.1:{port}/v1) did not "
                                          "answer: it cannot be reached; check that the server runs; showing "
                                          "quoted statements.")
    assert "not recommended" in out.output
