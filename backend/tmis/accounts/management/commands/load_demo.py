"""Load the demo data (idempotent): demo schools in 城关区 and 七里河区 (甘肃) and one in 东城区 (北京), and the demo
logins.

Password for every demo login: Demo@2016 — accepted only while DEBUG or TMIS_DEMO is on.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tmis.accounts.models import User
from tmis.accounts.role_services import separated_admin_create
from tmis.accounts.roles import SEPARATED_ROLES
from tmis.accounts.services import user_create
from tmis.core.scope import SYSTEM
from tmis.orgs.models import Organisation
from tmis.orgs.services import organisation_create

DEMO_PASSWORD = "Demo@2016"

# (county, code, name, 办学类型, 学校办别, 城乡分类, 举办者)
DEMO_SCHOOLS = [
    ("620102", "2162010201", "兰州市城关区第一实验小学", "211", "11", "111", "831"),
    ("620102", "3162010202", "兰州市城关区育才初级中学", "311", "11", "111", "831"),
    ("620102", "1162010203", "兰州市城关区阳光幼儿园", "111", "11", "111", "831"),
    ("620102", "3462010204", "兰州市城关区第二高级中学", "342", "11", "111", "831"),
    ("620103", "2162010301", "兰州市七里河区建兰路小学", "211", "11", "111", "831"),
    ("620103", "3162010302", "兰州市七里河区九年制学校", "312", "11", "112", "831"),
    ("620103", "3662010303", "兰州市七里河区职业中等专业学校", "365", "21", "111", "831"),
    ("620103", "5162010304", "兰州市七里河区特殊教育学校", "511", "11", "111", "831"),
    # A second province, for transfers across provinces (issue 15).
    ("110101", "2111010101", "北京市东城区史家胡同小学", "211", "11", "111", "831"),
]

# (username, display name, organisation code, roles)
DEMO_USERS = [
    ("demo-central", "教育部管理员", "000000", ["admin"]),
    ("demo-province", "甘肃省管理员", "620000", ["admin", "reviewer"]),
    ("demo-city", "兰州市管理员", "620100", ["admin"]),
    ("demo-county-a", "城关区审核员", "620102", ["reviewer", "admin"]),
    ("demo-county-b", "七里河区审核员", "620103", ["reviewer", "admin"]),
    # The exchange rotation (issue 18): the county's plan is made by one account and approved by the county's and the
    # city's reviewers (nobody reviews their own submission).
    ("demo-county-a-admin", "城关区管理员", "620102", ["admin"]),
    ("demo-city-reviewer", "兰州市审核员", "620100", ["reviewer"]),
    ("demo-school-a", "城关区第一实验小学填报员", "2162010201", ["filler"]),
    ("demo-school-a-reviewer", "城关区第一实验小学审核员", "2162010201", ["reviewer"]),
    ("demo-school-b", "七里河区建兰路小学填报员", "2162010301", ["filler"]),
    ("demo-school-b-reviewer", "七里河区建兰路小学审核员", "2162010301", ["reviewer"]),
    ("demo-province-bj", "北京市管理员", "110000", ["admin", "reviewer"]),
    ("demo-county-bj", "东城区审核员", "110101", ["reviewer", "admin"]),
    ("demo-school-bj", "东城区史家胡同小学填报员", "2111010101", ["filler"]),
    ("demo-school-bj-reviewer", "东城区史家胡同小学审核员", "2111010101", ["reviewer"]),
    # 三员分立: the system, security and audit administrators of the Ministry and of the demo province.
    ("demo-sysadmin", "教育部系统管理员", "000000", ["sysadmin"]),
    ("demo-secadmin", "教育部安全管理员", "000000", ["secadmin"]),
    ("demo-auditor", "教育部审计管理员", "000000", ["auditor"]),
    ("demo-province-sysadmin", "甘肃省系统管理员", "620000", ["sysadmin"]),
    ("demo-province-secadmin", "甘肃省安全管理员", "620000", ["secadmin"]),
    ("demo-province-auditor", "甘肃省审计管理员", "620000", ["auditor"]),
]


class Command(BaseCommand):
    help = "Load the demo schools and logins (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        created_orgs = created_users = 0
        existing = set(
            Organisation.objects.filter(code__in=[s[1] for s in DEMO_SCHOOLS]).values_list("code", flat=True)
        )
        for county, code, name, school_type, sponsor, urban_rural, affiliation in DEMO_SCHOOLS:
            if code in existing:
                continue
            organisation_create(
                actor=SYSTEM,
                parent_code=county,
                code=code,
                name=name,
                level="school",
                school_type=school_type,
                sponsor=sponsor,
                urban_rural=urban_rural,
                affiliation=affiliation,
            )
            created_orgs += 1
        existing_users = set(
            User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", flat=True)
        )
        for username, display_name, org_code, roles in DEMO_USERS:
            if username in existing_users:
                # Demo accounts keep the roles this list gives them (a new release may add one).
                User.objects.filter(username=username, is_demo=True).exclude(roles=roles).update(roles=roles)
                continue
            if set(roles) & SEPARATED_ROLES:
                separated_admin_create(
                    username=username,
                    password=DEMO_PASSWORD,
                    organisation=Organisation.objects.get(code=org_code),
                    roles=roles,
                    display_name=display_name,
                    is_demo=True,
                )
                created_users += 1
                continue
            user_create(
                actor=SYSTEM,
                username=username,
                password=DEMO_PASSWORD,
                organisation_code=org_code,
                roles=roles,
                display_name=display_name,
                is_demo=True,
            )
            created_users += 1
        self.stdout.write(f"demo data: {created_orgs} schools and {created_users} users added")
