"""The one SQL fragment the reports use to spread a row up the organisation tree: every organisation on a path."""

from __future__ import annotations


def ancestors_join(path: str) -> str:
    """Joined after a row with the materialised path `path` (a SQL expression such as `s.path`): one row per
    organisation on that path, the organisation itself included, as `a` — each prefix found by the path index."""
    return f"""
    CROSS JOIN LATERAL generate_series(2, array_length(string_to_array({path}, '/'), 1) - 1) AS i
    JOIN orgs_organisation a ON a.path = array_to_string((string_to_array({path}, '/'))[1:i], '/') || '/'
    """
