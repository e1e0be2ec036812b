import pytest

from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_real_division_tree_is_loaded():
    counts = {
        level: Organisation.objects.filter(level=level).count() for level in ("central", "province", "city", "county")
    }
    assert counts["central"] == 1
    assert counts["province"] == 32  # 31 + 新疆生产建设兵团
    assert counts["city"] == 342
    assert 2900 < counts["county"] < 3000


@pytest.mark.parametrize(
    ("code", "name", "path"),
    [
        ("000000", "教育部", "/000000/"),
        ("620000", "甘肃省", "/000000/620000/"),
        ("620100", "兰州市", "/000000/620000/620100/"),
        ("620102", "城关区", "/000000/620000/620100/620102/"),
        ("660000", "新疆生产建设兵团", "/000000/660000/"),
        ("110101", "东城区", "/000000/110000/110100/110101/"),
        ("441900", "东莞市", "/000000/440000/441900/"),
    ],
)
def test_known_divisions(code, name, path):
    org = Organisation.objects.get(code=code)
    assert (org.name, org.path) == (name, path)
    assert org.depth == path.count("/") - 2


def test_every_unit_below_a_province_carries_its_province_code():
    gansu = Organisation.objects.filter(path__startswith="/000000/620000/").exclude(code="620000")
    assert gansu.exists()
    assert not gansu.exclude(province_code="620000").exists()
