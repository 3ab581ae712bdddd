"""The edition a build carries: the book's version and the date of the commit built."""

from __future__ import annotations

import os
import subprocess
import tomllib
from datetime import date, datetime, timezone

from ..data import REPO_ROOT


def source_date_epoch() -> str | None:
    """The last commit's time: the date a rebuild of the same commit should carry."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO_ROOT,
                                capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def pin_source_date() -> None:
    """Byte-identical rebuilds: MkDocs dates the sitemap with the build date unless
    SOURCE_DATE_EPOCH is set, so pin it to the commit being built."""
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch()):
        os.environ["SOURCE_DATE_EPOCH"] = epoch


def edition() -> dict:
    """The book's version (pyproject.toml) and date (the commit's, so rebuilds agree)."""
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()
    return {"version": version, "date": f"{day.day} {day:%B %Y}", "iso_date": day.isoformat()}


def how_to_cite(config) -> str:
    """``::: how-to-cite``: the citation of this edition of the book."""
    book = config.extra["book"]
    return (f"!!! quote \"How to cite this book\"\n\n    {config['site_author']}. *{config['site_name']}*. "
            f"Version {book['version']}, {book['date']}. <{config['site_url']}>. Text licensed under "
            "CC BY 4.0; code under the MIT licence; data under the licences recorded for each dataset.")
