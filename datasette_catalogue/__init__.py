"""The catalogue's Datasette site: a Datasette plugin, registered by the entry point in
pyproject.toml, so `datasette serve -i catalogue.db --metadata metadata.yml` serves it.

Datasette registers this package as one plugin; its hooks live in the modules below, by
concern, each named for what it does (and for the hook it implements by `specname`):

- pages.py: provenance and coverage, the article page, the maps, /about, shortcuts, the site's files
- study.py: the article page's study at a glance and the records around it
- profile.py: evidence profiles, one question answered (/catalogue/profile), and a pasted claim read
- search.py: how a search is read, the ranked search query and its page
- facets.py: facets over join tables and several values of a column, the filters in words
- selection.py: facet counts of a filtered page, in memory
- listing.py: the rows and count of a page of articles, in memory
- ordering.py: one order for every listing, and the orders the articles page offers
- exports.py: RIS, BibTeX, MEDLINE and CSL-JSON of any table, search or query
- feed.py: the Atom feeds
- security.py: read-only, bounded, headers, robots; the site's Datasette settings
- citations.py: the references themselves (no Datasette code)

Datasette serves templates/ (which extend Datasette's own where they can) and static/
(at /-/static-plugins/<this distribution>/).
"""

from datasette_catalogue.exports import export_names, export_renderers
from datasette_catalogue.facets import (counted_column_facet, facet_vars, join_facet_class, join_filters,
                                        tidy_address_redirect, warm_facet_counts)
from datasette_catalogue.feed import atom_renderer, feed_queries
from datasette_catalogue.listing import remember_page
from datasette_catalogue.ordering import sort_vars, tie_breaking
from datasette_catalogue.pages import moved_static_files, page_css_urls, page_filters, page_js_urls, page_vars
from datasette_catalogue.profile import profile_route
from datasette_catalogue.search import search_functions, search_queries, search_vars
from datasette_catalogue.security import (bad_request_page, guarded_connection, read_only_databases, robots_route,
                                          secured_responses)

HOOKS = (export_names, export_renderers, tidy_address_redirect, counted_column_facet, facet_vars, join_facet_class,
         join_filters, warm_facet_counts, remember_page, atom_renderer, feed_queries, sort_vars, tie_breaking,
         moved_static_files, page_css_urls, page_filters, page_js_urls, page_vars, profile_route, search_functions,
         search_queries, search_vars, bad_request_page, guarded_connection, read_only_databases, robots_route,
         secured_responses)


def _register_whole():
    """Register this package's hooks with Datasette even when it was imported before Datasette.

    Datasette imports the package by its entry point while datasette.plugins loads. Imported
    first (by a script or a test), the package imports Datasette, which then finds it half
    made, with few or none of its hooks, and registers it so: register it again, whole.
    """
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    name = pm.get_name(module)
    if name is not None:
        pm.unregister(module)
        pm.register(module, name)


_register_whole()
