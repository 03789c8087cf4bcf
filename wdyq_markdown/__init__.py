"""网贷逾期应对指南's Markdown: the markers, the page dates and the glossary tooltips as a Python-Markdown
extension (``wdyq_markdown.extension`` in mkdocs.yml's ``markdown_extensions``), so that any engine that renders
pages with Python-Markdown (MkDocs, ProperDocs, Zensical …) writes them, without the MkDocs plugin API.

* :mod:`.markers`: ``[[src:…]]``, ``[[table:…]]``, ``[[channels:…]]``, ``[[calculator:…]]``, one grammar;
* :mod:`.footer`: each page's 最后核实 line from what it cites, and the content rules that fail the build;
* :mod:`.tables`: the tables the markers write, from ``calculators/data``;
* :mod:`.tooltips`: the first occurrence of each glossary term becomes ``<abbr title=…>``;
* :mod:`.extension`: the glue to Python-Markdown (imports ``markdown``; the modules above need only the standard
  library and ``calculators``).

Installed with the project (``pip install -e .``, pyproject.toml lists the package), so the engine imports it from
the environment like any other extension; the calculators wheel the browser gets does not include it.
"""
