from __future__ import annotations

import factory

from tmis.headcounts.models import SchoolHeadcount
from tmis.orgs.models import Organisation


class HeadcountFactory(factory.django.DjangoModelFactory):
    """A school's statistics figures (城关区第一实验小学, 2025 unless given)."""

    class Meta:
        model = SchoolHeadcount

    school = factory.LazyFunction(lambda: Organisation.objects.get(code="2162010201"))
    year = 2025
    fulltime = factory.Sequence(lambda n: 20 + n % 30)
    staff = factory.LazyAttribute(lambda o: o.fulltime + 5)
