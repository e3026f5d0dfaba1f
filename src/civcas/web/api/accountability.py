"""JSON API for the accountability view: open commitments by age, and each belligerent's record."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from civcas.model.accountability import BelligerentRecord, CommitmentView
from civcas.services.accountability import belligerent_records
from civcas.services.commitments import list_commitments
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api/accountability", tags=["accountability"])


@router.get("/commitments", response_model=list[CommitmentView], summary="Commitments, oldest first")
def api_commitments(
    session: ReadSession,
    actor: ActorDep,
    status: Literal["open", "answered", "all"] = "open",
    party: str | None = None,
) -> list[CommitmentView]:
    return list_commitments(session, actor, status=None if status == "all" else status, party=party)


@router.get(
    "/belligerents",
    response_model=list[BelligerentRecord],
    summary="Per belligerent: allegations, how many it assessed, found credible, and how long the rest wait",
)
def api_belligerents(session: ReadSession, actor: ActorDep) -> list[BelligerentRecord]:
    return belligerent_records(session, actor)
