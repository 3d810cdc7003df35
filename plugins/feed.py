"""The catalogue's Atom feeds (new records, new records in a topic), as datasette-atom writes
them from a canned query, made complete:

- a feed-level author (RFC 4287 requires one unless every entry has its own): the catalogue;
- entries linked to the catalogue's own article pages, as absolute addresses (the queries
  give the path);
- an XSL stylesheet served by the site, so that a browser shows the feed as a page with a
  word on how to subscribe, while a feed reader reads the same XML.
"""

import datetime
import urllib.parse

import datasette_atom
from datasette import hookimpl
from datasette.utils.asgi import Response
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
STYLESHEET = "/assets/feed.xsl"
# Untrusted input never reaches this parser (datasette-atom wrote the XML), but it stays offline.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)


def complete(xml: bytes, feed_url: str, author: str, home: str) -> bytes:
    """The feed with an author, absolute entry links and the stylesheet's processing instruction."""
    root = etree.fromstring(xml, PARSER)
    if root.find(f"{{{ATOM}}}author") is None:
        element = etree.Element(f"{{{ATOM}}}author")
        etree.SubElement(element, f"{{{ATOM}}}name").text = author
        etree.SubElement(element, f"{{{ATOM}}}uri").text = home
        title = root.find(f"{{{ATOM}}}title")
        (title.addnext if title is not None else root.append)(element)
    for link in root.iter(f"{{{ATOM}}}link"):
        link.set("href", urllib.parse.urljoin(feed_url, link.get("href", "")))
    root.addprevious(etree.ProcessingInstruction("xml-stylesheet", f'type="text/xsl" href="{STYLESHEET}"'))
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8", pretty_print=True)


def empty_feed(title: str, feed_url: str) -> bytes:
    """A feed with no entries (a topic with no records yet): datasette-atom cannot write one."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    for name, text in (("id", feed_url), ("title", title), ("updated", now)):
        etree.SubElement(root, f"{{{ATOM}}}{name}").text = text
    etree.SubElement(root, f"{{{ATOM}}}link", href=feed_url, rel="self")
    return etree.tostring(root, encoding="utf-8")


def render(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
    if rows or not datasette_atom.can_render_atom(columns):
        answer = datasette_atom.render_atom(datasette, request, sql, columns, rows, database, table, query_name,
                                            view_name, data)
        if answer.status != 200:
            return answer
        xml = answer.body if isinstance(answer.body, bytes) else answer.body.encode("utf-8")
    else:
        title = ((datasette.metadata(database=database) or {}).get("queries") or {}).get(query_name, {})
        xml = empty_feed(title.get("title") if isinstance(title, dict) else query_name, request.url)
    home = datasette.absolute_url(request, "/")
    body = complete(xml, request.url, datasette.metadata("title") or "Catalogue", home)
    return Response(body, content_type="application/xml; charset=utf-8", status=200)


@hookimpl(trylast=True)
def register_output_renderer(datasette):
    # Registered after datasette-atom's, so that .atom is this one.
    return {"extension": "atom", "render": render, "can_render": datasette_atom.can_render_atom}
