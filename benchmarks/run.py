"""Time cjm as whole processes against reference tools, on generated corpora.

    python benchmarks/run.py            # every case (about 20 minutes on 2 cores)
    python benchmarks/run.py --quick    # small corpora only, for a sanity check
    python benchmarks/run.py --only validate

For each command: one warm-up run (also used to sample the memory of the whole
process tree), then ``--runs`` timed runs (default 5); the table shows the
median wall time, the spread, the peak memory (RSS) and, for each case, the
ratio to its references. A case and its references are timed in turns (case,
reference, case, reference...), so a machine that speeds up or slows down
during the run moves both sides of a ratio alike.  Results are printed as a
markdown table and written to ``benchmarks/results/``.

Cases are data (see ``build_cases``): add a row for a new command there.  A case
whose ``cjm`` verb does not exist yet shows "n/a"; a command that fails shows
"failed" with its exit code, and the run goes on.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (the generator next to this file)

BIN = Path(sys.executable).parent
SCHEMA = REPO / "schemas" / "journey.schema.json"
PAGE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------
# What is measured


@dataclass(frozen=True)
class Cmd:
    """One command line, run as a whole process."""

    label: str
    argv: tuple[str, ...]
    cwd: Path | None = None
    ok_codes: frozenset[int] = frozenset({0})
    needs_verb: str | None = None  # the cjm sub-command it needs, for "n/a"
    env: tuple[tuple[str, str], ...] = ()  # set for this command only


@dataclass(frozen=True)
class Target:
    """A goal: ``ratio`` times the reference's median, an absolute time in ms, or a peak memory in MB."""

    text: str
    max_ratio: float | None = None
    max_ms: float | None = None
    max_rss_mb: float | None = None


@dataclass(frozen=True)
class Case:
    group: str
    cmd: Cmd
    references: tuple[tuple[Cmd, Target | None], ...] = ()
    target: Target | None = None  # absolute target on the command itself


@dataclass
class Measurement:
    cmd: Cmd
    status: str = "ok"  # ok | n/a | missing | failed
    detail: str = ""
    times: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # user + system seconds, the process and its workers
    load: float = 0.0  # the highest 1-minute load average seen while it ran
    peak_rss: int = 0  # bytes, whole process tree

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


# --------------------------------------------------------------------------
# Running one process and watching its memory


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: split after the last ')'.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_rss(root: int) -> int:
    tree = _children_of()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
    return total


