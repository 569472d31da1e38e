"""Command-line entry point."""

from __future__ import annotations

import gc
import os
import sys

from cjmkit.errors import WorkerError, WorkerLost

#: Allocations between two runs of the youngest garbage-collector generation (Python's default: 700).
GC_THRESHOLD = 200_000


def main(argv: list[str] | None = None) -> None:
    """Run ``cjm``. ``--version`` and plain ``validate``, ``lint``, ``diff`` and ``history`` answer before typer."""
    try:
        _run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # The reader went away (`cjm lint | head`): stop quietly, with no traceback and
        # no second error when Python flushes standard output on exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(2)
    except WorkerLost as err:
        sys.stderr.write(f"cjm: error: {err}\n")
        sys.exit(2)
    except WorkerError as err:
        sys.stderr.write(f"cjm: error: a worker process failed: {err}\n")
        sys.exit(2)


def _run(args: list[str]) -> None:
    # cjm builds large trees of small dicts, lists and models that never form cycles.
    # With Python's default thresholds the cycle collector rescans those trees again
    # and again while they grow: a fifth of the time of a 1 MB diff. Collections still
    # happen, only less often, so memory stays bounded. Only the command line does this:
    # a program that imports cjmkit keeps its own settings.
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    if args in (["--version"], ["-V"]):
        from cjmkit import __version__

        sys.stdout.write(f"cjm {__version__}\n")
        return
    # cjm uses no Pydantic plugins; looking them up scans every installed package's
    # metadata, which costs start-up time on every run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true"):  # unless the user wants plugins
        _skip_pydantic_plugin_loader()
    if args[:1] in (["validate"], ["lint"], ["diff"], ["history"]):
        from cjmkit.cli.quick import QUICK_COMMANDS

        parse, run = QUICK_COMMANDS[args[0]]
        options = parse(args[1:])
        if options is not None:
            sys.exit(run(**options))
    from cjmkit.cli.app import app

    app(args=args, prog_name="cjm")


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _skip_pydantic_plugin_loader() -> None:
    """Answer Pydantic's "which plugins?" without importing ``importlib.metadata``.

    With plugins disabled Pydantic still imports its plugin loader when it builds
    the first validator, and the loader imports ``importlib.metadata`` (with email,
    zipfile and csv): 25-35 ms of every run, for an answer that is "none". This
    stand-in answers "none" directly. Anything else asked of it loads the real
    loader, so a Pydantic release that changes its internals costs only the time.
    """
    if _PLUGIN_LOADER in sys.modules:
        return
    import types

    loader = types.ModuleType(_PLUGIN_LOADER)

    def get_plugins(*args: object, **kwargs: object) -> tuple[()]:
        return ()

    def real_attribute(name: str) -> object:
        if name.startswith("__"):  # the import system asking about a module (__path__...), not Pydantic
            raise AttributeError(name)
        import importlib

        del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = real_attribute  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = loader
