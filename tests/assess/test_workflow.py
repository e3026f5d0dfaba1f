import pytest

from civcas.assess.workflow import check_transition
from civcas.errors import InvalidTransition, PermissionDenied
from civcas.model.vocabulary import IncidentState as S
from civcas.model.vocabulary import Role


def test_the_normal_path_is_allowed_for_the_right_roles() -> None:
    check_transition(S.NEW, S.TRIAGED, Role.ANALYST)
    check_transition(S.TRIAGED, S.UNDER_ASSESSMENT, Role.ANALYST)
    check_transition(S.UNDER_ASSESSMENT, S.ASSESSED, Role.ANALYST)
    check_transition(S.ASSESSED, S.PUBLISHED, Role.REVIEWER)
    check_transition(S.PUBLISHED, S.REOPENED, Role.ANALYST)


def test_skipping_to_published_is_refused_with_the_allowed_moves() -> None:
    with pytest.raises(InvalidTransition) as err:
        check_transition(S.NEW, S.PUBLISHED, Role.ADMIN)
    assert "triaged" in err.value.message and "under_assessment" in err.value.message


def test_an_analyst_cannot_publish() -> None:
    with pytest.raises(PermissionDenied):
        check_transition(S.ASSESSED, S.PUBLISHED, Role.ANALYST)


def test_a_viewer_cannot_move_anything() -> None:
    with pytest.raises(PermissionDenied):
        check_transition(S.NEW, S.TRIAGED, Role.VIEWER)