def run_once(cmd: Cmd, sample_memory: bool) -> tuple[float, float, int, int, str]:
    """Run ``cmd``; (wall seconds, CPU seconds, exit code, peak RSS bytes, start of stderr).

    The peak is the largest single process as the kernel saw it (``wait4``),
    or, with ``sample_memory``, the sum over the process tree sampled every
    10 ms, whichever is larger.  Sampling costs CPU, so timed runs skip it.
    """
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", **dict(cmd.env))
    env.pop("GITHUB_ACTIONS", None)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd.argv, cwd=cmd.cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.wait(0.01):
                peak = max(peak, _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True) if sample_memory else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        if sampler:
            stop.set()
            sampler.join()
        err.seek(0)
        message = err.read(2000).decode(errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, proc.returncode, max(peak, usage.ru_maxrss * 1024), message


_verbs: dict[str, bool] = {}


def verb_exists(verb: str) -> bool:
    if verb not in _verbs:
        proc = subprocess.run([str(BIN / "cjm"), verb, "--help"], capture_output=True)
        _verbs[verb] = proc.returncode == 0
    return _verbs[verb]


def measure_case(case: Case, runs: int, budget: float, log: Callable[[str], None]) -> dict[Cmd, Measurement]:
    """Warm each command of ``case`` up, then time them in turns, ``runs`` rounds.

    Each command gets fewer runs if its runs would take more than ``budget`` seconds
    (at least 1): check-jsonschema on 1,000 maps takes minutes per run and varies little.
    """
    cmds = list(dict.fromkeys((case.cmd, *(ref for ref, _ in case.references))))
    results = {cmd: Measurement(cmd) for cmd in cmds}
    allowed: dict[Cmd, int] = {}
    for cmd in cmds:
        result = results[cmd]
        exe = Path(cmd.argv[0])
        if exe.is_absolute() and not exe.exists():
            result.status, result.detail = "missing", f"{exe.name} not found next to {sys.executable}"
            continue
        if cmd.needs_verb and not verb_exists(cmd.needs_verb):
            result.status, result.detail = "n/a", f"no 'cjm {cmd.needs_verb}' command yet"
            continue
        warm, _, code, peak, message = run_once(cmd, sample_memory=True)  # warm-up
        if code not in cmd.ok_codes:
            first = next((line for line in message.splitlines() if line.strip()), "")
            result.status, result.detail = "failed", f"exit {code}: {first[:160]}"
            continue
        result.peak_rss = peak
        allowed[cmd] = max(1, min(runs, int(budget / max(warm, 1e-3))))
    for round_ in range(max(allowed.values(), default=0)):
        for cmd, count in allowed.items():
            if round_ >= count:
                continue
            result = results[cmd]
            # Other work on the machine skews wall times: note the load so a reader can tell.
            result.load = max(result.load, os.getloadavg()[0])
            elapsed, cpu, _, peak, _ = run_once(cmd, sample_memory=False)
            result.times.append(elapsed)
            result.cpu.append(cpu)
            result.peak_rss = max(result.peak_rss, peak)
            result.load = max(result.load, os.getloadavg()[0])
    for cmd in allowed:
        log(f"  {cmd.label}: {results[cmd].median * 1000:.0f} ms (load {results[cmd].load:.1f})")
    return results


# --------------------------------------------------------------------------
# The corpora (generated once, reused while the generator and its options are unchanged)


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    opts: corpus.CorpusOptions
    history: int = 0


def corpus_stamp(spec: CorpusSpec) -> str:
    source = (HERE / "corpus.py").read_bytes()
    return hashlib.sha256(source + repr(spec).encode()).hexdigest()


def ensure_corpus(base: Path, spec: CorpusSpec, log: Callable[[str], None]) -> Path:
    root = base / spec.name
    stamp = root / ".stamp"
    if stamp.is_file() and stamp.read_text() == corpus_stamp(spec):
        return root
    log(f"generating corpus {spec.name} ...")
    corpus.generate(root, spec.opts)
    ok, output = corpus.check_valid(root, str(BIN / "cjm"))
    if not ok:
        # Benchmarking cjm on files it rejects would time the error path: refuse.
        tail = "\n".join(output.strip().splitlines()[-5:])
        raise SystemExit(f"the generated corpus {spec.name} does not validate:\n{tail}")
    if spec.history:
        corpus.make_history(root, spec.history, 10, spec.opts.seed)
    stamp.write_text(corpus_stamp(spec))
    return root


def ensure_versions(base: Path, log: Callable[[str], None]) -> tuple[Path, Path]:
    """Two versions of one map of about 1 MB, for ``cjm diff OLD NEW``."""
    spec = CorpusSpec("large", corpus.CorpusOptions(maps=1, kb=(1000, 1000)))
    root = ensure_corpus(base, spec, log)
    old, new = root / "versions" / "old.cjm.yaml", root / "versions" / "new.cjm.yaml"
    if not new.is_file():
        old.parent.mkdir(exist_ok=True)
        map_spec = corpus.load_specs(root)[0]
        old.write_text(corpus.render_map(map_spec), encoding="utf-8")
        new.write_text(corpus.changed_version(map_spec, 3), encoding="utf-8")
    return old, new


def journey_files(root: Path) -> list[str]:
    return [str(p) for p in sorted((root / "journeys").glob("*.cjm.yaml"))]


# --------------------------------------------------------------------------
# The cases


def build_cases(base: Path, quick: bool, log: Callable[[str], None]) -> list[Case]:
    cjm = str(BIN / "cjm")
    py = sys.executable
    jsonschema = (str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA))
    yamllint = str(BIN / "yamllint")
    floor = (py, str(HERE / "floor.py"))
    any_exit = frozenset({0, 1})  # lint and yamllint exit 1 when they find something

    cases: list[Case] = [
        Case(
            "start-up",
            Cmd("cjm --version", (cjm, "--version")),
            (
                (Cmd("python -c pass", (py, "-c", "pass")), None),
                (Cmd("yamllint --version", (yamllint, "--version")), None),
                (Cmd("check-jsonschema --version", (jsonschema[0], "--version")), None),
            ),
            Target("< 60 ms", max_ms=60),
        )
    ]

    one = ensure_corpus(base, CorpusSpec("one-6kb", corpus.CorpusOptions(maps=1, kb=(6, 6))), log)
    one_file = journey_files(one)[0]
    cases.append(
        Case(
            "one 6 KB map",
            Cmd("cjm validate (one 6 KB map)", (cjm, "validate", one_file), one),
            (
                (Cmd("check-jsonschema (one 6 KB map)", (*jsonschema, one_file)), Target("<= 0.5x", 0.5)),
                (Cmd("yamllint (one 6 KB map)", (yamllint, one_file), ok_codes=any_exit), None),
                (Cmd("libyaml parse (one 6 KB map)", (*floor, one_file)), None),
            ),
        )
    )
    validate_one = cases[-1].cmd
    lint_one = Cmd("cjm lint (one 6 KB map)", (cjm, "lint", one_file), one, any_exit, "lint")
    cases.append(Case("one 6 KB map", lint_one, ((validate_one, Target("<= 1.3x", 1.3)),)))
    # The default install's path: the built-in Graphviz, PNG drawn by resvg.
    one_out = base / "render-out"
    one_out.mkdir(exist_ok=True)
    report_one = Cmd(
        "cjm render html, built-in Graphviz (one 6 KB map)",
        (cjm, "render", one_file, "--engine", "embedded", "-o", str(one_out / "one-6kb.html")),
        one,
        needs_verb="render",
    )
    cases.append(Case("one 6 KB map", report_one, ((validate_one, Target("<= 3x", 3.0)),)))
    png_one = Cmd(
        "cjm render png, built-in Graphviz (one 6 KB map)",
        (cjm, "render", one_file, "--engine", "embedded", "-o", str(one_out / "one-6kb.png")),
        one,
        needs_verb="render",
    )
    cases.append(Case("one 6 KB map", png_one, target=Target("< 1 s", max_ms=1000)))

    sizes = [10, 100] if quick else [10, 100, 1000]
    history_on = sizes[-1]
    corpora: dict[int, Path] = {}
    for n in sizes:
        spec = CorpusSpec(f"maps-{n}", corpus.CorpusOptions(maps=n, kb=(20, 60)), 3 if n == history_on else 0)
        root = corpora[n] = ensure_corpus(base, spec, log)
        files = journey_files(root)
        group = f"{n} maps of 20-60 KB"
        validate = Cmd(f"cjm validate ({n} maps)", (cjm, "validate", "journeys"), root)
        cases.append(
            Case(
                group,
                validate,
                (
                    (
                        Cmd(f"check-jsonschema ({n} maps)", (*jsonschema, *files)),
                        Target("<= 0.25x", 0.25) if n == 1000 else None,
                    ),
                    (
                        Cmd(f"libyaml parse ({n} maps)", (*floor, *files)),
                        Target("<= 2x", 2.0) if n == 1000 else None,
                    ),
                ),
            )
        )
        lint = Cmd(f"cjm lint ({n} maps)", (cjm, "lint", "journeys"), root, any_exit, "lint")
        cases.append(Case(group, lint, ((validate, Target("<= 1.3x", 1.3)),)))
        plan = Cmd(f"cjm plan ({n} maps)", (cjm, "plan", "journeys"), root, any_exit, "plan")
        cases.append(Case(group, plan, ((validate, Target("<= 1.5x", 1.5) if n == 1000 else None),)))

    cases.extend(fmt_cases(base, cjm, corpora[100], quick, log))

    # Render: one map of each size, to SVG and to HTML.
    out = base / "render-out"
    out.mkdir(exist_ok=True)
    for tps in [50, 500] if quick else [50, 500, 2000]:
        spec = CorpusSpec(f"tp-{tps}", corpus.CorpusOptions(maps=1, kb=None, touchpoints=(tps, tps)))
        root = ensure_corpus(base, spec, log)
        path = journey_files(root)[0]
        for fmt in ("svg", "html"):
            cmd = Cmd(
                f"cjm render {fmt} ({tps} touchpoints)",
                (cjm, "render", path, "--format", fmt, "-o", str(out / f"tp-{tps}.{fmt}")),
                root,
                needs_verb="render",
            )
            target = Target("< 5 s", max_ms=5000) if tps == 2000 else None
            target = Target("< 2 s", max_ms=2000) if tps == 500 and fmt == "html" else target
            cases.append(Case("render", cmd, target=target))
    site_root = corpora[sizes[-1]]
    cases.append(
        Case(
            "render",
            Cmd(
                f"cjm render --site ({sizes[-1]} maps)",
                (cjm, "render", "--site", str(out / "site")),
                site_root,
                needs_verb="render",
            ),
        )
    )

    # Diff: two 1 MB versions of one map; and the working tree against the
    # previous commit, which changed 10 maps, compared with validating those 10.
    old, new = ensure_versions(base, log)
    cases.append(
        Case(
            "diff",
            Cmd("cjm diff (two 1 MB versions)", (cjm, "diff", str(old), str(new)), old.parent.parent, any_exit, "diff"),
            target=Target("< 1 s", max_ms=1000),
        )
    )
    changed = subprocess.run(
        ["git", "diff", "--name-only", "HEAD~1", "HEAD"], cwd=site_root, capture_output=True, text=True, check=True
    ).stdout.split()
    cases.append(
        Case(
            "diff",
            Cmd(
                f"cjm diff HEAD~1 ({history_on} maps, 10 changed)", (cjm, "diff", "HEAD~1"), site_root, any_exit, "diff"
            ),
            (
                (
                    Cmd(f"cjm validate (the {len(changed)} changed maps)", (cjm, "validate", *changed), site_root),
                    Target("<= 1x", 1.0),
                ),
            ),
        )
    )
    cases.extend(history_cases(base, cjm, log))
    return cases


