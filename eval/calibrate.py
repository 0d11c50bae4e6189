"""`medcite eval calibrate`: the two abstention thresholds of app.answer.abstain, fitted on two sources.

Both are kept apart from the gated sets (eval/sets/core.jsonl, eval/sets/added.jsonl):

- MedQuAD documents (one url = one document) that the shipped corpus does not hold. Some are indexed beside the
  shipped corpus (their questions are "covered"); others are held out, and those whose focus no indexed text
  names give the "not covered" questions. Documents, not questions, are split into a calibration half and a
  report half. These questions name their document's title word for word, so they score high.
- eval/sets/calibration/clinician.jsonl: single questions written the way clinicians ask (abbreviations, brand
  names, terse phrasing), covered ones answered by one statement of the shipped corpus or of the documents in
  eval/sets/added/, not covered ones asking what no document says. They run against the index that
  `medcite eval eval/sets/added.jsonl` builds (eval.set_index, shared and incremental), and are split into halves
  by question, by a fixed seed, covered and not covered separately.

Each question's Evidence is computed once with the real engine; judge() then runs over the whole threshold grid
offline, in two stages (two_stage): the rare-word cosine is the best abstention F1 on MedQuAD's calibration
half; the answer score is the highest that refuses at most MAX_WRONG_REFUSALS of the clinicians' answerable
calibration questions. Each source's report half is scored on its own and together.

Layout: .medcite-calibrate/corpus/shipped/ (a mirror of the corpus), .medcite-calibrate/corpus/medquad/*.md
(the indexed MedQuAD documents), .medcite-calibrate/index/; the clinician questions' index is the added set's,
under the user's index dir (eval/added/). Re-runs are incremental: nothing is re-embedded.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from app.answer.abstain import ANSWER_SCORE, ANSWER_SIMILARITY, STRICT_SIMILARITY, Evidence, judge
from app.answer.settings import Settings
from eval.medquad import DATA, normalize
from eval.set_index import build_set_index, documents_folder, forget_other_encoder, mirror
from ingest.errors import ConfigError
from ingest.settings import BUNDLED_MODEL, PROJECT_ROOT

if TYPE_CHECKING:
    from app.answer.engine import Engine
    from ingest.embedder import Embedder

WORK_DIR = PROJECT_ROOT / ".medcite-calibrate"
GATED_SETS = PROJECT_ROOT / "eval" / "sets"
CLINICIAN = GATED_SETS / "calibration" / "clinician.jsonl"  # not a gated set: a folder below eval/sets
ADDED_SET = GATED_SETS / "added.jsonl"  # only its stem and its documents' folder are used, never its questions
PROBES = PROJECT_ROOT / "eval" / "probes"  # conversations over documents of their own, never gated (eval/probes)
MEDQUAD, CLINICIAN_SOURCE, PROBES_SOURCE = "medquad", "clinician", "probes"
SOURCES = (MEDQUAD, CLINICIAN_SOURCE, PROBES_SOURCE)
MAX_WRONG_REFUSALS = 0.0  # share of the clinicians' answerable questions the answer score may refuse
SEED = 20260311
M_IN, M_OUT, PER_DOC = 80, 80, 3
ANSWER_GRID = [round(0.30 + 0.01 * i, 2) for i in range(61)]  # 0.30 .. 0.90
# 0.0 turns the rare-word rule off (no cosine is below it); 1.0 abstains on any rare word no document has
STRICT_GRID = [0.0] + [round(0.40 + 0.02 * i, 2) for i in range(31)]  # off, 0.40 .. 1.00
# 1.0 turns the meaning rule for questions telling of a patient off (no cosine reaches it)
SIMILARITY_GRID = [round(0.30 + 0.02 * i, 2) for i in range(21)] + [1.0]  # 0.30 .. 0.70, off
LICENSE = "CC BY 4.0 (MedQuAD, Ben Abacha & Demner-Fushman 2019)"
NO_EVIDENCE = Evidence(best_score=0.0)
HEADER = "thresholds / half / source      precision  recall     F1  accuracy   tp   fp   fn   tn"


@dataclass(frozen=True)
class Item:
    """One question, its document (MedQuAD url, or the answering file's name for a clinician question; "" for
    a not covered one), whether the index covers it, the engine's evidence and where the question comes from."""

    question: str
    doc: str
    covered: bool
    evidence: Evidence = NO_EVIDENCE
    source: str = MEDQUAD


