"""The one frozen settings object of the app, built at the edges from MEDCITE_* variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from ingest.errors import ConfigError
from ingest.settings import IndexSettings

MODES = ("hybrid", "dense", "keyword")


@dataclass(frozen=True)
class Settings:
    index: IndexSettings = field(default_factory=IndexSettings)
    k: int = 5
    candidates: int = 30
    mode: str = "hybrid"
    rrf_k: int = 5  # chosen on the public benchmarks' tuning halves (README, Evaluation)
    dense_weight: float = 1.0
    keyword_weight: float = 1.0
    llm: str | None = None  # "provider:model" for init_chat_model; None = extractive answers
    llm_api_key: str | None = field(default=None, repr=False)
    llm_timeout: float = 30.0  # seconds the chat model may take to connect or to send the next piece

    def with_(self, **changes: object) -> Settings:
        out = replace(self, **changes)
        out.validate()
        return out

    def validate(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"Unknown retrieval mode {self.mode!r}; use one of {', '.join(MODES)}.")
        if self.k < 1 or self.candidates < 1 or self.rrf_k < 1:
            raise ConfigError("k, candidates and MEDCITE_RRF_K must be at least 1.")
        if self.dense_weight < 0 or self.keyword_weight < 0:
            raise ConfigError("MEDCITE_DENSE_WEIGHT and MEDCITE_KEYWORD_WEIGHT cannot be negative.")
        if self.llm_timeout <= 0:
            raise ConfigError("MEDCITE_LLM_TIMEOUT must be a number of seconds above 0, e.g. 30.")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        base = cls()
        out = cls(
            index=IndexSettings.from_env(env),
            k=_int(env, "MEDCITE_K", base.k),
            candidates=_int(env, "MEDCITE_CANDIDATES", base.candidates),
            mode=env.get("MEDCITE_MODE") or base.mode,
            rrf_k=_int(env, "MEDCITE_RRF_K", base.rrf_k),
            dense_weight=_float(env, "MEDCITE_DENSE_WEIGHT", base.dense_weight),
            keyword_weight=_float(env, "MEDCITE_KEYWORD_WEIGHT", base.keyword_weight),
            llm=env.get("MEDCITE_LLM") or None,
            llm_api_key=env.get("MEDCITE_LLM_API_KEY") or _provider_key(env),
            llm_timeout=_float(env, "MEDCITE_LLM_TIMEOUT", base.llm_timeout),
        )
        out.validate()
        return out


def _float(env: dict[str, str], name: str, default: float) -> float:
    return _parse(env, name, default, float, "a number")


def _int(env: dict[str, str], name: str, default: int) -> int:
    return _parse(env, name, default, int, "a whole number")


def _parse(env: dict[str, str], name: str, default, cast, what: str):
    raw = env.get(name)
    if not raw:
        return default
    try:
        return cast(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not {what}; set it to e.g. {default}.") from None


def _provider_key(env: dict[str, str]) -> str | None:
    from app.answer.llm import KEY_VARIABLES

    provider = (env.get("MEDCITE_LLM") or "").split(":", 1)[0]
    return env.get(KEY_VARIABLES.get(provider, "")) or None
