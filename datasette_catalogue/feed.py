"""The catalogue's Atom feeds (new records, new records in a topic): their canned queries, which
give datasette-atom the atom_* columns it writes a feed from, and the feed made complete:

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

from datasette_catalogue.pages import static_url

ATOM = "http://www.w3.org/2005/Atom"
# Untrusted input never reaches this parser (datasette-atom wrote the XML), but it stays offline.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)


def complete(xml: bytes, feed_url: str, author: str, home: str, stylesheet: str) -> bytes:
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
    root.addprevious(etree.ProcessingInstruction("xml-stylesheet", f'type="text/xsl" href="{stylesheet}"'))
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
        xml = empty_feed(FEEDS.get(query_name, {}).get("title") or query_name, request.url)
    home = datasette.absolute_url(request, "/")
    body = complete(xml, request.url, datasette.metadata("title") or "Catalogue", home,
                    static_url(datasette, "feed.xsl"))
    return Response(body, content_type="application/xml; charset=utf-8", status=200)


@hookimpl(specname="register_output_renderer", trylast=True)
def atom_renderer(datasette):
    # Registered after datasette-atom's, so that .atom is this one.
    return {"extension": "atom", "render": render, "can_render": datasette_atom.can_render_atom}


# ---------------------------------------------------------------- the feeds' queries


def atom_sql(source: str = "articles a", where: str = "", also: str = "") -> str:
    """The 50 newest records of a source as the atom_* columns datasette-atom reads; atom_link is
    the record's page in this catalogue, relative to the feed (complete() makes it absolute)."""
    return f"""select
  'tag:ketamine-pain-catalogue,2025:pmid:' || a.pmid as atom_id,
  case when a.retracted then '[RETRACTED] ' else '' end || a.title as atom_title,
  coalesce(a.entrez_date, a.created_date) || 'T00:00:00Z' as atom_updated,
  'articles/' || a.pmid as atom_link,
  nullif(a.authors, '') as atom_author_name,
  coalesce(a.authors, '') || '. ' || coalesce(a.journal_iso, '') || ' ' || coalesce(a.pub_year, '')
    || '. PMID ' || a.pmid || '. ' || coalesce(a.abstract, '') as atom_content{also}
from {source}
{where}order by a.entrez_date desc, a.pmid desc
limit 50"""


FEEDS = {
    "new_records": {
        "title": "New records (Atom feed)",
        "description": "The newest records, for a feed reader: add .atom to this page's address.",
        "hide_sql": True,
        "sql": atom_sql(),
    },
    # One question of an evidence profile (datasette_catalogue/profile.py): each part optional.
    "new_on_question": {
        "title": "New records on a question (Atom feed)",
        "description": "The newest records on one question, as an evidence profile asks it: add .atom to "
                       "this page's address and keep ?condition=…&route=…&population=… to subscribe.",
        "hide_sql": True,
        "params": ["condition", "route", "population"],
        "sql": atom_sql(where="where (:condition = '' or a.pmid in (select pmid from article_conditions "
                              "where condition = :condition))\n"
                              "  and (:route = '' or a.pmid in (select pmid from article_routes where route = :route))\n"
                              "  and (:population = '' or a.population = :population)\n"),
    },
    # Only where the live harvester has linked records to topics.
    "new_in_topic": {
        "title": "New records in a topic (Atom feed)",
        "description": "The newest records linked to a topic: add .atom to this page's address "
                       "and keep ?topic=NAME to subscribe.",
        "hide_sql": True,
        "sql": atom_sql("article_topics t join articles a on a.pmid = t.pmid", "where t.topic = :topic\n",
                        ",\n  t.topic"),
    },
}


@hookimpl(specname="canned_queries")
def feed_queries(datasette, database):
    """The feeds of a catalogue: new records, and new records in a topic where there are topics."""

    async def inner():
        tables = set(await datasette.get_database(database).table_names())
        if "articles" not in tables:
            return {}
        wanted = ["new_records", "new_on_question"] + (["new_in_topic"] if {"article_topics", "topics"} <= tables else [])
        return {name: dict(FEEDS[name]) for name in wanted}

    return inner
