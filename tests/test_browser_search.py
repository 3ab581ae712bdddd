"""Search finds what a reader means: queries typed into the built site's own search box.

The engine is Material's (its lunr worker over the built search index, ranked with the
boosts and tags that sdbook/platform/search_ranking.py adds), driven the way a reader drives it,
in headless Chromium. Each query must return the named page first. The index itself must
hold no notebook code and no table cells.
"""

from __future__ import annotations

import json
import re
import pytest

from browsing import PageWatch  # the browser fixture is conftest.py's

# query -> the page it must return first (path under the site root)
FIRST_RESULT = {
    "Cuban missile crisis": "cold-war/",
    "missile gap": "cold-war/",
    "mutual assured destruction": "cold-war/",
    "MAD": "cold-war/",
    "SLBM": "cold-war/",
    "MIRV": "cold-war/",
    "SDI": "cold-war/",
    "Dreadnought": "naval-race/",
    "Tirpitz": "naval-race/",
    "Anglo-German naval race": "naval-race/",
    "naval holiday": "naval-race/",
    "DISEC": "model-un/",
    "First Committee": "model-un/",
    "position paper": "model-un/",
    "CBMs": "model-un/",
    "FONOP": "today/",
    "freedom of navigation": "today/",
    "ABM Treaty": "today/",
    "island building": "today/",
    "Richardson's equations": "modelling/",
    "nullclines": "modelling/",
    "anarchy": "core-logic/",
    "distinguishability": "core-logic/",
    "offence-defence balance": "core-logic/",
    "tit for tat": "modelling/",
    "Butterfield": "origins/",
    "role cards 1911": "classroom/role-cards/",
    "role cards 1983": "classroom/nuclear-role-cards/",
}

_RESULTS = """() => ({
  meta: (document.querySelector('.md-search-result__meta') || {}).textContent || '',
  hrefs: [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')]
           .map(a => new URL(a.getAttribute('href'), location.href).pathname),
  // the terms Material highlights on the first result: they show which query it answered
  highlighted: (() => { const a = document.querySelector('.md-search-result__item > .md-search-result__link');
                        return a ? new URL(a.getAttribute('href'), location.href).searchParams.get('h') || '' : ''; })()
})"""


def _results_for(page, box, query: str) -> dict:
    """The results Material shows for the whole query, not for a prefix typed on the way.

    The box is cleared, then the query is entered at once (as a paste would) and a key is
    released, the event Material's search box listens to: the worker answers that one query.
    The answer is in when a result highlights a word of the query's last term (a page found
    through its tags highlights nothing, its sections do), or when nothing matched.
    """
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")
    last_term = re.split(r"[\s\-]+", query.lower())[-1][:4]
    page.wait_for_function(
        """term => { const meta = (document.querySelector('.md-search-result__meta') || {}).textContent || '';
                     const links = [...document.querySelectorAll('.md-search-result__link')];
                     if (!links.length) return /no matching/i.test(meta);
                     // a page found through its tags highlights nothing; its sections do
                     return links.some(a => (new URL(a.getAttribute('href'), location.href)
                                             .searchParams.get('h') || '').toLowerCase().includes(term)); }""",
        arg=last_term, timeout=30_000)
    return page.evaluate(_RESULTS)


@pytest.fixture(scope="module")
def search_page(browser, served_site):  # noqa: F811
    watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900})
    page = watch.page
    page.goto(served_site + "/about/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("treaty", delay=20)  # Material reacts to key events
    page.wait_for_selector(".md-search-result__item", timeout=60_000)  # index fetched and built
    yield page, box, served_site
    assert not watch.foreign, f"search requested other hosts: {watch.foreign}"
    watch.close()


@pytest.mark.parametrize("query", FIRST_RESULT)
def test_query_returns_its_page_first(search_page, query):
    page, box, base = search_page
    results = _results_for(page, box, query)
    expected = "/" + FIRST_RESULT[query]
    assert results["hrefs"], f"search for {query!r} found nothing ({results['meta'].strip()!r})"
    assert results["hrefs"][0] == expected, (
        f"search for {query!r}: first result {results['hrefs'][0]}, expected {expected}; "
        f"top results {results['hrefs'][:5]}")


def test_index_holds_no_code_cells_or_table_cells(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    offenders = []
    for doc in index["docs"]:
        text = doc["text"]
        # notebook code (every notebook imports the book's package) and table header text
        for marker in ("import sdbook", "from sdbook", "data.load(", "How it can look from outside"):
            if marker in text:
                offenders.append(f"{doc['location']}: {marker!r}")
        if re.search(r"<t[dh]\b", text):
            offenders.append(f"{doc['location']}: table cell markup")
    assert not offenders, "search index holds code or table text:\n" + "\n".join(offenders)
    assert any("MAD" in doc.get("tags", []) for doc in index["docs"]), "glossary abbreviations not tagged"
