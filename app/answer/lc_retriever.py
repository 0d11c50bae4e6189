"""The engine's retrieval as a LangChain BaseRetriever, so it plugs into LangChain chains."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class MedciteRetriever(BaseRetriever):
    """Returns Documents whose metadata carry chunk id, doc id, title, section, page, scores and references."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    engine: Any
    k: int = 5
    mode: str = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [Document(page_content=p.text, id=p.chunk_id, metadata={
            "chunk_id": p.chunk_id, "doc_id": p.doc_id, "title": p.title, "section": p.section, "page": p.page,
            "rank": p.rank, "score": p.score, "dense_score": p.dense_score, "keyword_score": p.keyword_score,
            "references": list(p.references)}) for p in self.engine.retrieve(query, self.k, self.mode)]
