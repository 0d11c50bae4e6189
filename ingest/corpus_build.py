"""Maintainers' tool: write the shipped corpus/ from ../shared (the seed article and the MedQuAD subset).

Run once as `python -m ingest.corpus_build ../shared corpus`; the output is committed, so users never need it.
The seed's words are kept unchanged: only "#" marks are added to its heading lines, and front matter on top.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

SEED_NAME = "000_a017f3db93094e1e.txt"
# heading line of the seed -> Markdown level
SEED_HEADINGS = {
    "Treatment Options for Compression Fracture Pain": 1,
    "First-Line Treatment Options": 2, "Pharmacological Management": 3, "Non-Pharmacological Approaches": 3,
    "Second-Line Treatment Options": 2, "Minimally Invasive Procedures": 3, "Interventional Pain Management": 3,
    "Prevention of Future Fractures": 2, "Treatment Algorithm": 2, "Important Considerations and Pitfalls": 2,
    "References": 2,
}
MEDQUAD_LICENSE = "CC BY 4.0 (MedQuAD, Ben Abacha & Demner-Fushman 2019); answer text from US NIH websites"
_SOURCE_NAMES = {"NIHSeniorHealth": "nihseniorhealth", "MPlusHealthTopics": "medlineplus", "GHR": "ghr",
                 "GARD": "gard"}


def seed_markdown(text: str) -> str:
    lines = [("#" * SEED_HEADINGS[ln] + " " + ln) if ln in SEED_HEADINGS else ln for ln in text.splitlines()]
    front = ["---", "id: guideline-compression-fracture-pain",
             "title: What are the treatment options for compression fracture pain?",
             "kind: guideline", "source: ../shared/seed/" + SEED_NAME, "date: 2025-09-17",
             "license: as provided in the project brief (seed article)", "---", ""]
    return "\n".join(front + lines) + "\n"


def medquad_documents(rows: list[dict]) -> dict[str, str]:
    """One Markdown document per source url: each question a section heading, its answer the body."""
    by_url: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_url[row["url"]].append(row)
    docs = {}
    for url, group in by_url.items():
        first = group[0]
        slug = re.sub(r"[^a-z0-9]+", "-", first["focus"].lower()).strip("-")[:60]
        name = f"{_SOURCE_NAMES.get(first['source'], first['source'].lower())}-{slug}.md"
        front = ["---", f"title: {first['focus']} ({first['source']})", "kind: patient-information",
                 f"source: {url}", f"license: {MEDQUAD_LICENSE}", f"origin: MedQuAD {first['file']}", "---", ""]
        body = []
        for row in group:
            body += [f"# {row['question'].strip()}", "", row["answer"].strip(), ""]
        docs[name] = "\n".join(front + body)
    return docs


def sources_md(entries: list[tuple[str, str, str, str]]) -> str:
    out = ["# Sources of the shipped corpus", "",
           "| file | title | origin | license |", "| --- | --- | --- | --- |"]
    out += [f"| {f} | {t} | {o} | {lic} |" for f, t, o, lic in entries]
    return "\n".join(out) + "\n"


def main(shared: Path, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    seed_file = "guideline-compression-fracture-pain.md"
    (corpus / seed_file).write_text(seed_markdown((shared / "seed" / SEED_NAME).read_text()))
    entries = [(seed_file, "What are the treatment options for compression fracture pain?",
                f"shared/seed/{SEED_NAME} (guideline article, headings marked)", "as provided in the brief")]
    rows = [json.loads(ln) for ln in (shared / "data/medquad/osteoporosis_related_subset.jsonl").open()]
    for name, text in sorted(medquad_documents(rows).items()):
        (corpus / name).write_text(text)
        title = re.search(r"^title: (.+)$", text, re.M).group(1)
        url = re.search(r"^source: (.+)$", text, re.M).group(1)
        entries.append((name, title, url, "CC BY 4.0 (MedQuAD); NIH text"))
    (corpus / "SOURCES.md").write_text(sources_md(entries))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
