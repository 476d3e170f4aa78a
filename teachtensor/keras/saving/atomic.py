"""Writing a file so that a failure never destroys the previous one.

``with replaced_atomically("model.keras") as temporary:`` gives the name of a new file
next to the target.  Write it completely; when the block ends without an error, the
temporary file is flushed to disk and renamed over the target in one step
(``os.replace``, atomic on every operating system teachtensor runs on).  When the block
fails — an error, a full disk, Ctrl-C — the temporary file is deleted and the target
is left exactly as it was.
"""
import os
import tempfile


class replaced_atomically:
    """``with replaced_atomically(path) as temporary:`` write ``temporary``; when the
    block succeeds it replaces ``path`` in one step, when it fails it is deleted and
    ``path`` is left as it was."""

    def __init__(self, path):
        # Through a symbolic link, replace the file it points to (the link stays).
        self.path = os.path.realpath(str(path))

    def __enter__(self):
        folder, name = os.path.split(self.path)
        if not os.path.isdir(folder):
            raise FileNotFoundError(f"cannot write {self.path!r}: the folder {folder!r} does "
                                    f"not exist; create it first, os.makedirs({folder!r})")
        if os.path.isdir(self.path):  # (said now, before anything is written)
            raise IsADirectoryError(f"cannot write {self.path!r}: it is a folder, not a "
                                    f"file; give the name of a file, e.g. "
                                    f"{os.path.join(self.path, 'model' + _suffix(name))!r}")
        handle, self.temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp",
                                                  dir=folder)
        os.close(handle)
        # mkstemp makes the file private (0600); give it the permissions the old file
        # had, or those a new file gets (0666 less the umask), as plain open() would.
        try:
            mode = os.stat(self.path).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)  # the only way to read the umask is to set it, and back
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.temporary, mode)
        return self.temporary

    def __exit__(self, kind, error, traceback):
        if kind is None:
            try:
                with open(self.temporary, "rb+") as f:
                    os.fsync(f.fileno())  # on disk before it takes the old file's place
                os.replace(self.temporary, self.path)
                return False
            except BaseException:
                self._remove()
                raise
        self._remove()
        return False

    def _remove(self):
        try:
            os.remove(self.temporary)
        except OSError:
            pass


def _suffix(name):
    """``.weights.h5`` for ``run.weights.h5``, ``.keras`` for ``run.keras``."""
    return name[name.index("."):] if "." in name.lstrip(".") else ""
