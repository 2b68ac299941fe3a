"""Checking the same library again and again, as `mkdocs serve` does on every save, keeps
no more than one run's worth of schema readings."""

from __future__ import annotations

from generator.content import schema_check
from generator.content.validate import RecordCache

from .conftest import BASE_RECORD, Project


def test_twenty_rebuilds_do_not_grow_the_schema_readings(project: Project) -> None:
    project.write("kent-control.yaml", BASE_RECORD)
    cache = RecordCache()
    project.validate(cache=cache)
    sizes = []
    for run in range(20):
        # A saved record (its size changed, so surely re-read) is read with the run's new schema.
        project.write("kent-control.yaml", BASE_RECORD + "\n" * (1 + run % 2))
        assert project.validate(cache=cache).problems == []
        sizes.append(len(schema_check._READINGS))
    assert sizes[-1] == sizes[2] <= schema_check.READINGS_KEPT