def history_cases(base: Path, cjm: str, log: Callable[[str], None]) -> list[Case]:
    """``cjm history`` over 100 maps and 200 commits of 10 changed maps: first run (no cache) and warm."""
    import shutil

    spec = CorpusSpec("history-100", corpus.CorpusOptions(maps=100, kb=(20, 60)), 200)
    root = ensure_corpus(base, spec, log)
    cache = base / "history-cache"
    shutil.rmtree(cache, ignore_errors=True)  # the warm-up run fills it; the timed runs read it
    group = "history: 100 maps x 200 commits"
    cold = Cmd(
        "cjm history, first run (--no-cache)", (cjm, "history", "--no-cache", "-f", "csv"), root, needs_verb="history"
    )
    warm = Cmd(
        "cjm history, warm cache",
        (cjm, "history", "-f", "csv"),
        root,
        needs_verb="history",
        env=(("CJM_CACHE_DIR", str(cache)),),
    )
    return [
        # Its peak memory (target < 300 MB) is in the table's peak RSS column.
        Case(group, cold, target=Target("<= 10 s", max_ms=10_000)),
        Case(group, warm, target=Target("<= 1 s", max_ms=1000)),
    ]


def ensure_tidy_copy(base: Path, source: Path, cjm: str, log: Callable[[str], None]) -> Path:
    """A copy of the corpus at ``source`` that ``cjm fmt`` has laid out (the state a pre-commit hook sees)."""
    import shutil

    root = base / f"{source.name}-tidy"
    stamp = (source / ".stamp").read_text()
    if not (root / ".stamp").is_file() or (root / ".stamp").read_text() != stamp:
        log(f"copying {source.name} and formatting it ...")
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git"))
    # Run every time: what "tidy" means follows the cjm being measured.
    subprocess.run([cjm, "fmt", "journeys"], cwd=root, capture_output=True, check=True)
    return root


