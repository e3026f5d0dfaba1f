"""Compile the extractor's per-report modules to C with mypyc, into build/mypyc (see civcas.extract.compiled).

    .venv/bin/python scripts/compile_extract.py [--out build/mypyc]

The extractor runs about a fifth faster compiled (docs/performance.md). The manifest, written last,
records the digest of the sources compiled; the package uses the build only while it matches. Needs
mypy (the dev extra) and a C compiler with the Python headers; without them the extractor stays pure
Python, and this script says why and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
sys.path.insert(0, str(SRC))

from civcas.extract import compiled  # noqa: E402  (after the path is set)


def build(out: Path) -> None:
    from mypyc.build import mypycify
    from setuptools import Distribution  # type: ignore[import-untyped]

    paths = [f"civcas/extract/{name}.py" for name in compiled.COMPILED_MODULES]
    digest = compiled.source_digest()
    with tempfile.TemporaryDirectory(prefix="civcas-mypyc-") as tmp:
        cwd = Path.cwd()
        os.chdir(SRC)  # mypyc names modules from the paths given, relative to here
        try:
            extensions = mypycify(paths, opt_level="3", group_name=compiled.GROUP_NAME, target_dir=tmp)
            dist = Distribution({"name": "civcas-extract-compiled", "ext_modules": extensions})
            command = dist.get_command_obj("build_ext")
            command.build_lib = str(Path(tmp) / "lib")
            command.build_temp = str(Path(tmp) / "obj")
            command.parallel = os.cpu_count() or 1
            dist.run_command("build_ext")
        finally:
            os.chdir(cwd)
        if compiled.source_digest() != digest:
            sys.exit("the sources changed while compiling; run again")
        manifest = {"digest": digest, "modules": list(compiled.COMPILED_MODULES), "python": sys.version}
        (Path(tmp) / "lib" / compiled.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        # Swapped in whole, so that a process loading the extractor meanwhile finds the old build or
        # the new one, not a half-copied directory.
        new, old = out.with_name(out.name + ".new"), out.with_name(out.name + ".old")
        for leftover in (new, old):
            shutil.rmtree(leftover, ignore_errors=True)
        shutil.copytree(Path(tmp) / "lib", new)
        if out.exists():
            out.rename(old)
        new.rename(out)
        shutil.rmtree(old, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=compiled.default_dir(), help="where the build goes")
    args = parser.parse_args()
    try:
        build(args.out.resolve())
    except Exception as exc:  # a missing compiler or mypy: the pure-Python extractor still works
        print(
            f"compile_extract: not compiled ({type(exc).__name__}: {exc}); the extractor runs as pure Python"
        )
        sys.exit(1)
    print(f"compile_extract: {len(compiled.COMPILED_MODULES)} modules compiled into {args.out}")


if __name__ == "__main__":
    main()