@dataclass(frozen=True)
class Scores:
    """Abstention as the positive class: tp = abstained on a question the corpus does not cover."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.tp + self.fp + self.fn + self.tn)

    def as_json(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "accuracy": self.accuracy}


def confusion(items: list[Item], answer_score: float, strict_similarity: float,
              answer_similarity: float = ANSWER_SIMILARITY) -> Scores:
    """Count judge()'s decisions against the truth (abstain exactly when not covered)."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for item in items:
        abstained = judge(item.evidence, answer_score, strict_similarity, answer_similarity).abstain
        key = ("fn", "tp") if not item.covered else ("tn", "fp")
        counts[key[abstained]] += 1
    return Scores(**counts)


def grid_search(items: list[Item], answer_grid: list[float] = ANSWER_GRID,
                strict_grid: list[float] = STRICT_GRID) -> tuple[float, float, Scores]:
    """The thresholds with the best abstention F1; ties go to the lower answer score, then the lower cosine."""
    tried = ((a, s, confusion(items, a, s)) for a in sorted(answer_grid) for s in sorted(strict_grid))
    return max(tried, key=lambda t: t[2].f1)  # max keeps the first of equals: the lowest thresholds


def two_stage(medquad: list[Item], clinician: list[Item]) -> tuple[float, float]:
    """The rare-word cosine: the best abstention F1 on MedQuAD, whose unanswered questions name diseases no
    document names. The answer score: the highest that refuses at most MAX_WRONG_REFUSALS of the
    clinicians' answerable questions beyond those the other rules refuse - refusing what the documents answer fails the
    clinician too, and MedQuAD's answerable questions repeat their document's title, so they never come
    near the bar and cannot place it."""
    _, strict, _ = grid_search(medquad)
    covered = [i for i in clinician if i.covered]
    refused = {a: sum(judge(i.evidence, a, strict).abstain for i in covered) for a in sorted(ANSWER_GRID)}
    floor = refused[min(refused)]  # refusals the other rules make, whatever the answer score
    fitting = [a for a, n in refused.items() if n - floor <= MAX_WRONG_REFUSALS * len(covered)]
    return (fitting[-1] if fitting else min(ANSWER_GRID)), strict


def similarity_stage(probes: list[Item], answer_score: float, strict_similarity: float) -> float:
    """The third stage: the cosine at which a statement answers a question telling of a patient, below the answer
    score: the best abstention F1 on the probes' calibration half, whose turns are cases and follow-ups in
    clinicians' words (ties go to the highest value, which answers least)."""
    tried = [(g, confusion(probes, answer_score, strict_similarity, g)) for g in SIMILARITY_GRID]
    best = max(sc.f1 for _, sc in tried)
    return max(g for g, sc in tried if sc.f1 == best)


