from __future__ import annotations

import factory

from tmis.orgs.codes import stage_for_school_type
from tmis.orgs.models import Level, Organisation


class SchoolFactory(factory.django.DjangoModelFactory):
    """A primary school under a county (城关区 620102 unless `parent` is given)."""

    class Meta:
        model = Organisation

    parent = factory.LazyFunction(lambda: Organisation.objects.get(code="620102"))
    level = Level.SCHOOL
    school_type = "211"
    sponsor = "11"
    urban_rural = "111"
    affiliation = "831"
    code = factory.Sequence(lambda n: f"21{{province}}{n + 900000:06d}")
    name = factory.Sequence(lambda n: f"测试小学{n}")
    depth = factory.LazyAttribute(lambda o: o.parent.depth + 1)
    province_code = factory.LazyAttribute(lambda o: o.parent.province_code)
    school_stage = factory.LazyAttribute(lambda o: stage_for_school_type(o.school_type))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["code"] = kwargs["code"].replace("{province}", kwargs["province_code"][:2])
        kwargs["path"] = f"{kwargs['parent'].path}{kwargs['code']}/"
        return super()._create(model_class, *args, **kwargs)
