"""One ``fig_<name>()`` per chart in the book, one module per chapter.

Each function takes tidy data (as loaded by :func:`sdbook.load`) and returns a Plotly
Figure; notebooks and tests call the same functions, so a chart is defined once.
Every chapter module's charts are re-exported here (``charts.fig_fleet_race``): its
``__all__`` if it has one, else its ``fig_*`` functions. A new chapter module needs no
edit here, and two modules defining one name is an import error, not a silent shadow.
"""

import importlib
import pkgutil

__all__: list[str] = []
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _name in getattr(_module, "__all__", [n for n in dir(_module) if n.startswith("fig_")]):
        if _name in globals():
            raise ImportError(f"sdbook.charts: {_name} is defined by two chart modules")
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
