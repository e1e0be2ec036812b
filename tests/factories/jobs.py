"""Jobs of both kinds as rows (the lifecycle and the `/jobs/` list are tested on them without running any work)."""

from __future__ import annotations

import factory

from tests.factories.accounts import UserFactory
from tmis.exports.models import ExportJob
from tmis.imports.models import ImportJob


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    owner = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda job: job.owner.organisation)
    org_path = factory.LazyAttribute(lambda job: job.organisation.path)
    file_name = factory.Sequence(lambda n: f"教师{n}.xlsx")
    title = factory.LazyAttribute(lambda job: job.file_name)
    file_path = "imports/none.xlsx"
    file_size = 1000


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    owner = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda job: job.owner.organisation)
    org_path = factory.LazyAttribute(lambda job: job.organisation.path)
    title = "教师名单（XLSX）"
    fields = factory.LazyFunction(lambda: ["name"])
