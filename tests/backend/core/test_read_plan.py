"""TrimmableSerializer's per-class read plan must give exactly what DRF's own to_representation gives."""

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from tmis.accounts.api.serializers import UserSerializer
from tmis.accounts.models import User
from tmis.orgs.api.serializers import OrganisationSerializer
from tmis.orgs.models import Organisation
from tmis.teachers.api.group_serializers import GROUP_READ_SERIALIZERS
from tmis.teachers.api.serializers import TeacherResultSerializer, TeacherSerializer
from tmis.teachers.demo import load_demo_teachers
from tmis.teachers.models import GROUP_MODELS, Teacher

pytestmark = pytest.mark.django_db


def _request(query: str = "") -> Request:
    return Request(APIRequestFactory().get(f"/x/{query}"))


def _cases():
    load_demo_teachers(per_school=2)
    teachers = list(Teacher.objects.select_related("school").order_by("id")[:6])
    assert teachers
    orgs = list(Organisation.objects.filter(code__in=["000000", "620000", "620102", "2162010201"]))
    users = list(User.objects.select_related("organisation__parent").order_by("id")[:4])
    groups = [
        (GROUP_READ_SERIALIZERS[group], list(model.objects.order_by("id")[:3]), {})
        for group, model in GROUP_MODELS.items()
    ]
    assert any(objects for _, objects, _ in groups)
    return [
        *groups,
        (TeacherSerializer, teachers, {}),
        (TeacherResultSerializer, teachers, {"warnings": {"name": [{"code": "x", "message": "m"}]}}),
        (OrganisationSerializer, orgs, {}),
        (UserSerializer, users, {}),
    ]


def test_the_read_plan_matches_drf():
    for serializer_class, objects, extra in _cases():
        for obj in objects:
            serializer = serializer_class(obj, context={"request": _request(), **extra})
            planned = serializer.data
            assert planned == serializer.standard_representation(obj), serializer_class.__name__
            assert list(planned) == list(serializer_class().fields), "every field, in declared order"


def test_the_plan_trims_and_keeps_context_per_instance():
    load_demo_teachers(per_school=1)
    teacher = Teacher.objects.select_related("school").first()
    brief = TeacherSerializer(teacher, context={"request": _request("?brief=1")}).data
    assert set(brief) == set(TeacherSerializer.Meta.brief_fields)
    some = TeacherSerializer(teacher, context={"request": _request("?fields=name,teacher_no")}).data
    assert some == {"teacher_no": teacher.teacher_no, "name": teacher.name}
    first = TeacherResultSerializer(teacher, context={"warnings": {"a": []}}).data["warnings"]
    second = TeacherResultSerializer(teacher, context={"warnings": {"b": []}}).data["warnings"]
    assert (first, second) == ({"a": []}, {"b": []})
