<?xml version="1.0" encoding="utf-8"?>
<!-- The catalogue's Atom feeds as a page, for a reader who opens one in a browser
     (plugins/feed.py points the feeds here). Feed readers read the XML and ignore this. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <link rel="stylesheet" href="/-/static/app.css"/>
        <link rel="stylesheet" href="/assets/catalogue.css"/>
      </head>
      <body>
        <div class="skip-links"><a class="skip-link" href="#main">Skip to main content</a></div>
        <header><nav><p class="crumbs"><a href="{atom:author/atom:uri}">
          <xsl:value-of select="atom:author/atom:name"/></a></p></nav></header>
        <main class="content" id="main" tabindex="-1">
          <h1><xsl:value-of select="atom:title"/></h1>
          <p class="provenance">This is an Atom feed. To be told of new records, copy this page's
            address into a feed reader. Its newest records are below, newest first; the catalogue's
            <a href="whats_new">What's new</a> page lists more.</p>
          <ol class="results">
            <xsl:for-each select="atom:entry">
              <xsl:sort select="atom:updated" order="descending"/>
              <li class="result">
                <h2 class="title"><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></h2>
                <p class="meta">Added to PubMed <xsl:value-of select="substring(atom:updated, 1, 10)"/></p>
                <p class="snippet">
                  <xsl:value-of select="substring(atom:content, 1, 400)"/>
                  <xsl:if test="string-length(atom:content) &gt; 400">…</xsl:if>
                </p>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
