"""The date of a page that has none of its own, the same under every engine."""

from __future__ import annotations

import datetime as dt
import os


def site_date(newest_review: str | None) -> str:
    """The build's date if pinned (SOURCE_DATE_EPOCH), else the newest review, so two builds of
    the same content are byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d")
    return newest_review or "1970-01-01"
