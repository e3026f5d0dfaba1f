from civcas.assess.reconcile import reconcile
from civcas.model.extraction import CountRange, IncidentFacts


def test_conflicting_sources_widen_the_range_and_unknown_is_not_zero() -> None:
    a = IncidentFacts(civilians_killed=CountRange(min=12, max=12), children_killed=CountRange(min=3, max=3))
    b = IncidentFacts(civilians_killed=CountRange(min=9, max=15))
    c = IncidentFacts()
    rec = reconcile([a, b, c])
    assert rec.figures["civilians_killed"] == CountRange(min=9, max=15)
    assert rec.figures["children_killed"] == CountRange(min=3, max=3)
    assert rec.figures["injured"] is None
    assert rec.contributors["civilians_killed"] == [0, 1]
