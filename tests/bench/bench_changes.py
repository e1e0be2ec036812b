"""Teacher changes on the province-scale archive (`make bench`, after bench_teachers.py on its database): the
nationwide ID look-up before a transfer, and the completion of a transfer — the last approval, which moves an
archive with 40 group records to another county's school in one transaction — through Django's full stack.

Prints p50/p95 (ms, nearest rank) over BENCH_RUNS requests each. TMIS_BENCH_SMOKE=1: 3 of each.
"""

from __future__ import annotations

import time

from bench_setup import size  # sets Django up
from bench_teachers import client, percentiles
from stats import percentile

from tmis.accounts.models import User
from tmis.changes.services import ChangeRequest, change_create
from tmis.reviews import services as engine
from tmis.reviews.models import Action
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import id_number_of

RUNS = size("BENCH_RUNS", 50, 3)
RECORDS = 40  # group records per moved archive
SENDING_COUNTY = "/000000/620000/620100/620102/"
RECEIVING_SCHOOL = "2162010301"  # 七里河区 (load_demo)
GROUPS = ["study", "work", "post", "title", "assessment", "training", "teaching", "achievements"]


def _with_records(teacher: Teacher) -> None:
    for index in range(RECORDS):
        model = GROUP_MODELS[GROUPS[index % len(GROUPS)]]
        model.objects.create(teacher=teacher, province_code=teacher.province_code)


def _transfers() -> list[int]:
    """RUNS applications for archives of 城关区 to a 七里河区 school, each approved up to its last step."""
    applicant, user = User.objects.get(username="demo-school-b"), User.objects.get
    teachers = list(
        Teacher.objects.filter(org_path__startswith=SENDING_COUNTY, open_change__isnull=True, active=True)
        .exclude(school__code="2162010201")
        .order_by("-id")[: RUNS + 1]
    )
    ids = []
    for teacher in teachers:
        _with_records(teacher)
        change = change_create(
            actor=applicant,
            request=ChangeRequest(
                kind="transfer",
                id_type=teacher.id_type,
                id_number=id_number_of(teacher),
                to_school=RECEIVING_SCHOOL,
                effective_date=teacher.created_at.date(),
                reason="工作需要",
            ),
        )
        # The receiving school and county, then the sending school (no reviewer of its own: its county by proxy).
        for username in ("demo-school-b-reviewer", "demo-county-b", "demo-county-a"):
            engine.decide(actor=user(username=username), submission_id=change.submission_id, action=Action.APPROVE)
        ids.append(change.submission_id)
    return ids


def main() -> None:
    county = client("demo-county-a")
    some = Teacher.objects.filter(org_path__startswith=SENDING_COUNTY).order_by("id").first()
    assert some is not None, "run bench_teachers.py first (it loads the archive)"
    document = {"id_type": "1", "id_number": id_number_of(some)}
    applicant = client("demo-school-b")
    print(f"| request ({RUNS} runs) | p50 ms | p95 ms |")
    print("|---|---|---|")
    p50, p95 = percentiles(lambda: applicant.get("/api/v1/teachers/lookup/", document))
    print(f"| look-up by ID document (nationwide) | {p50:.1f} | {p95:.1f} |")
    submissions = _transfers()
    county.post(f"/api/v1/reviews/{submissions.pop()}/approve/")  # warm-up
    samples = []
    for submission in submissions:
        started = time.perf_counter()
        response = county.post(f"/api/v1/reviews/{submission}/approve/")
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    moved = Teacher.objects.filter(school__code=RECEIVING_SCHOOL, staff_source="30").count()
    assert moved >= len(submissions), moved
    print(
        f"| completing a transfer ({RECORDS} group records move) | {percentile(samples, 50):.1f} "
        f"| {percentile(samples, 95):.1f} |"
    )


if __name__ == "__main__":
    main()
