"""The effective catalogues of the schools an import meets, resolved once per school kind (not per row)."""

from __future__ import annotations

from tmis.catalog.effective import EffectiveCatalogue
from tmis.catalog.selectors import effective_for_organisation
from tmis.orgs.models import Organisation

from .code_values import CodeNames
from .columns import value_names


class Catalogues:
    """The effective catalogue of each school kind met in the file, resolved once (not per row)."""

    def __init__(self) -> None:
        self._by_school: dict[int, EffectiveCatalogue] = {}
        self._by_key: dict[tuple[str | None, int, str | None], EffectiveCatalogue] = {}
        self._names: dict[int, dict[str, CodeNames]] = {}

    def of(self, school: Organisation) -> EffectiveCatalogue:
        found = self._by_school.get(school.pk)
        if found is None:
            catalogue, tables = effective_for_organisation(organisation=school)
            key = (catalogue.province, catalogue.version, catalogue.stage)
            found = self._by_school[school.pk] = self._by_key.setdefault(key, catalogue)
            if id(found) not in self._names:
                self._names[id(found)] = value_names(found, tables)
        return found

    def names_of(self, school: Organisation) -> dict[str, CodeNames]:
        """The code lists of the school's kind (a kindergarten's 教职工类别 differs from a county template's)."""
        return self._names[id(self.of(school))]
