"""Who may call each route: the one declared table that the access test walks for every role.

`None` means anyone, signed in or not (anonymous visitors then see only published incidents,
with names withheld). A role means that role or a higher one (viewer < analyst < reviewer < admin).
The checks themselves live in the service layer; this table states what they must add up to.
"""

from __future__ import annotations

from civcas.model.vocabulary import Role

PERMISSIONS: dict[tuple[str, str], Role | None] = {
    ("GET", "/healthz"): None,
    ("GET", "/openapi.json"): None,
    ("GET", "/docs"): None,
    # Incidents and reports: public reads, scoped by what the reader may see.
    ("GET", "/api/incidents"): None,
    ("GET", "/api/incidents.geojson"): None,
    ("GET", "/api/incidents/{incident_id}"): None,
    ("GET", "/api/incidents/{incident_id}/assessments"): None,
    ("GET", "/api/incidents/{incident_id}/chronology"): None,
    ("GET", "/api/incidents/{incident_id}/claims"): None,
    ("GET", "/api/incidents/{incident_id}/verdicts"): None,
    ("GET", "/api/incidents/{incident_id}/commitments"): None,
    ("GET", "/api/incidents/{incident_id}/strike-releases"): None,
    ("GET", "/api/reports"): None,
    ("GET", "/api/reports/{report_id}"): None,
    ("GET", "/api/reports/{report_id}/original"): Role.VIEWER,  # names the public text withholds
    ("GET", "/api/export"): None,
    ("GET", "/api/stats"): None,
    ("GET", "/api/timeline"): None,
    ("GET", "/api/queue"): Role.VIEWER,
    ("GET", "/api/accountability/commitments"): None,
    ("GET", "/api/accountability/belligerents"): None,
    # Submitting reports.
    ("POST", "/api/reports"): Role.ANALYST,
    ("POST", "/api/reports/upload"): Role.ANALYST,
    # The workflow.
    ("POST", "/api/incidents/{incident_id}/assessments"): Role.ANALYST,
    ("POST", "/api/incidents/{incident_id}/proposals"): Role.ANALYST,
    ("POST", "/api/incidents/{incident_id}/overrides"): Role.ANALYST,
    ("POST", "/api/incidents/{incident_id}/verdicts"): Role.ANALYST,
    ("POST", "/api/assessments/{assessment_id}/review"): Role.REVIEWER,
    ("POST", "/api/incidents/{incident_id}/names"): Role.ADMIN,
    # Merging and splitting incidents (a published one needs the reviewer role: a 403 the service gives).
    ("POST", "/api/incidents/{incident_id}/merge"): Role.ANALYST,
    ("POST", "/api/incidents/{incident_id}/split"): Role.ANALYST,
    # Pages and their forms.
    ("GET", "/"): None,
    ("GET", "/incidents/{incident_id}"): None,
    ("GET", "/accountability"): None,
    ("GET", "/map"): None,
    ("GET", "/timeline"): None,
    ("GET", "/dashboard"): None,
    ("GET", "/queue"): Role.VIEWER,
    ("POST", "/incidents/{incident_id}/triage"): Role.ANALYST,
    ("GET", "/login"): None,
    ("POST", "/login"): None,
    ("POST", "/logout"): None,
    ("POST", "/incidents/{incident_id}/assess"): Role.ANALYST,
    ("POST", "/incidents/{incident_id}/propose"): Role.ANALYST,
    ("POST", "/incidents/{incident_id}/override"): Role.ANALYST,
    ("POST", "/incidents/{incident_id}/verdict"): Role.ANALYST,
    ("POST", "/assessments/{assessment_id}/review"): Role.REVIEWER,
    ("POST", "/incidents/{incident_id}/merge"): Role.ANALYST,
    ("POST", "/incidents/{incident_id}/split"): Role.ANALYST,
}
