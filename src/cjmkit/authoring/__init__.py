"""Authoring and interchange: starting maps, keeping them tidy, and moving them in and out of other tools.

Each concept lives in its own module: :mod:`~cjmkit.authoring.starter` (``init`` and
``new``), :mod:`~cjmkit.authoring.fmt`, :mod:`~cjmkit.authoring.csv_export` /
:mod:`~cjmkit.authoring.csv_import`, :mod:`~cjmkit.authoring.mermaid`,
:mod:`~cjmkit.authoring.kpi_update` and :mod:`~cjmkit.authoring.stats`.
"""
