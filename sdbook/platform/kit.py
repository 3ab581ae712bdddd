"""The classroom kit's build-time pieces (chapter: classroom/downloads.md, bibliography.md).

- a deterministic zip of every dataset with its metadata, for download;
- "Download / Colab / Binder" links for each notebook (the downloads page's table, every
  chapter's header, every notebook page), built by one function (``notebook_links``) from
  the one repository address in mkdocs.yml (``repo_url``) and the one branch setting;

Pure functions; the book's plugin (:mod:`.plugin`) calls them from MkDocs.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

DATA_ZIP_NAME = "security-dilemma-data.zip"
# The zip's members carry this timestamp unless the build gives the commit's time, so
# two builds of the same data give byte-identical archives. (Zip cannot store dates
# before 1980.)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_GITHUB = re.compile(r"^https://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/#?]+?)(?:\.git)?/?$")


def data_zip_bytes(data_dir: Path, when: datetime | None = None) -> bytes:
    """Every CSV in ``data_dir`` plus datapackage.json, in name order, as a zip archive.

    Fails with the folder's name if it holds no metadata file, because data without
    its sources and licences must not be handed out.
    """
    data_dir = Path(data_dir)
    metadata = data_dir / "datapackage.json"
    if not metadata.is_file():
        raise FileNotFoundError(f"{metadata}: the data zip needs the metadata file")
    stamp = _ZIP_EPOCH if when is None else max(_ZIP_EPOCH, when.timetuple()[:6])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in [metadata, *sorted(data_dir.glob("*.csv"))]:
            info = zipfile.ZipInfo(f"security-dilemma-data/{path.name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def github_repository(repo_url: str) -> tuple[str, str]:
    """(owner, name) of a GitHub repository address; Colab and Binder need both."""
    match = _GITHUB.match(repo_url or "")
    if not match:
        raise ValueError(f"repo_url {repo_url!r} is not a GitHub repository address "
                         "(https://github.com/<owner>/<name>); Colab and Binder links need one")
    return match["owner"], match["repo"]


def launch_links(repo_url: str, notebook_path: str, branch: str = "main") -> dict[str, str]:
    """Colab and Binder addresses that open ``notebook_path`` (relative to the repository)."""
    owner, repo = github_repository(repo_url)
    path = notebook_path.lstrip("/")
    return {
        "colab": f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{path}",
        "binder": f"https://mybinder.org/v2/gh/{owner}/{repo}/{branch}?labpath={quote(path, safe='')}",
    }


def notebook_links(stem: str, root: str, repo_url: str | None, branch: str) -> dict[str, str]:
    """Download, Colab and Binder addresses of one notebook, from the page at ``root``.

    The one place these three addresses are made for a page (chapter headers, notebook
    pages): the download is the clean .ipynb the build publishes beside the notebook's page;
    Colab and Binder need the repository address (``repo_url``), and are left out without it.
    """
    links = {"download": f"{root}notebooks/{stem}/{stem}.ipynb"}
    if repo_url:
        links.update(launch_links(repo_url, f"notebooks/{stem}.ipynb", branch))
    return links


def launch_line(stem: str, root: str, repo_url: str | None, branch: str, name: str = "") -> str:
    """One line of raw HTML: "<name>: Download .ipynb · Open in Colab · Open in Binder"."""
    links = notebook_links(stem, root, repo_url, branch)
    parts = [f'<a href="{html.escape(links["download"])}" download>Download {html.escape(stem)}.ipynb</a>']
    if "colab" in links:
        parts += [f'<a href="{html.escape(links["colab"])}">Open in Colab</a>',
                  f'<a href="{html.escape(links["binder"])}">Open in Binder</a>']
    label = f"{html.escape(name)}: " if name else ""
    # Kept out of the search index: the same three links on every chapter would show in results.
    return f'<p class="sd-launch" data-search-exclude>{label}{" · ".join(parts)}</p>'


def launchers_markdown(notebooks: list[Path], titles: dict[str, str], repo_url: str | None,
                       branch: str) -> str:
    """The downloads page's table: one row per notebook, with Colab and Binder if possible.

    Written for the page ``classroom/downloads.md``: the notebook page is a Markdown link
    MkDocs checks; the .ipynb beside it (copied by mkdocs-jupyter, not a doc file) is an
    HTML link relative to the built page ``classroom/downloads/``.
    """
    rows = ["| Notebook | Download | Colab | Binder |", "| --- | --- | --- | --- |"]
    for notebook in notebooks:
        page = f"../notebooks/{notebook.name}"
        links = notebook_links(notebook.stem, "../../", repo_url, branch)
        download = f'<a href="{links["download"]}" download>{notebook.name}</a>'
        if repo_url:
            colab, binder = f"[Open in Colab]({links['colab']})", f"[Launch Binder]({links['binder']})"
        else:
            colab = binder = "—"
        rows.append(f"| [{titles.get(notebook.stem, notebook.stem)}]({page}) | {download} | {colab} | {binder} |")
    table = "\n".join(rows) + "\n"
    if not repo_url:
        return table + ("\n!!! note \"Colab and Binder links\"\n    They appear here once the "
                        "book's repository address is set (`repo_url` in `mkdocs.yml`).\n")
    return table


def build_time(epoch: str | None) -> datetime:
    """The commit time (SOURCE_DATE_EPOCH) the build is pinned to, or the zip epoch."""
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime(*_ZIP_EPOCH, tzinfo=timezone.utc)
