"""The chat's "Evaluation report" view: the latest `medcite eval` run, rendered as text and tables."""

from __future__ import annotations

import json
from pathlib import Path

from app.web.ui import escape_md


def render_report(st, index_dir: Path) -> None:
    path = index_dir / "reports" / "latest.json"
    st.title("Latest evaluation")
    if not path.exists():
        st.info("No evaluation has run yet: run `medcite eval eval/sets/core.jsonl` (or `make eval`).")
        return
    data = json.loads(path.read_text())
    st.dataframe([{"config": c["config"], **c["metrics"]} for c in data["configs"]], hide_index=True)
    first = data["configs"][0]
    st.subheader(f"Failed turns ({first['config']}): {len(first['failed'])}")
    for f in first["failed"]:
        with st.expander(escape_md(f"{f['conversation']} · turn {f['turn']}: {f['question']}")):
            st.text("\n".join([f"standalone query: {f['standalone_question']}", "why: " + "; ".join(f["reasons"]),
                               f"expected evidence: {f['expected_evidence']}",
                               f"expected facts: {f['expected_facts']}", "", f["answer"], "", *f["passages"]]))
