"""The performance suite: every figure of the performance targets, beside its yardstick.

Run by hand, never in the test suite::

    python -m pip install ".[bench]"
    python benchmarks/suite.py            # 1k and 10k articles (a few minutes)
    python benchmarks/suite.py --full     # adds the 100k-article scale run
    python benchmarks/suite.py --quick    # 2k articles instead of 10k, one repeat fewer

Each case runs as a whole command in a child process, as a user or CI runs it, and each
yardstick runs in the same session, interleaved with it (so machine noise hits both alike);
the table gives medians of several runs, the ratio and the target. Runs of under a
second (targets 3, 4 and 5) take :data:`SHORT` times as many: their medians of 3 moved
by a fifth between suites of the same code on a 2-core machine. Peak memory is the
child's maximum resident set size (``wait4``). Folders are written by
``benchmarks/generate.py`` into a temporary folder and removed afterwards.

Yardsticks:

- *read+YAML floor*: read every article, split off its front matter and load it with
  PyYAML's C loader; nothing a checker could skip.
- *read+YAML+Markdown floor*: the same plus a markdown-it-py parse of every body.
- *check-jsonschema*: the same front matter written out as YAML files, validated against
  ``pozo-site schema article`` (it checks far less than ``pozo-site check``).
- *imports*: ``import pydantic, phonenumbers`` and the whole runtime set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build_site  # the benchmark folder is not a package

PYTHON = sys.executable
SHORT = 3
"""How many times the repeats the runs of under a second take."""
FLOOR = r"""
import sys, pathlib, yaml
parse = None
if sys.argv[2] == "md":
    from markdown_it import MarkdownIt
    parse = MarkdownIt("commonmark").parse
elif sys.argv[2] == "check-md":  # the parse the check makes (inline pass only where needed)
    from pozo_site.check._rules._markdown import _tokens as parse
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    yaml.load(front, Loader=loader)
    if parse is not None:
        parse(body)
"""
RUNTIME_IMPORTS = "import pydantic, yaml, phonenumbers, markdown_it, jinja2"
# `import pydantic` loads a stub: the model machinery is imported when a first model is
# made. Any check of a file makes one, so this is the least a one-file check can cost.
RUNTIME_IN_USE = RUNTIME_IMPORTS + "\nclass M(pydantic.BaseModel):\n    x: int\nM(x=1)"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


def run(command: Sequence[str], *, cwd: Path | None = None) -> Run:
    """Run a command to completion; its wall time and peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in (0, 1):  # 1: the check found errors, as it should
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def medians(
    variants: dict[str, Callable[[], Run]], repeat: int, before: Callable[[], None] | None = None
) -> dict[str, Run]:
    """Run each variant ``repeat`` times, interleaved; the median time and the worst memory."""
    samples: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, variant in variants.items():
            if before is not None:
                before()
            samples[name].append(variant())
    return {
        name: Run(statistics.median(r.seconds for r in runs), max(r.peak_mib for r in runs))
        for name, runs in samples.items()
    }


def check_supports(flag: str) -> bool:
    help_text = subprocess.run(
        [PYTHON, "-m", "pozo_site", "check", "--help"], capture_output=True, text=True, check=True
    ).stdout
    return flag in help_text


