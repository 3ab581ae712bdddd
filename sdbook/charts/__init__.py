"""One ``fig_<name>()`` per chart in the book, one module per chapter.

Each function takes tidy data (as loaded by :func:`sdbook.load`) and returns a Plotly
Figure; notebooks and tests call the same functions, so a chart is defined once.
Every chapter module's charts are re-exported here (``charts.fig_fleet_race``): its
``__all__`` if it has one, else the ``fig_*`` functions it defines. A new chapter module needs no
edit here, and two modules defining one name is an import error, not a silent shadow.
"""

import importlib
import pkgutil

__all__: list[str] = []
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    _own = [n for n in dir(_module) if n.startswith("fig_")
            and getattr(getattr(_module, n), "__module__", None) == _module.__name__]
    for _name in getattr(_module, "__all__", _own):
        if _name in globals():
            raise ImportError(f"sdbook.charts: {_name} is defined by two chart modules")
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
