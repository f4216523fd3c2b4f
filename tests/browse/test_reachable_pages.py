"""The benchmark times every kind of browse page a user can reach from the home page."""
import re

from bench import browse_pages

LINK = re.compile(r'href="(/[^"#]*)')


def _crawl(client, start="/", per_kind=3):
    """``{kind: [path]}`` of the pages reached by following links from ``start`` (a few of each kind)."""
    seen, queue, kinds = {start}, [start], {}
    while queue:
        path = queue.pop(0)
        kind = browse_pages.kind_of(path)
        if kind is None or kind in browse_pages.SEARCHES or len(kinds.setdefault(kind, [])) >= per_kind:
            continue
        kinds[kind].append(path)
        response = client.get(path.replace("&amp;", "&"))
        assert response.status_code == 200, path
        if response.streaming or "html" not in response["Content-Type"]:
            continue
        for link in LINK.findall(response.content.decode()):
            if link not in seen and not link.startswith("/static/"):
                seen.add(link)
                queue.append(link)
    return kinds


def test_every_kind_of_page_reached_from_home_is_timed(client, council):
    reached = _crawl(client)
    assert {"home", "meeting_list", "country", "speaker", "statement", "sitemap"} <= set(reached)
    timed = {kind for kind, _ in browse_pages.paths()}
    assert not set(reached) - timed, {kind: reached[kind] for kind in set(reached) - timed}
    for kind, path in browse_pages.paths():
        assert browse_pages.kind_of(path) == kind, (kind, path)
        assert client.get(path).status_code == 200, path
