"""The bundled report templates, compiled, kept between runs in the user's cache folder.

Compiling the person report's templates is about a fifth of a `report` run; jinja2 can keep
the compiled code (marshalled, like a .pyc) and check it against the template's source.
The compiled code also holds the interface texts translated at compile time
(views/render.py), so each language gets its own folder, named by a digest of what goes
into the compilation besides the source: the language, its catalog, jinja2's version and
the compiling code. A cache that cannot be read or written is no error: the template is
compiled as before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2
    from jinja2.bccache import Bucket


def cache_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("netzkompetenz", appauthor=False))


def bytecode_cache(lang: str, *inputs: Path) -> jinja2.BytecodeCache:
    """The cache for templates compiled in `lang`; `inputs`: the files whose content goes
    into the compiled code besides the template (the catalog, the compiling module)."""
    import jinja2
    from jinja2.bccache import BytecodeCache

    digest = hashlib.sha256(f"{jinja2.__version__}\0{lang}".encode())
    for path in inputs:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")  # no catalog for this language (English): nothing to add
    folder = cache_folder() / "templates" / f"{lang}-{digest.hexdigest()[:16]}"

    class FolderCache(BytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                data = (folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
            bucket.bytecode_from_string(data)  # a damaged file is reset by jinja2: compiled anew

        def dump_bytecode(self, bucket: Bucket) -> None:
            from netzkompetenz.errors import OutputError
            from netzkompetenz.io.files import atomic_write

            try:
                atomic_write(folder / f"{bucket.key}.cache", bucket.bytecode_to_string())
            except (OSError, OutputError):
                pass  # a full disk or a read-only home: the next run compiles again

    return FolderCache()
