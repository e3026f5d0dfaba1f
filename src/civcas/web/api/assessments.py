"""JSON API for the assessment workflow: proposals and their review, figure overrides, verdicts."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from civcas.model.accountability import CommitmentView, VerdictView
from civcas.model.incident import AssessmentView
from civcas.services import assessments, verdicts
from civcas.services.commitments import incident_commitments
from civcas.services.incidents import get_incident
from civcas.web.api.incidents import ERRORS
from civcas.web.api.params import AssessmentId, IncidentId
from civcas.web.deps import ActorDep, ReadSession, WriteSession

router = APIRouter(prefix="/api", tags=["assessment"])


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class ProposalRequest(Strict):
    grade: str = Field(description="Confirmed, Fair, Weak, Contested or Discounted")
    strike_status: str | None = Field(
        default=None, description="Declared strike, Likely strike, Contested strike or Single source claim"
    )
    note: str = Field(default="", max_length=20_000)
    expected_version: int | None = None


class ReviewRequest(Strict):
    approve: bool
    note: str = Field(default="", max_length=20_000, description="Required when rejecting")


class OverrideRequest(Strict):
    figure: str = Field(description="civilians_killed, injured, children_killed, women_killed or men_killed")
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    reason: str = Field(min_length=1, max_length=5_000)


class VerdictRequest(Strict):
    belligerent: str = Field(min_length=1, max_length=200)
    verdict: str = Field(description="credible, non_credible, duplicate or open")
    reasons: list[str] = Field(default_factory=list)
    deaths_conceded_min: int | None = Field(default=None, ge=0)
    deaths_conceded_max: int | None = Field(default=None, ge=0)
    injuries_conceded_min: int | None = Field(default=None, ge=0)
    injuries_conceded_max: int | None = Field(default=None, ge=0)
    # Dates come as ISO strings in JSON; strict mode would refuse every string.
    decided_on: dt.date | None = Field(default=None, strict=False)
    published_in: str = Field(default="", max_length=500)
    note: str = Field(default="", max_length=20_000)

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "belligerent": "US-led Coalition",
                    "verdict": "non_credible",
                    "reasons": ["no_strikes_in_area"],
                }
            ]
        },
    )


@router.post(
    "/incidents/{incident_id}/proposals",
    response_model=AssessmentView,
    status_code=201,
    responses=ERRORS,
    summary="Propose an assessment for four-eyes review (analyst or higher)",
)
def api_propose(
    incident_id: IncidentId, body: ProposalRequest, session: WriteSession, actor: ActorDep
) -> AssessmentView:
    return assessments.propose(
        session,
        incident_id,
        actor,
        grade=body.grade,
        strike_status=body.strike_status,
        note=body.note,
        expected_version=body.expected_version,
    )


@router.post(
    "/assessments/{assessment_id}/review",
    response_model=AssessmentView,
    responses=ERRORS,
    summary="Approve (and publish) or reject a proposed assessment (reviewer, not the proposer)",
)
def api_review(
    assessment_id: AssessmentId, body: ReviewRequest, session: WriteSession, actor: ActorDep
) -> AssessmentView:
    return assessments.review(session, assessment_id, actor, approve=body.approve, note=body.note)


@router.post(
    "/incidents/{incident_id}/overrides",
    responses=ERRORS,
    summary="Override a reconciled figure, with a reason (min and max null remove the override)",
)
def api_override(
    incident_id: IncidentId, body: OverrideRequest, session: WriteSession, actor: ActorDep
) -> dict[str, object]:
    return assessments.override_figure(
        session,
        incident_id,
        actor,
        figure=body.figure,
        minimum=body.min,
        maximum=body.max,
        reason=body.reason,
    )


@router.get(
    "/incidents/{incident_id}/verdicts",
    response_model=list[VerdictView],
    responses=ERRORS,
    summary="Belligerents' verdicts on an incident",
)
def api_verdicts(incident_id: IncidentId, session: ReadSession, actor: ActorDep) -> list[VerdictView]:
    get_incident(session, actor, incident_id)  # visibility check
    return verdicts.incident_verdicts(session, incident_id)


@router.post(
    "/incidents/{incident_id}/verdicts",
    response_model=VerdictView,
    status_code=201,
    responses=ERRORS,
    summary="Record a belligerent's verdict (analyst or higher); a final verdict answers its promises",
)
def api_record_verdict(
    incident_id: IncidentId, body: VerdictRequest, session: WriteSession, actor: ActorDep
) -> VerdictView:
    return verdicts.record_verdict(
        session,
        incident_id,
        actor,
        belligerent=body.belligerent,
        verdict=body.verdict,
        reasons=body.reasons,
        deaths_conceded=(body.deaths_conceded_min, body.deaths_conceded_max),
        injuries_conceded=(body.injuries_conceded_min, body.injuries_conceded_max),
        decided_on=body.decided_on,
        published_in=body.published_in,
        note=body.note,
    )


@router.get(
    "/incidents/{incident_id}/commitments",
    response_model=list[CommitmentView],
    responses=ERRORS,
    summary="Promises belligerents made about an incident, and whether they were answered",
)
def api_incident_commitments(
    incident_id: IncidentId, session: ReadSession, actor: ActorDep
) -> list[CommitmentView]:
    get_incident(session, actor, incident_id)
    return incident_commitments(session, incident_id)


class NamesRequest(Strict):
    public: bool
    note: str = Field(min_length=1, max_length=5_000, description="Why, e.g. the families asked for it")


@router.post(
    "/incidents/{incident_id}/names",
    responses=ERRORS,
    summary="Publish (or withhold again) the names of victims and witnesses in public views (admin)",
)
def api_publish_names(
    incident_id: IncidentId, body: NamesRequest, session: WriteSession, actor: ActorDep
) -> dict[str, bool]:
    return {
        "names_public": assessments.publish_names(
            session, incident_id, actor, public=body.public, note=body.note
        )
    }