def split_by_probe(items: list[Item], seed: int = SEED) -> tuple[list[Item], list[Item]]:
    """Calibration and report halves of the probes' turns: each probe (its documents and conversations) stays in
    one half, by a fixed seed."""
    probes = sorted({i.doc for i in items})
    random.Random(seed).shuffle(probes)
    first = set(probes[: (len(probes) + 1) // 2])
    return [i for i in items if i.doc in first], [i for i in items if i.doc not in first]


def split_by_document(items: list[Item], seed: int = SEED) -> tuple[list[Item], list[Item]]:
    """Calibration and report halves; each document's questions stay together, covered and not covered
    documents are halved separately so both halves hold both kinds."""
    halves: tuple[list[Item], list[Item]] = ([], [])
    rng = random.Random(seed)
    for covered in (True, False):
        docs = sorted({i.doc for i in items if i.covered == covered})
        rng.shuffle(docs)
        first = set(docs[: (len(docs) + 1) // 2])
        for item in items:
            if item.covered == covered:
                halves[item.doc not in first].append(item)
    return halves


def split_by_question(items: list[Item], seed: int = SEED) -> tuple[list[Item], list[Item]]:
    """Calibration and report halves of single questions: covered and not covered ones are shuffled and halved
    separately (the calibration half gets the odd one), so both halves hold both kinds in the same proportion."""
    halves: tuple[list[Item], list[Item]] = ([], [])
    rng = random.Random(seed)
    for covered in (True, False):
        kind = sorted((i for i in items if i.covered == covered), key=lambda i: (i.question, i.doc))
        rng.shuffle(kind)
        cut = (len(kind) + 1) // 2
        halves[0].extend(kind[:cut])
        halves[1].extend(kind[cut:])
    return halves


def load_clinician(path: Path, doc_dirs: list[Path],
                   skip: set[str] | frozenset[str] = frozenset()) -> tuple[list[Item], int]:
    """The clinician questions, one JSON object a line: {"ask": str, "covered": bool, "doc": file name or null}.
    A covered question names the file that answers it, which must be in one of doc_dirs. Questions a gated set
    asks (skip, normalized) are left out; returns the items and how many were left out."""
    if not path.is_file():
        raise ConfigError(f"{path} is missing: calibration needs its clinician questions.")
    names = {p.name for d in doc_dirs if d.is_dir() for p in d.rglob("*") if p.is_file()}
    items, dropped, seen = [], 0, set()
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            ask, covered, doc = row["ask"], row["covered"], row.get("doc")
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
            raise ConfigError(f"{path}:{n} is not {{\"ask\": ..., \"covered\": ..., \"doc\": ...}}.") from None
        if not isinstance(ask, str) or not ask.strip() or not isinstance(covered, bool):
            raise ConfigError(f"{path}:{n}: \"ask\" must be a question and \"covered\" true or false.")
        if covered and (not isinstance(doc, str) or doc not in names):
            raise ConfigError(f"{path}:{n}: a covered question names the file that answers it; {doc!r} is not "
                              f"in {', '.join(str(d) for d in doc_dirs)}.")
        key = normalize(ask)
        if key in skip:
            dropped += 1
            continue
        if key in seen:
            raise ConfigError(f"{path}:{n} repeats a question: {ask}")
        seen.add(key)
        items.append(Item(ask.strip(), doc if covered else "", covered, source=CLINICIAN_SOURCE))
    return items, dropped


def load_documents(path: Path = DATA) -> dict[str, list[dict]]:
    """MedQuAD rows grouped by url (one document); urls that mix several focuses are left out."""
    if not path.exists():
        raise ConfigError(f"{path} is missing: calibration reads ../shared/data/medquad beside the project.")
    by_url: dict[str, list[dict]] = defaultdict(list)
    for line in path.open():
        row = json.loads(line)
        by_url[row["url"]].append(row)
    return {u: rows for u, rows in by_url.items() if len({r["focus"] for r in rows}) == 1}


def shipped_sources(corpus_dir: Path) -> set[str]:
    """The `source:` urls in the front matter of the shipped corpus."""
    out = set()
    for path in corpus_dir.rglob("*.md"):
        for line in path.read_text(errors="replace").splitlines()[:30]:
            if line.startswith("source:"):
                out.add(line.partition(":")[2].strip())
    return out


def gated_questions(sets_dir: Path = GATED_SETS) -> set[str]:
    """Normalized questions of the gated sets, never used here."""
    out = set()
    for path in sets_dir.glob("*.jsonl"):
        for line in path.read_text().splitlines():
            try:
                out.update(normalize(t.get("ask", "")) for t in json.loads(line or "{}").get("turns", []))
            except (json.JSONDecodeError, AttributeError):
                raise ConfigError(f"{path} has a line that is not a conversation; fix it first.") from None
    return out


def markdown(rows: list[dict]) -> str:
    """A document: its focus as title, one section per answer, headed by focus and question type (the
    question itself is the query and must not be indexed)."""
    focus = rows[0]["focus"]
    parts = [f"---\ntitle: {focus}\nkind: patient-information\nsource: {rows[0]['url']}\nlicense: {LICENSE}\n---\n"]
    for row in rows:
        lines = [line.strip() for line in row["answer"].splitlines() if line.strip()]
        parts.append(f"## {focus}: {row['qtype']}\n\n" + "\n\n".join(lines) + "\n")
    return "\n".join(parts)


def write_documents(folder: Path, docs: dict[str, list[dict]]) -> dict[str, str]:
    """Write the indexed documents (unchanged files are left alone, others removed); url -> text."""
    folder.mkdir(parents=True, exist_ok=True)
    texts, names = {}, set()
    for url, rows in docs.items():
        name = f"mq-{hashlib.sha1(url.encode()).hexdigest()[:10]}.md"
        text, path = markdown(rows), folder / name
        if not path.is_file() or path.read_text() != text:
            path.write_text(text)
        texts[url], names = text, names | {name}
    for path in folder.glob("*.md"):
        if path.name not in names:
            path.unlink()
    return texts


def questions(docs: dict[str, list[dict]], covered: bool, rng: random.Random, per_doc: int,
              skip: set[str]) -> list[Item]:
    """At most per_doc distinct questions of each document, none that a gated set asks."""
    out = []
    for url in sorted(docs):
        asked = {normalize(r["question"]): r["question"] for r in docs[url]}  # a document may repeat one
        kept = [q for n, q in asked.items() if n not in skip]
        out += [Item(q, url, covered) for q in rng.sample(kept, min(per_doc, len(kept)))]
    return out


def uncovered(held: dict[str, list[dict]], texts: list[str]) -> dict[str, list[dict]]:
    """The held-out documents whose focus no indexed text (title or body) names."""
    haystack = "\n".join(f" {normalize(t)} " for t in texts)
    return {u: rows for u, rows in held.items() if f" {normalize(rows[0]['focus'])} " not in haystack}


def sample_items(settings: Settings, work: Path, m_in: int, m_out: int, per_doc: int,
                 seed: int) -> list[Item]:
    """Pick and write the indexed documents; the covered and not covered questions."""
    docs = load_documents()
    shipped = shipped_sources(settings.index.corpus_dir)
    urls = sorted(u for u in docs if u not in shipped)
    rng = random.Random(seed)
    picked = rng.sample(urls, m_in + m_out)
    indexed = {u: docs[u] for u in picked[:m_in]}
    held = {u: docs[u] for u in picked[m_in:]}
    texts = list(write_documents(work / "corpus" / "medquad", indexed).values())
    texts += [p.read_text(errors="replace") for p in settings.index.corpus_dir.rglob("*") if p.is_file()]
    skip = gated_questions()
    return (questions(indexed, True, rng, per_doc, skip)
            + questions(uncovered(held, texts), False, rng, per_doc, skip))


def build_engine(settings: Settings, work: Path, embedder: Embedder | None = None) -> Engine:
    """The shipped corpus plus the indexed documents, with the real pipeline and the bundled model."""
    from app.answer.engine import Engine
    from app.cli.progress import ProgressBar
    from ingest.embedder import Embedder
    from ingest.pipeline import ingest

    index = replace(settings.index, index_dir=work / "index", corpus_dir=work / "corpus", chroma_url=None,
                    embed_model=BUNDLED_MODEL)
    mirror(settings.index.corpus_dir, work / "corpus" / "shipped")
    embedder = embedder or Embedder(BUNDLED_MODEL)
    forget_other_encoder(index, embedder)
    with ProgressBar("Indexing calibration documents") as tick:
        report = ingest(index, [index.corpus_dir], embedder, progress=tick)
    for path, reason in report.failed:
        typer.echo(f"skipped {path}: {reason}", err=True)
    typer.echo(f"index: {report.chunks} chunks, {report.embedded} texts embedded in {report.seconds:.0f}s")
    return Engine(settings.with_(index=index, llm=None), embedder=questions_for(embedder))


def questions_for(embedder: Embedder):
    """Questions are encoded as the product encodes them: by the fp32 export when documents were embedded by an
    ONNX encoder (torch encodes both in the tests, which pass a torch embedder)."""
    from ingest.embedder import Embedder

    if isinstance(embedder, Embedder):
        return embedder
    from ingest.onnx_encoder import query_encoder

    return query_encoder(embedder.name)


def build_set_engine(settings: Settings, work: Path, embedder: Embedder) -> Engine:
    """The index `medcite eval eval/sets/added.jsonl` answers from (the shipped corpus plus eval/sets/added/),
    built or brought up to date by the same function, so both commands share it. It lives under the user's index
    dir when the configured model is the bundled one the thresholds are for; otherwise under the work dir."""
    from app.answer.engine import Engine
    from app.cli.progress import ProgressBar

    base = settings.index
    if base.embed_model != BUNDLED_MODEL:
        base = replace(base, index_dir=work, embed_model=BUNDLED_MODEL)
    with ProgressBar("Indexing added documents") as tick:
        built = build_set_index(base, ADDED_SET, embedder, tick)
    if built is None:
        raise ConfigError(f"{ADDED_SET.with_suffix('')} is missing: the clinician questions are answered from it.")
    for file, reason in built.corpus_failed + built.failures():
        typer.echo(f"skipped {file}: {reason}", err=True)
    typer.echo(f"added-set index: {built.embedded} texts embedded ({built.settings.index_dir})")
    return Engine(settings.with_(index=built.settings, llm=None), embedder=questions_for(embedder))


def assess(engine: Engine, items: list[Item], label: str = "Assessing questions") -> list[Item]:
    """Each question's evidence, computed once."""
    from app.cli.progress import ProgressBar

    out = []
    with ProgressBar(label) as tick:
        for n, item in enumerate(items, 1):
            out.append(replace(item, evidence=engine.assess(item.question).evidence))
            tick(n, len(items))
    return out


@dataclass
class Result:
    """The chosen and current thresholds, their scores on both halves, the questions with their evidence."""

    chosen: tuple[float, ...]  # answer score, rare-word cosine, answer cosine for a question telling of a patient
    current: tuple[float, ...]
    halves: dict[str, list[Item]]  # "calibration" / "report" -> questions of every source
    seconds: float = 0.0
    dropped: int = 0  # clinician questions left out because a gated set asks them

    def sources(self) -> list[str]:
        present = {i.source for part in self.halves.values() for i in part}
        return [s for s in SOURCES if s in present] + sorted(present - set(SOURCES))

    def scores(self) -> dict[str, Scores]:
        """'{chosen|current} / {calibration|report} / {source|union}', e.g. 'chosen / report / clinician'."""
        out = {}
        for name, th in (("chosen", self.chosen), ("current", self.current)):
            for half, part in self.halves.items():
                for source in self.sources() + ["union"]:
                    out[f"{name} / {half} / {source}"] = confusion(of_source(part, source), *th)
        return out

    def alone(self) -> dict[str, tuple[float, float]]:
        """The thresholds each source's calibration half would choose on its own (for comparison)."""
        out = {}
        for source in self.sources():
            part = of_source(self.halves["calibration"], source)
            if len({i.covered for i in part}) == 2:
                out[source] = grid_search(part)[:2]
        return out

    def as_json(self) -> dict:
        th = ("answer_score", "strict_similarity", "answer_similarity")
        return {"chosen": dict(zip(th, self.chosen)), "current": dict(zip(th, self.current)),
                "fitted_alone": {k: dict(zip(th, v)) for k, v in self.alone().items()},
                "scores": {k: v.as_json() for k, v in self.scores().items()},
                "counts": {h: {s: counts(of_source(part, s)) for s in self.sources()}
                           for h, part in self.halves.items()},
                "dropped_gated": self.dropped,
                "errors": errors(self.halves["report"], *self.chosen), "seconds": round(self.seconds, 1),
                "items": [{"half": h, **asdict(i)} for h, part in self.halves.items() for i in part]}


def of_source(items: list[Item], source: str) -> list[Item]:
    """The items of one source; "union" is all of them."""
    return list(items) if source == "union" else [i for i in items if i.source == source]


def counts(items: list[Item]) -> dict[str, int]:
    """Documents and questions of one half."""
    return {"docs": len({i.doc for i in items if i.doc}), "covered": sum(i.covered for i in items),
            "not covered": sum(not i.covered for i in items)}


def errors(items: list[Item], answer_score: float, strict_similarity: float,
           answer_similarity: float = ANSWER_SIMILARITY, n: int = 4) -> list[dict]:
    """For each source, up to n wrong abstentions and n wrong answers, with the evidence that decided them."""
    wrong = [i for i in items
             if judge(i.evidence, answer_score, strict_similarity, answer_similarity).abstain == i.covered]
    picked = []
    for source in sorted({i.source for i in wrong}, key=lambda s: (s not in SOURCES, s)):
        mine = [i for i in wrong if i.source == source]
        picked += [i for i in mine if i.covered][:n] + [i for i in mine if not i.covered][:n]
    return [{"source": i.source, "question": i.question, "covered": i.covered,
             "best_score": round(i.evidence.best_score, 3), "best_similarity": round(i.evidence.best_similarity, 3),
             "absent_rare": list(i.evidence.absent_rare), "unknown_drugs": list(i.evidence.unknown_drugs)}
            for i in picked]


def clinician_items(settings: Settings, path: Path = CLINICIAN) -> tuple[list[Item], int]:
    """The clinician questions; a covered one's file is in the shipped corpus or beside the added set."""
    dirs = [settings.index.corpus_dir] + [d for d in (documents_folder(ADDED_SET),) if d is not None]
    return load_clinician(path, dirs, gated_questions())


def probe_items(settings: Settings, folder: Path = PROBES) -> list[Item]:
    """Every turn of the probes' conversations (eval/probes/pN.jsonl), asked as `medcite eval` asks it: against
    the shipped corpus with the probe's documents added (eval.set_index, the same indexes), after the turns
    before it. A turn is covered unless it is to abstain; its doc is its probe."""
    from app.cli.progress import ProgressBar
    from eval.command import Engines
    from eval.dataset import load_set

    paths = sorted(folder.glob("p*.jsonl"))
    engines, items = Engines(settings), []
    with ProgressBar("Assessing probe turns") as tick:
        for n, path in enumerate(paths, 1):
            engine, _ = engines.for_set(path, progress=False)
            for conversation in load_set(path):
                history = []
                for turn in conversation.turns:
                    evidence = engine.assess(turn.ask, history).evidence
                    history.append(engine.ask(turn.ask, history, use_llm=False))
                    items.append(Item(turn.ask, path.stem, not turn.abstain, evidence, PROBES_SOURCE))
            tick(n, len(paths))
    return items


def calibrate(settings: Settings, *, m_in: int = M_IN, m_out: int = M_OUT, per_doc: int = PER_DOC,
              seed: int = SEED, work: Path = WORK_DIR, clinician: Path = CLINICIAN, probes: Path = PROBES) -> Result:
    """Index, assess every question once, fit the thresholds on the calibration halves (two_stage, then
    similarity_stage), report on the other halves."""
    from ingest.encoders import ingest_encoder

    started = time.perf_counter()
    asked, dropped = clinician_items(settings, clinician)  # checked before anything is indexed
    items = sample_items(settings, work, m_in, m_out, per_doc, seed)
    embedder = ingest_encoder(replace(settings.index, embed_model=BUNDLED_MODEL), rebuild=True)  # a new index's
    cal, rep = split_by_document(assess(build_engine(settings, work, embedder), items, "Assessing MedQuAD"), seed)
    c_cal, c_rep = split_by_question(assess(build_set_engine(settings, work, embedder), asked,
                                            "Assessing clinician questions"), seed)
    for name, part in (("MedQuAD", cal), ("clinician", c_cal)):
        if len({i.covered for i in part}) < 2:
            raise ConfigError(f"The {name} calibration half lacks covered or not covered questions.")
    a, s = two_stage(cal, c_cal)
    p_cal, p_rep = split_by_probe(probe_items(settings, probes) if probes.is_dir() else [], seed)
    g = similarity_stage(p_cal, a, s) if p_cal else ANSWER_SIMILARITY
    return Result((a, s, g), (ANSWER_SCORE, STRICT_SIMILARITY, ANSWER_SIMILARITY),
                  {"calibration": cal + c_cal + p_cal, "report": rep + c_rep + p_rep},
                  time.perf_counter() - started, dropped)


def table(result: Result) -> str:
    """The printed report: thresholds, scores per half, counts, score ranges, error examples."""
    (a, s, g), now = result.chosen, result.current
    lines = [(f"chosen (three stages: rare-word cosine on MedQuAD; answer score refusing no more of the clinicians' "
              f"answerable questions than the other rules; answer cosine for a question telling of a patient, best "
              f"F1 on the probes): answer_score={a:.2f} strict_similarity={_strict(s)} "
              f"answer_similarity={_gate(g)}"),
             f"current: answer_score={now[0]:.2f} strict_similarity={_strict(now[1])} "
             f"answer_similarity={_gate(now[2])}"]
    lines += [f"fitted on {src} alone: answer_score={x:.2f} strict_similarity={_strict(y)}"
              for src, (x, y) in result.alone().items()]
    lines += ["", HEADER]
    for name, sc in result.scores().items():
        lines.append(f"{name:<31}{sc.precision:>10.3f}{sc.recall:>8.3f}{sc.f1:>7.3f}{sc.accuracy:>10.3f}"
                     f"{sc.tp:>5}{sc.fp:>5}{sc.fn:>5}{sc.tn:>5}")
    lines.append("")
    for half, part in result.halves.items():
        for source in result.sources():
            c = counts(of_source(part, source))
            lines.append(f"{half} / {source}: {c['docs']} documents, {c['covered']} covered, "
                         f"{c['not covered']} not covered")
    if result.dropped:
        lines.append(f"{result.dropped} clinician questions left out: a gated set asks them")
    lines.append("")
    for source in result.sources():
        lines.append(f"{source}: " + spread({h: of_source(p, source) for h, p in result.halves.items()}))
    if a >= max(ANSWER_GRID) - 0.05:
        lines.append(f"note: answer_score {a:.2f} is near the grid's top ({max(ANSWER_GRID):.2f}); "
                     "the best may lie above it")
    lines.append("\nreport-half errors with the chosen thresholds (positive class = abstain):")
    for e in errors(result.halves["report"], a, s, g):
        kind = "wrongly abstained" if e["covered"] else "wrongly answered "
        lines.append(f"  {e['source']:<9} {kind} score={e['best_score']:.3f} sim={e['best_similarity']:.3f} "
                     f"rare={','.join(e['absent_rare']) or '-'}  {e['question']}")
    return "\n".join(lines + [f"\nwall time {result.seconds:.0f}s"])


def spread(halves: dict[str, list[Item]]) -> str:
    """Where each class's best scores lie: the answer-score threshold separates them."""
    out = []
    for covered, name in ((True, "covered"), (False, "not covered")):
        scores = sorted(i.evidence.best_score for part in halves.values() for i in part if i.covered == covered)
        if scores:
            out.append(f"{name}: best_score min {scores[0]:.2f} median {scores[len(scores) // 2]:.2f} "
                       f"max {scores[-1]:.2f}")
    return "; ".join(out)


def run_calibrate(settings: Settings, json_path: Path | None = None) -> int:
    """`medcite eval calibrate`: print the table, optionally write the result as JSON."""
    result = calibrate(settings)
    typer.echo(table(result))
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    return 0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _strict(value: float) -> str:
    return "off" if value <= 0 else f"{value:.2f}"


def _gate(value: float) -> str:
    return "off" if value >= 1 else f"{value:.2f}"
