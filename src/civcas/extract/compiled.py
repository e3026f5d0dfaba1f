"""The extractor's hot modules compiled to C with mypyc, used only while they match the source.

`make install` compiles the modules in `COMPILED_MODULES` (scripts/compile_extract.py) into
build/mypyc, beside a manifest holding a digest of every source file of this package. When the
package is imported, `activate` puts that directory ahead of the sources on the package's search
path, so `civcas.extract.casualties` loads as C, but only if the digest still matches: a module
edited since the build (or a changed Python) silently falls back to the pure-Python source, never
to stale code. The compiled and pure extractors give the same output (tests/extract/test_compiled.py).

Set CIVCAS_PURE_PYTHON=1 to run the pure-Python modules anyway; CIVCAS_COMPILED_DIR to look
elsewhere than build/mypyc.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import MutableSequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The modules that do per-report work. Left out: the orchestration (`pipeline`, where a test
# replaces a stage, which compiled calls would not see), building the gazetteer, batch files and
# evaluation, which run once per batch, and `casualty_patterns`, which holds only constants.
COMPILED_MODULES = (
    "actor_terms",
    "actors",
    "casualties",
    "casualty_figures",
    "casualty_scan",
    "dates",
    "evidence",
    "gazetteer",
    "gazetteer_match",
    "geoparse",
    "numbers",
    "statements",
    "terms",
    "text",
    "victim_ages",
    "victim_coding",
    "victim_context",
    "victim_given_names",
    "victim_groups",
    "victim_kinship",
    "victim_names",
    "victim_roster",
    "victim_unnamed",
    "victims",
)
GROUP_NAME = "civcas_extract"  # names the shared library mypyc builds for the group
MANIFEST = "manifest.json"

ACTIVE = False  # set by `activate`: whether this process runs the compiled modules


def default_dir() -> Path:
    explicit = os.environ.get("CIVCAS_COMPILED_DIR")
    # src/civcas/extract -> the checkout's root
    return Path(explicit) if explicit else PACKAGE_DIR.parents[2] / "build" / "mypyc"


def source_digest() -> str:
    """Digest of every module of the package and of the interpreter: compiled code is only valid
    for the exact sources (types inferred from uncompiled modules included) and Python it was built from."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def activate(package_path: MutableSequence[str], directory: Path | None = None) -> bool:
    """Put the compiled modules ahead of the sources when they are current; report whether they are."""
    global ACTIVE
    if os.environ.get("CIVCAS_PURE_PYTHON"):
        return False
    root = directory or default_dir()
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("digest") != source_digest():
        return False
    package_path.insert(0, str(root / "civcas" / "extract"))
    if str(root) not in sys.path:
        sys.path.append(str(root))  # the group's shared library is a top-level module
    ACTIVE = True
    return True