class Suite:
    def __init__(self, root: Path, repeat: int) -> None:
        self.root = root
        self.repeat = repeat
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.cache = root / "cache"
        self.has_cache = check_supports("--cache-dir")
        self.has_jobs = check_supports("--jobs")

    def check(self, *paths: Path, cache: bool = False, jobs: int | None = None) -> list[str]:
        command = [PYTHON, "-m", "pozo_site", "check", "--format", "json", "--exit-zero"]
        if self.has_cache:
            command += ["--cache-dir", str(self.cache)] if cache else ["--no-cache"]
        if jobs is not None and self.has_jobs:
            command += ["--jobs", str(jobs)]
        return command + [str(p) for p in paths]

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def row(self, case: str, ours: Run, name: str, theirs: Run, target: float | None) -> None:
        ratio = ours.seconds / theirs.seconds
        verdict = "" if target is None else ("yes" if ratio <= target else "NO")
        self.rows.append(
            (
                case,
                f"{ours.seconds:.3f} s ({ours.peak_mib:.0f} MiB)",
                f"{name}: {theirs.seconds:.3f} s",
                f"{ratio:.2f}x",
                "" if target is None else f"<= {target:g}x",
                verdict,
            )
        )

    def site(self, count: int, *, pages: bool = False) -> Path:
        folder = self.root / f"{'pages' if pages else 'site'}-{count}"
        if not folder.exists():
            build_site(folder, count, pages=pages)
        return folder

    def front_matter_copies(self, site: Path) -> tuple[Path, list[Path]]:
        """The front matter of every article as its own YAML file, and the article schema."""
        out = self.root / f"{site.name}-front-matter"
        if not out.exists():
            out.mkdir()
            for path in sorted((site / "articles").glob("*.md")):
                front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
                (out / f"{path.stem}.yaml").write_text(front, encoding="utf-8")
        schema = self.root / "article.schema.json"
        if not schema.exists():
            text = subprocess.run(
                [PYTHON, "-m", "pozo_site", "schema", "article"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            json.loads(text)  # a schema, or the run stops here
            schema.write_text(text, encoding="utf-8")
        return schema, sorted(out.glob("*.yaml"))

    def jsonschema(self, schema: Path, files: list[Path]) -> list[str]:
        tool = shutil.which("check-jsonschema", path=str(Path(PYTHON).parent))
        if tool is None:
            raise SystemExit('check-jsonschema is missing: python -m pip install ".[bench]"')
        return [tool, "--schemafile", str(schema), *map(str, files)]

    def big_folder(self, count: int) -> None:
        site = self.site(count)
        floor = [PYTHON, "-c", FLOOR, str(site), "yaml"]
        markdown_floor = [PYTHON, "-c", FLOOR, str(site), "check-md"]
        schema, copies = self.front_matter_copies(site)
        times = medians(
            {
                "check": lambda: run(self.check(site)),
                "serial": lambda: run(self.check(site, jobs=1)),
                "floor": lambda: run(floor),
                "markdown": lambda: run(markdown_floor),
                "jsonschema": lambda: run(self.jsonschema(schema, copies)),
            },
            self.repeat,
            before=self.clear_cache,
        )
        label = f"{count:,} articles"
        self.row(f"1. {label}, cold", times["check"], "read+YAML floor", times["floor"], 1.5)
        self.row(
            f"1. {label}, cold, one process",
            times["serial"],
            "read+YAML floor",
            times["floor"],
            None,
        )
        self.row(
            "1. why: read+YAML+the check's Markdown parse",
            times["markdown"],
            "read+YAML floor",
            times["floor"],
            None,
        )
        self.row(
            f"2. {label} vs check-jsonschema",
            times["check"],
            "check-jsonschema",
            times["jsonschema"],
            0.2,
        )
        run(self.check(site, cache=True))  # fill the cache
        warm = medians(
            {"check": lambda: run(self.check(site, cache=True)), "floor": lambda: run(floor)},
            self.repeat * SHORT,
        )
        note = "" if self.has_cache else " (no cache yet)"
        self.row(
            f"3. {label}, second run{note}", warm["check"], "read+YAML floor", warm["floor"], 0.3
        )
        changed = site / "articles" / "article-000007.md"
        alone = self.root / f"alone-{count}" / "article-000007.md"

        def change() -> None:
            text = changed.read_text(encoding="utf-8") + "\nOne more line.\n"
            changed.write_text(text, encoding="utf-8")
            alone.parent.mkdir(exist_ok=True)
            alone.write_text(text, encoding="utf-8")

        one = medians(
            {
                "check": lambda: run(self.check(changed, cache=True)),
                "jsonschema": lambda: run(self.jsonschema(schema, copies[7:8])),
                "in use": lambda: run([PYTHON, "-c", RUNTIME_IN_USE]),
                "alone": lambda: run(self.check(alone)),
            },
            self.repeat * SHORT,
            before=change,
        )
        self.row(
            f"4. one changed file in {label}, cache warm",
            one["check"],
            "check-jsonschema, 1 file",
            one["jsonschema"],
            1.0,
        )
        self.row(
            "4. why: runtime deps, one pydantic model made",
            one["in use"],
            "check-jsonschema, 1 file",
            one["jsonschema"],
            None,
        )
        self.row(
            "4. why: the same file alone, no folder around it",
            one["alone"],
            "check-jsonschema, 1 file",
            one["jsonschema"],
            None,
        )

    def small_cases(self) -> None:
        alone = self.root / "alone"
        if not alone.exists():
            alone.mkdir()
            shutil.copy(self.site(1_000) / "articles" / "article-000003.md", alone / "a.md")
        times = medians(
            {
                "check": lambda: run(self.check(alone / "a.md")),
                "imports": lambda: run([PYTHON, "-c", RUNTIME_IMPORTS]),
                "in use": lambda: run([PYTHON, "-c", RUNTIME_IN_USE]),
            },
            self.repeat * SHORT,
        )
        self.row("4. one file alone", times["check"], "import runtime deps", times["imports"], 1.3)
        self.row(
            "4. why: runtime deps, one pydantic model made",
            times["in use"],
            "import runtime deps",
            times["imports"],
            None,
        )
        ours, theirs = self.import_times()
        self.rows.append(
            (
                "5. import pozo_site",
                f"{ours * 1000:.1f} ms",
                f"import pydantic, phonenumbers: {theirs * 1000:.1f} ms",
                f"{ours / theirs:.2f}x",
                "<= 1.3x",
                "yes" if ours / theirs <= 1.3 else "NO",
            )
        )

    def import_times(self) -> tuple[float, float]:
        def timed_import(statement: str) -> float:
            code = f"import time; t = time.perf_counter(); {statement}; "
            code += "print(time.perf_counter() - t)"
            out = subprocess.run(
                [PYTHON, "-c", code], capture_output=True, text=True, check=True
            ).stdout
            return float(out)

        ours, theirs = [], []
        for _ in range(self.repeat * SHORT):
            ours.append(timed_import("import pozo_site"))
            theirs.append(timed_import("import pydantic, phonenumbers"))
        return statistics.median(ours), statistics.median(theirs)

    def pages(self, count: int) -> None:
        site = self.site(count, pages=True)
        times = medians(
            {
                "check": lambda: run(self.check(site)),
                "floor": lambda: run([PYTHON, "-c", FLOOR, str(site), "md"]),
            },
            self.repeat,
            before=self.clear_cache,
        )
        self.row(
            f"6. {count:,} pages of 12 KB, cold",
            times["check"],
            "read+YAML+markdown-it floor",
            times["floor"],
            1.0,
        )

    def scale(self, counts: Sequence[int]) -> None:
        base: Run | None = None
        for count in counts:
            site = self.site(count)
            self.clear_cache()
            result = run(self.check(site))
            if base is None:
                base = result
                growth = ""
            else:
                growth = f"{result.seconds / base.seconds:.1f}x time for {count // counts[0]}x"
            cores = f"{os.cpu_count()} processes" if self.has_jobs else "one core"
            self.rows.append(
                (
                    f"7. scale: {count:,} articles",
                    f"{result.seconds:.2f} s ({result.peak_mib:.0f} MiB)",
                    cores,
                    growth,
                    "< 300 MiB at 100k; linear",
                    "" if count < 100_000 else ("yes" if result.peak_mib < 300 else "NO"),
                )
            )
            if count >= 100_000:
                shutil.rmtree(site)  # a large folder is not kept for later cases

    def phone(self) -> None:
        script = Path(__file__).resolve().parent / "phone_figures.py"
        out = subprocess.run(
            [PYTHON, str(script)], capture_output=True, text=True, check=True
        ).stdout
        figures = json.loads(out)
        seen = figures["pet_seen"] / figures["ours_seen"]
        self.rows.append(
            (
                "8. PhoneNumber, seen before",
                f"{figures['ours_seen'] * 1e6:.2f} us",
                f"pydantic-extra-types: {figures['pet_seen'] * 1e6:.2f} us",
                f"{seen:.1f}x faster",
                ">= 20x faster",
                "yes" if seen >= 20 else "NO",
            )
        )
        new = figures["ours_new"] / figures["raw_new"]
        self.rows.append(
            (
                "8. PhoneNumber, never seen",
                f"{figures['ours_new'] * 1e6:.2f} us",
                f"phonenumbers parse+valid+format: {figures['raw_new'] * 1e6:.2f} us",
                f"{new:.2f}x",
                "<= 1.1x",
                "yes" if new <= 1.1 else "NO",
            )
        )
        other = figures["ours_other"] / figures["raw_other"]
        self.rows.append(
            (
                "8. why: never seen, a London number (no fast path)",
                f"{figures['ours_other'] * 1e6:.2f} us",
                f"phonenumbers parse+valid+format: {figures['raw_other'] * 1e6:.2f} us",
                f"{other:.2f}x",
                "",
                "",
            )
        )

    def print(self) -> None:
        headers = ("case", "pozo-site", "yardstick, same run", "ratio", "target", "met")
        widths = [max(len(r[i]) for r in [headers, *self.rows]) for i in range(6)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        print(line.format(*headers))
        print(line.format(*("-" * w for w in widths)))
        for r in self.rows:
            print(line.format(*r))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="add the 100k-article scale run")
    parser.add_argument("--quick", action="store_true", help="2k articles instead of 10k")
    parser.add_argument("--repeat", type=int, default=3, help="runs per median (default 3)")
    args = parser.parse_args(argv)
    big = 2_000 if args.quick else 10_000
    repeat = max(1, args.repeat - (1 if args.quick else 0))
    with tempfile.TemporaryDirectory(prefix="pozo-bench-") as name:
        suite = Suite(Path(name), repeat)
        started = time.perf_counter()
        load_before = " / ".join(f"{value:.1f}" for value in os.getloadavg())
        suite.big_folder(big)
        suite.small_cases()
        suite.pages(1_000 if args.quick else 3_000)
        suite.scale([1_000, 10_000, 100_000] if args.full else [1_000, big])
        suite.phone()
        load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
        print(
            f"pozo-site benchmark suite: {os.cpu_count()} cores, Python "
            f"{sys.version.split()[0]}, medians of {repeat} ({repeat * SHORT} for targets 3-5), "
            f"{time.perf_counter() - started:.0f} s in all; load average {load} at the end "
            f"({load_before} at the start)"
        )
        suite.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