def fmt_cases(base: Path, cjm: str, maps_100: Path, quick: bool, log: Callable[[str], None]) -> list[Case]:
    """fmt --check on 100 tidy maps against validate on the same files; fmt of one ~600-line map and of a 10 MB
    map that both need formatting (``--check`` does all of fmt's work but the write, and leaves them untidy)."""
    cases = []
    tidy = ensure_tidy_copy(base, maps_100, cjm, log)
    cases.append(
        Case(
            "fmt",
            Cmd("cjm fmt --check (100 tidy maps)", (cjm, "fmt", "--check", "journeys"), tidy, needs_verb="fmt"),
            ((Cmd("cjm validate (100 tidy maps)", (cjm, "validate", "journeys"), tidy), Target("<= 2x", 2.0)),),
        )
    )
    sizes = [("600-line map", 20, Target("< 300 ms", max_ms=300))]
    if not quick:
        sizes.append(("10 MB map", 10_000, Target("peak RSS < 500 MB", max_rss_mb=500)))
    for label, kb, target in sizes:
        root = ensure_corpus(base, CorpusSpec(f"one-{kb}kb", corpus.CorpusOptions(maps=1, kb=(kb, kb))), log)
        path = journey_files(root)[0]
        cmd = Cmd(f"cjm fmt --check (one {label})", (cjm, "fmt", "--check", path), root, frozenset({0, 1}), "fmt")
        ref = Cmd(f"cjm validate (one {label})", (cjm, "validate", path), root)
        cases.append(Case("fmt", cmd, ((ref, None),), target))
    return cases


