"""Two reviewers of the same step approve at the same moment: exactly one decision, the other a clear 409."""

import threading

import pytest
from django.db import connection

from tests.factories.accounts import UserFactory
from tests.factories.teachers import complete_archive
from tmis.orgs.models import Organisation
from tmis.reviews.models import Decision, Submission

# Real concurrency needs committed rows and two connections: a transactional test (run last by pytest-django);
# serialized_rollback puts the reference data (divisions, catalogue) back for it, `demo_logins` the demo logins.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_concurrent_approvals_yield_one_decision(demo_logins, client_for):
    filler = client_for("demo-school-a")
    school = Organisation.objects.get(code="2162010201")
    reviewers = [client_for("demo-school-a-reviewer"), client_for(UserFactory(organisation=school, roles=["reviewer"]))]
    teacher = complete_archive(filler)
    submission = filler.post(f"/api/v1/teachers/{teacher}/submit/").json()["id"]

    barrier = threading.Barrier(2)
    responses: list = [None, None]

    def approve(index: int) -> None:
        try:
            barrier.wait()
            responses[index] = reviewers[index].post(f"/api/v1/reviews/{submission}/approve/")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 409], [r.content for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["code"] == "already_decided"
    assert Decision.objects.filter(submission_id=submission, action="approve").count() == 1
    assert Submission.objects.get(pk=submission).current_step == 1
