"""Build-time code of the book's site: the lesson platform every chapter uses.

Nothing here is imported by notebooks, so editing it never re-executes one: the notebook
cache's fingerprint leaves out this whole folder (:data:`.execution.BUILD_ONLY`).
:mod:`.plugin` is the MkDocs plugin (``sdbook`` in mkdocs.yml) that wires it together:

- :mod:`.execution`  runs each notebook once, reusing outputs from jupyter-cache;
- :mod:`.notebooks`  the notebooks the book publishes and their titles;
- :mod:`.embeds`     puts a notebook's named charts into chapter text (``::: chart``);
- :mod:`.quiz`       self-check quizzes from ```` ```quiz ```` blocks;
- :mod:`.glossary`   one glossary file → tooltips, key-terms boxes, the Glossary page;
- :mod:`.citations`  one bibliography → author–date citations and reference lists;
- :mod:`.furniture`  reading and notebook times, the phone table of contents;
- :mod:`.directives` finds ``::: name args`` lines and reports errors by file and line;
- :mod:`.pages`      finishing touches on built pages (notebook pages, relative links);
- :mod:`.kit`        the classroom kit's data zip and notebook launch links;
- :mod:`.printcopy`  the whole-book print page, fed each page's final HTML;
- :mod:`.serving`    fast rebuilds under ``book.py serve``;
- :mod:`.edition`    the version and date a build carries.
"""

from mkdocs.exceptions import PluginError


class BookBuildError(PluginError):
    """A problem in the book's sources; the message names the file (and line)."""