# --------------------------------------------------------------------------
# Reporting


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 10 else f"{ms:.1f}"


def _verdict(value: float | None, limit: float | None) -> str:
    if value is None or limit is None:
        return ""
    return "met" if value <= limit else "**missed**"


def _figures(m: Measurement) -> str:
    if m.status != "ok":
        return f"| {m.status} | {m.detail} | | | |"
    spread = f"{_ms(min(m.times))}-{_ms(max(m.times))} ({len(m.times)} runs)"
    cpu = statistics.median(m.cpu)
    return f"| {_ms(m.median)} | {spread} | {cpu:.2f} | {m.peak_rss / 2**20:.0f} | {m.load:.1f} |"


def markdown(cases: list[Case], measured: list[dict[Cmd, Measurement]], runs: int) -> str:
    """One row per command; a case's references follow it, with the ratio of the case to each."""
    lines = [
        "| case | command | median ms | min-max ms | CPU s | peak RSS MB | load | ratio | CPU ratio | target "
        "| verdict |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for case, results in zip(cases, measured, strict=True):
        m = results[case.cmd]
        target = case.target
        verdict = _verdict(m.median * 1000, target.max_ms) if target and m.status == "ok" else ""
        if target and target.max_rss_mb is not None and m.status == "ok":
            verdict = _verdict(m.peak_rss / 2**20, target.max_rss_mb)
        lines.append(
            f"| {case.group} | **{case.cmd.label}** {_figures(m)} | | {target.text if target else ''} | {verdict} |"
        )
        for ref, ref_target in case.references:
            r = results[ref]
            both = m.status == "ok" and r.status == "ok"
            ratio = f"{m.median / r.median:.2f}x" if both else ""
            cpu_ratio = f"{statistics.median(m.cpu) / statistics.median(r.cpu):.2f}x" if both else ""
            verdict = _verdict(m.median / r.median, ref_target.max_ratio) if both and ref_target else ""
            lines.append(
                f"| | vs {ref.label} {_figures(r)} {ratio} | {cpu_ratio} | {ref_target.text if ref_target else ''} "
                f"| {verdict} |"
            )
    lines.append("")
    lines.append(
        f"Wall time: median of {runs} runs after one warm-up (fewer when they would exceed the time budget), "
        "each a whole process, a case and its references timed in turns; ratio: the case's median over "
        "the reference's. CPU s: user + system time of the process and its workers (median); CPU ratio: the same "
        "ratio on CPU time, which other work on the machine disturbs much less than wall time. Peak RSS: the whole "
        "process tree (sampled during the warm-up) or the largest single process (from the kernel), whichever is "
        "larger. Load: the highest 1-minute load average seen during the runs (above the core count, other work "
        "was competing for the CPU and wall times are inflated)."
    )
    return "\n".join(lines) + "\n"


def _portable(arg: str, corpus_dir: Path) -> str:
    """An argument without this machine's folders, so results can be shared."""
    for folder, name in ((corpus_dir, "<corpus>"), (BIN, "<bin>"), (REPO, "<repo>")):
        arg = arg.replace(str(folder), name)
    return arg


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "os": platform.platform(),
    }
    for package in ("cjmkit", "pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "typer", "PyYAML",
                    "check-jsonschema", "yamllint"):  # fmt: skip
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    with contextlib.suppress(OSError):
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    return info


