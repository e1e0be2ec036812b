"""Create an account from the command line: the first administrator of an instance and the three
separated administrators (三员), which no one can grant through the API."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tmis.accounts.models import User
from tmis.accounts.role_services import separated_admin_create
from tmis.accounts.roles import Role
from tmis.core.errors import AppError
from tmis.orgs.models import Organisation


class Command(BaseCommand):
    help = "Create a user at an organisation with the given roles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. 000000")
        parser.add_argument("--roles", required=True, help="comma-separated, e.g. admin or sysadmin")
        parser.add_argument("--password", required=True)
        parser.add_argument("--display-name", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        roles = [r.strip() for r in opts["roles"].split(",") if r.strip()]
        unknown = [r for r in roles if r not in Role.values]
        if unknown:
            raise CommandError(f"unknown roles: {', '.join(unknown)}")
        organisation = Organisation.objects.filter(code=opts["organisation"]).first()
        if organisation is None:
            raise CommandError(f"no organisation {opts['organisation']}")
        if User.objects.filter(username=opts["username"]).exists():
            raise CommandError(f"user {opts['username']} exists")
        try:
            separated_admin_create(
                username=opts["username"],
                password=opts["password"],
                organisation=organisation,
                roles=roles,
                display_name=opts["display_name"],
            )
        except AppError as error:
            messages = [item["message"] for items in (error.errors or {}).values() for item in items]
            raise CommandError("; ".join(messages) or str(error.detail)) from error
        self.stdout.write(f"created {opts['username']} at {organisation}")
