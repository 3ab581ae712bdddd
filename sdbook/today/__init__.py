"""The dilemma today (chapter: today/index.md): one module per part of the chapter.

:mod:`.missile_defence` (part 1: missile defence, New START and the answers to both) and
:mod:`.south_china_sea` (part 2: spending, island-building and the timeline at sea).
"""