def compile_cjmkit(log: Callable[[str], None]) -> None:
    """Compile cjmkit's modules to bytecode first, as pip does when it installs a package.

    An editable install run with ``PYTHONDONTWRITEBYTECODE`` set (or from a read-only
    checkout) would otherwise compile every module on every start, which the
    reference tools, installed from wheels, never do: 30-40 ms of a one-map run.
    """
    import compileall

    import cjmkit

    package = Path(cjmkit.__file__).parent
    if not compileall.compile_dir(str(package), quiet=1):
        log(f"warning: could not compile {package} to bytecode; start-up figures include compiling")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small corpora only (no 1,000 maps, no 2,000 touchpoints)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command after the warm-up (default 5)")
    parser.add_argument(
        "--budget",
        type=float,
        default=240,
        help="seconds of timed runs per command at most (default 240): slower commands get fewer runs, at least 1",
    )
    parser.add_argument("--only", help="only cases whose group or command matches this regular expression")
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cjmkit-bench",
        help="where generated corpora are kept between runs (default: the system temp folder)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where to write the results")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    missing = [name for name in ("cjm", "check-jsonschema", "yamllint") if not (BIN / name).exists()]
    if missing:
        log(f"warning: not found next to {sys.executable}: {', '.join(missing)} (those cases show 'missing')")
        log("  install them into the same environment: pip install check-jsonschema yamllint pyyaml")
    compile_cjmkit(log)
    args.corpus_dir.mkdir(parents=True, exist_ok=True)
    cases = build_cases(args.corpus_dir, args.quick, log)
    if args.only:
        pattern = re.compile(args.only, re.I)
        cases = [c for c in cases if pattern.search(c.group) or pattern.search(c.cmd.label)]

    info = machine()
    name = dt.datetime.now().strftime("%Y%m%d-%H%M%S") + ("-quick" if args.quick else "")
    measured: list[dict[Cmd, Measurement]] = []
    done: list[Case] = []
    for case in cases:
        log(f"{case.group}: {case.cmd.label}")
        measured.append(measure_case(case, args.runs, args.budget, log))
        done.append(case)
        # Written after every case, so a long run that is stopped still leaves its figures.
        table = write_results(args.out, name, info, done, measured, args)
    print(table)
    print(", ".join(f"{k} {v}" for k, v in info.items()))
    log(f"written: {args.out / name}.md and .json")
    return 0


def write_results(
    out: Path,
    name: str,
    info: dict[str, str],
    cases: list[Case],
    measured: list[dict[Cmd, Measurement]],
    args: argparse.Namespace,
) -> str:
    table = markdown(cases, measured, args.runs)
    header = ", ".join(f"{k} {v}" for k, v in info.items())
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.md").write_text(f"# Benchmark {info['date']}\n\n{header}\n\n{table}", encoding="utf-8")
    raw = {
        "machine": info,
        "runs": args.runs,
        "results": [
            {
                "case": case.cmd.label,
                "command": m.cmd.label,
                "argv": [_portable(a, args.corpus_dir) for a in m.cmd.argv[:6]],
                "status": m.status,
                "detail": m.detail,
                "times_ms": [round(t * 1000, 2) for t in m.times],
                "median_ms": round(m.median * 1000, 2) if m.times else None,
                "cpu_s": [round(c, 3) for c in m.cpu],
                "load": round(m.load, 2),
                "peak_rss_mb": round(m.peak_rss / 2**20, 1),
            }
            for case, results in zip(cases, measured, strict=True)
            for m in results.values()
        ],
    }
    (out / f"{name}.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return table


if __name__ == "__main__":
    sys.exit(main())
