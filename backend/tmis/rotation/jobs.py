"""The rotation's background work: every day the assignments whose start or end date has come (`lifecycle`);
every night, and after a province changes its rules, the eligibility tallies the targets read."""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.utils import timezone
from procrastinate.contrib.django import app

from tmis.core.jobs import TRANSIENT_RETRY
from tmis.orgs.models import Level, Organisation

from . import tallies
from .eligibility import rebuild_tallies
from .lifecycle import advance
from .rules import rules_for


def rebuild_province_tallies(province: str) -> int:
    """This year's and next year's eligibility tallies of one province, by its rules in force, and its assignment
    tallies counted again. Returns the number of school-years of eligibility."""
    organisation = Organisation.objects.get(code=province, level=Level.PROVINCE)
    rules, year = rules_for(province), timezone.localdate().year
    for y in (year, year + 1):
        tallies.rebuild(prefix=organisation.path, year=y)
    return sum(rebuild_tallies(prefix=organisation.path, year=y, rules=rules) for y in (year, year + 1))


def rebuild_all_tallies() -> int:
    codes = Organisation.objects.filter(level=Level.PROVINCE).values_list("code", flat=True)
    return sum(rebuild_province_tallies(code) for code in codes)


@app.periodic(cron="13 1 * * *")  # 01:13 every day: the rotations that start or end today
@app.task(name="rotation.advance", queue="maintenance", queueing_lock="rotation_advance")
async def advance_daily(timestamp: int) -> None:
    await sync_to_async(advance)()


@app.periodic(cron="23 3 * * *")  # 03:23 every night: eligibility moves with the date and the archive
@app.task(name="rotation.rebuild_tallies", queue="maintenance", queueing_lock="rotation_tallies")
async def rebuild_tallies_nightly(timestamp: int) -> None:
    await sync_to_async(rebuild_all_tallies)()


@app.task(name="rotation.rebuild_province", queue="maintenance", retry=TRANSIENT_RETRY)
def rebuild_province(province: str) -> None:
    """A province's tallies by its new rules (never inside the request that changed them)."""
    rebuild_province_tallies(province)
