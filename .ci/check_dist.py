"""Check what the built sdist and wheel hold (run by .ci/run after ``python -m build``).

The wheel must hold the package, its data (templates, the default firm, the example
content, ``py.typed``) and the licence, and no tests; the sdist must hold everything its
own test suite needs (the tests, their data with its licences, the sources, the licence).
Prints what each holds and exits 1 on anything missing or misplaced.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

WHEEL_MUST = (
    "pozo_site/__init__.py",
    "pozo_site/py.typed",
    "pozo_site/data/content/firm.yaml",
    "pozo_site/data/content/articles/nypd-detainer-requests-2017.md",
    "pozo_site/render/templates/contact.html.j2",
    "pozo_site/render/templates/contact.md.j2",
    "pozo_site/render/templates/contact.txt.j2",
    "pozo_site/render/templates/consultation_form.html.j2",
)
SDIST_MUST = (
    "LICENSE",
    "README.md",
    "pyproject.toml",
    "src/pozo_site/__init__.py",
    "src/pozo_site/py.typed",
    "tests/testdata.py",
    "tests/data/README.md",
    "tests/data/blns/blns.json",
    "tests/data/blns/LICENSE",
    "tests/data/sarif/sarif-schema-2.1.0.json",
    "tests/data/seed/firm-page.txt",
    "docs/_static/example-page.png",  # the browser test checks the docs' committed copy
    "examples/intake_app.py",
)


def check_wheel(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as wheel:
        names = wheel.namelist()
    problems = [f"wheel lacks {name}" for name in WHEEL_MUST if name not in names]
    problems += [f"wheel holds a test: {n}" for n in names if n.split("/")[0] == "tests"]
    if not any(n.endswith(".dist-info/licenses/LICENSE") for n in names):
        problems.append("wheel lacks the licence in .dist-info/licenses/")
    templates = sorted(n for n in names if n.endswith(".j2"))
    print(f"wheel {path.name}: {len(names)} files")
    for group, members in (
        ("modules", [n for n in names if n.endswith(".py")]),
        ("templates", templates),
        ("data", [n for n in names if n.startswith("pozo_site/data/")]),
        ("metadata", [n for n in names if ".dist-info/" in n]),
    ):
        print(f"  {group} ({len(members)}): " + ", ".join(m.split("/")[-1] for m in members))
    return problems


def check_sdist(path: Path) -> list[str]:
    with tarfile.open(path) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]
    problems = [f"sdist lacks {name}" for name in SDIST_MUST if name not in names]
    tests = [n for n in names if n.startswith("tests/") and n.endswith(".py")]
    if len(tests) < 10:
        problems.append(f"sdist holds only {len(tests)} test modules")
    tops = sorted({n.split("/")[0] for n in names})
    print(f"sdist {path.name}: {len(names)} files; top level: {', '.join(tops)}")
    print(
        f"  test modules: {len(tests)}; fixtures and data: "
        f"{sum(1 for n in names if n.startswith('tests/') and not n.endswith('.py'))}"
    )
    return problems


def main(dist: str) -> int:
    folder = Path(dist)
    wheels = sorted(folder.glob("*.whl"))
    sdists = sorted(folder.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"expected one wheel and one sdist in {folder}, found {wheels + sdists}")
        return 1
    problems = check_wheel(wheels[0]) + check_sdist(sdists[0])
    for problem in problems:
        print(f"check_dist: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
