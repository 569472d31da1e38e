"""Drawing journeys for people: Graphviz diagrams, the HTML report, a static site, Mermaid and Markdown.

- :mod:`cjmkit.rendering.dot` builds DOT source (the flow and blueprint views);
- :mod:`cjmkit.rendering.engine` lays DOT out with the system ``dot`` or the embedded Graphviz;
- :mod:`cjmkit.rendering.report` builds the self-contained HTML report;
- :mod:`cjmkit.rendering.site` writes every journey of a workspace as a static site;
- :mod:`cjmkit.rendering.mermaid` and :mod:`cjmkit.rendering.markdown` write text that wikis render.

Every renderer takes the journey and its effective catalog
(:attr:`cjmkit.validation.CheckedJourney.catalog`, the workspace's merged with the
journey's); given None, it names things from the journey's own catalog.
"""
