"""Build-time code of the book's site: the lesson platform every chapter uses.

Nothing here is imported by notebooks, so editing it never re-executes one (the
notebook cache is keyed on the rest of the package). ``sdbook/mkdocs_hooks.py``
wires these modules into MkDocs:

- :mod:`.execution`  runs each notebook once, reusing outputs from jupyter-cache;
- :mod:`.embeds`     puts a notebook's named charts into chapter text (``::: chart``);
- :mod:`.quiz`       self-check quizzes from ```` ```quiz ```` blocks;
- :mod:`.glossary`   one glossary file → tooltips, key-terms boxes, the Glossary page;
- :mod:`.citations`  one bibliography → author–date citations and reference lists;
- :mod:`.furniture`  reading and notebook times, the phone table of contents;
- :mod:`.directives` finds ``::: name args`` lines and reports errors by file and line.
"""

from mkdocs.exceptions import PluginError


class BookBuildError(PluginError):
    """A problem in the book's sources; the message names the file (and line)."""
