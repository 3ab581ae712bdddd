"""Every link in the book's sources and data is one a librarian would accept.

No link to an unauthorised copy of a work, a content farm or a commercial reproduction of a
public document; no plain-http link to a host that serves https; a licence link is a
licence, not a help page. Scans what the book is built from (chapters, bibliography,
glossary, data package, notebooks, package, templates), so no build is needed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

# Hosts of unauthorised copies of books and articles (shadow libraries and their mirrors),
# document-upload content farms, and commercial resellers of public-domain government
# texts. Matched on the host and every parent domain.
BLOCKED_HOSTS = {
    "rulit.me": "unauthorised copies of books still in copyright",
    "zlibrary.cc": "shadow library", "z-lib.org": "shadow library", "z-lib.is": "shadow library",
    "z-library.sk": "shadow library", "1lib.sk": "shadow library", "b-ok.cc": "shadow library",
    "libgen.rs": "shadow library", "libgen.is": "shadow library", "libgen.li": "shadow library",
    "library.lol": "shadow library", "annas-archive.org": "shadow library",
    "sci-hub.se": "shadow library", "sci-hub.ru": "shadow library", "pdfdrive.com": "shadow library",
    "ebin.pub": "unauthorised e-book copies", "dokumen.pub": "unauthorised e-book copies",
    "vdoc.pub": "unauthorised e-book copies", "epdf.pub": "unauthorised e-book copies",
    "pdfcoffee.com": "unauthorised document copies", "doku.pub": "unauthorised document copies",
    "docslib.org": "content farm of scraped documents", "studylib.net": "content farm",
    "documents.pub": "content farm", "idoc.pub": "content farm", "kupdf.net": "content farm",
    "scribd.com": "user uploads of copyrighted works", "coursehero.com": "content farm",
    "allrefer.com": "commercial reproduction of Library of Congress country studies",
    "country-data.com": "commercial reproduction of Library of Congress country studies",
    "photius.com": "commercial reproduction of Library of Congress country studies",
}

# Hosts that answer only over plain http, each with the reason it is still cited.
HTTP_ONLY: dict[str, str] = {}
# Exact strings other software writes, which the book finds and replaces (never links).
REPLACED_LITERALS = {"http://en.wikipedia.org/wiki/Copyright":
                     "text2qti writes it into every QTI manifest; quiz_export.py replaces it with CC BY 4.0"}

# Namespace names in code and SVG are identifiers, never fetched or followed.
NAMESPACES = re.compile(r"^http://www\.w3\.org/(2000/svg|1999/xhtml|1999/xlink|XML/1998/namespace|"
                        r"2000/xmlns/?)$")

URL = re.compile(r"""https?://[^\s"'<>)\]\\`]+""")
SOURCES = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("docs/**/*.yml"), *ROOT.glob("docs/**/*.html"),
           ROOT / "data" / "datapackage.json", *ROOT.glob("notebooks/*.ipynb"),
           *ROOT.glob("sdbook/**/*.py"), *ROOT.glob("overrides/**/*.html"), ROOT / "mkdocs.yml",
           *ROOT.glob("docs/assets/javascripts/**/*.js")]


def _links() -> list[tuple[str, int, str]]:
    found = []
    for path in SOURCES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for url in URL.findall(line):
                found.append((f"{path.relative_to(ROOT)}:{number}", url.rstrip(".,;:"), line))
    return found


def _blocked(host: str) -> str | None:
    parts = host.lower().split(".")
    for i in range(len(parts) - 1):
        reason = BLOCKED_HOSTS.get(".".join(parts[i:]))
        if reason:
            return reason
    return None


def _archived(url: str) -> bool:
    """An address inside a web-archive link names the archived page, not a link of ours."""
    return bool(re.search(r"https://web\.archive\.org/web/\d+[a-z_]*/$", url))


def link_problems(links) -> list[str]:
    problems = []
    for where, url, line in links:
        host = urlsplit(url).hostname or ""
        if reason := _blocked(host):
            problems.append(f"{where}: {url} ({host}: {reason}); cite the producer's own copy")
        prefix = line[:line.find(url)]
        if url.startswith("http://") and not NAMESPACES.match(url) and host not in HTTP_ONLY \
                and url not in REPLACED_LITERALS \
                and host not in {"127.0.0.1", "localhost"} and not _archived(prefix):
            problems.append(f"{where}: {url} uses http; the host serves https (or list it in "
                            "HTTP_ONLY with the reason)")
    return problems


def test_no_link_to_a_mirror_a_content_farm_or_over_plain_http():
    links = _links()
    assert len(links) > 100, f"only {len(links)} links found: is the scan looking in the right place?"
    problems = link_problems(links)
    assert not problems, f"{len(problems)} unacceptable links:\n" + "\n".join(problems)


@pytest.mark.parametrize("url, expected", [
    ("https://www.rulit.me/books/secret-leviathan-read-807663-69.html", "rulit.me"),
    ("http://reference.allrefer.com/country-guide-study/soviet-union/soviet-union495.html", "allrefer.com"),
    ("http://www.nato.int/docu/basictxt/b791212a.htm", "uses http"),
])
def test_the_check_catches_known_bad_links(url, expected):
    problems = link_problems([("probe", url, f"path: {url}")])
    assert problems and expected in problems[0], problems


def test_an_archived_http_address_inside_a_web_archive_link_is_fine():
    line = '"https://web.archive.org/web/20160211055816/http://www.sipri.org/databases/terms"'
    links = [("probe", url, line) for url in URL.findall(line)]
    assert not link_problems(links)


def test_every_licence_link_is_a_licence_not_a_help_page():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for licence in resource.get("licenses", []):
            host = urlsplit(licence.get("path", "")).hostname or ""
            assert not host.endswith("wikipedia.org"), \
                f"data/datapackage.json {resource['name']}: licence {licence['name']} links to {licence['path']}"
