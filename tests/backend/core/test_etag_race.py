"""Two editors save the same version at the same moment: the If-Match check runs under the row lock, so exactly one
wins and the other gets 412 — for every kind of resource two people can edit."""

import threading

import pytest
from django.db import connection

from tests.backend.core.etag_resources import build

# Real concurrency needs committed rows and two connections: a transactional test (run last by pytest-django);
# serialized_rollback puts the reference data (divisions, catalogue) back for it, `demo_logins` the demo logins.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RACED = ["teacher", "group:study", "group:treatment", "user", "organisation", "catalogue_draft", "review_chain"]


def test_two_writers_with_the_same_etag_exactly_one_wins(demo_logins, client_for):
    for name in RACED:
        resource = build(name, client_for)
        clients = [client_for(resource.login), client_for(resource.login)]
        etag = resource.etag(clients[0])
        barrier = threading.Barrier(2)
        responses: list = [None, None]

        def write(index: int, resource=resource, clients=clients, etag=etag, barrier=barrier, out=responses) -> None:
            try:
                barrier.wait()
                out[index] = resource.write(clients[index], index + 1, HTTP_IF_MATCH=etag)
            finally:
                connection.close()

        threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        codes = sorted(response.status_code for response in responses)
        assert codes == [200, 412], (name, [r.content for r in responses])
        winner = next(r for r in responses if r.status_code == 200)
        assert resource.etag(clients[0]) == winner["ETag"], name  # the loser wrote nothing after the winner
