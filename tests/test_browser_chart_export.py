"""A downloaded chart stands on its own.

(That no plot offers Plotly's cloud buttons is checked by the all-pages sweep in
test_browser.py, on its light 1280-px visit of every page.)

- The "Download image (PNG)" button under a chart gives a picture on white, with a margin
  all round, the chart's title, and its source and licence lines under the plot, in the
  light theme and the dark.
"""

from __future__ import annotations

import struct
import zlib

import pytest

from browsing import PageWatch, _chart_pages, open_page


def _png_size_and_rows(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGBA rows of an 8-bit RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour_type = header[:4]
    assert (depth, colour_type) == (8, 6), f"unexpected PNG format {header}"
    raw, stride, rows, previous = zlib.decompress(b"".join(chunks)), width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - 4] if i >= 4 else 0
            up, corner = previous[i], previous[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_downloaded_png_carries_title_source_and_licence_with_a_margin(browser, served_site, scheme):
    watch = PageWatch(browser, served_site, viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                      accept_downloads=True)
    try:
        page = watch.page
        page.goto(served_site + "/naval-race/", wait_until="networkidle")
        figure = page.locator("figure.sd-chart").first
        figure.locator(".sd-chart__plot").scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.sd-chart__plot').dataset.sdState === 'drawn'")
        # keep the figure the button hands to plotly, to read its texts
        page.evaluate("""() => { const toImage = Plotly.toImage;
            Plotly.toImage = (fig, opts) => { window.sdExported = {fig, opts}; return toImage(fig, opts); }; }""")
        with page.expect_download() as download:
            figure.get_by_role("button", name="Download image (PNG)").click()
        path = download.value.path()
        assert download.value.suggested_filename == figure.get_attribute("data-sd-name") + ".png"
        exported = page.evaluate("""() => ({title: window.sdExported.fig.layout.title.text,
            texts: window.sdExported.fig.layout.annotations.map(a => a.text),
            paper: window.sdExported.fig.layout.paper_bgcolor, ink: window.sdExported.fig.layout.font.color})""")
        shown_title = figure.locator(".gtitle").first.text_content()
        credit = exported["texts"][-1].replace("<br>", " ")
        assert exported["title"] and shown_title.startswith(exported["title"].split("<br>")[0][:20])
        assert "Source:" in credit and "licence" in credit.lower() and "The Security Dilemma" in credit, credit
        assert exported["paper"] == "#ffffff" and exported["ink"] == "#222222", exported
        width, height, rows = _png_size_and_rows(open(path, "rb").read())
        assert width >= 2 * 480 and height >= 2 * 300, (width, height)
        margin = 2 * 12  # px at scale 2: the picture keeps 20 px of white; 12 must be blank
        white = b"\xff\xff\xff\xff"
        edges = [rows[y][:margin * 4] + rows[y][-margin * 4:] for y in range(height)]
        edges += [rows[y] for y in list(range(margin)) + list(range(height - margin, height))]
        assert all(edge == white * (len(edge) // 4) for edge in edges), \
            "the exported picture has ink within 12 px of its edge (no margin, or not on white)"
        inked = sum(1 for row in rows[height - 120:height - margin]
                    if any(row[i:i + 4] != white for i in range(0, len(row), 4)))
        assert inked > 10, "nothing printed in the picture's last rows: the credit lines are missing"
    finally:
        watch.close()


# Every figure the download button would export (toImage is stubbed, so no file is made),
# drawn off-screen at its export size: the boxes of its legend, x-axis title, credit and the
# picture itself.
_EXPORTED_BOXES = """async () => {
  const real = Plotly.toImage, found = [];
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  for (const figure of document.querySelectorAll('figure.sd-chart')) {
    let exported = null;
    Plotly.toImage = (fig) => { exported = fig; return new Promise(() => {}); };
    try {
      [...figure.querySelectorAll('button')].find(b => b.textContent === 'Download image (PNG)').click();
    } finally { Plotly.toImage = real; }
    const div = document.createElement('div');
    div.style.cssText = 'position: absolute; left: -5000px; top: 0';
    document.body.appendChild(div);
    await Plotly.newPlot(div, exported.data, exported.layout, {staticPlot: true});
    const notes = [...div.querySelectorAll('.annotation')];
    found.push({name: figure.dataset.sdName, credit: box(notes[notes.length - 1]), picture: box(div),
                others: [...div.querySelectorAll('.legend, .xtitle')].map(el => [el.classList[0], box(el)])});
    Plotly.purge(div);
    div.remove();
  }
  return found;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_no_exported_picture_has_its_credit_over_the_legend(browser, site, served_site, width):
    """The source and licence lines sit under everything else and inside the picture, for
    every chart in the book (a tall legend once pushed the plot up and the credit into it)."""
    problems, checked = [], 0
    watch = PageWatch(browser, served_site, viewport={"width": width, "height": 900})
    try:
        page = watch.page
        # the chapters: the notebook pages and the whole-book page show the same figures
        for url in [u for u in _chart_pages(site, served_site) if "/notebooks/" not in u and "print_page" not in u]:
            # wait for the charts' code to have queued every chart (networkidle once returned
            # before it had, on a loaded CI machine, so nothing was drawn and the wait timed out)
            open_page(page, url)
            page.evaluate("window.sdbook.lazy.drawAllWaiting()")
            page.wait_for_function("() => [...document.querySelectorAll('.sd-chart__plot')]"
                                   ".every(el => el.dataset.sdState === 'drawn')", timeout=60_000)
            for chart in page.evaluate(_EXPORTED_BOXES):
                checked += 1
                left, top, right, bottom = chart["credit"]
                for part, (l, t, r, b) in chart["others"]:
                    if b > top + 1 and t < bottom and l < right and r > left:
                        problems.append(f"{url} {chart['name']} at {width}px: the credit overlaps the {part}")
                if bottom > chart["picture"][3] + 1:
                    problems.append(f"{url} {chart['name']} at {width}px: the credit runs off the picture")
        assert not watch.errors, watch.errors
    finally:
        watch.close()
    assert checked >= 25, f"only {checked} charts exported: the check checks little"
    assert not problems, "\n".join(problems)
