"""The issuer's status lists: what the API fuzzing (tests/test_api_fuzz.py) found, kept."""

from __future__ import annotations

import pytest

from issuer.errors import NotFound


@pytest.mark.parametrize("list_id", [2**63, -(2**63) - 1, 10**30])
def test_a_list_number_no_database_holds_is_not_found(service, list_id):
    # found by schemathesis: GET /status-lists/9223372036854775808 was a 500 (OverflowError)
    with pytest.raises(NotFound):
        service.status.publish(list_id)
