"""The desktop app (PySide6): a thin layer over the domain core.

``app.run_app`` starts it; ``main_window.MainWindow`` holds the menus, autosave and the
questionnaire (``wizard.Wizard``); the results widgets live in ``results``, ``detail``,
``compare``, ``browser`` and ``decide``. No widget filters options, weighs evidence or adds up
costs: that is ``rules`` and ``costs``.
"""
