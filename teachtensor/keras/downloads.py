"""Downloading a file once and keeping it: ``keras.utils.get_file``.

The datasets of ``keras.datasets`` are files on the web.  The first ``load_data()``
downloads its file into a cache folder; later calls find it there.  The folder is the
one Keras uses, so a file Keras downloaded is reused (and the other way round):

* ``$KERAS_HOME/datasets`` when the environment variable ``KERAS_HOME`` is set;
* else ``~/.keras/datasets``, or ``/tmp/.keras/datasets`` when the home folder cannot
  be written;
* and ``/tmp/.keras/datasets`` too when the folder chosen cannot be made or written.

(Keras reads ``KERAS_HOME`` once, when it is imported; here it is read at each call.)

Three habits make a download safe:

1. **A checksum.**  Each dataset module knows the SHA-256 (for a few old files the MD5)
   of the file its authors published: the hash Keras checks.  A file found in the cache
   is hashed before it is used, a downloaded one while it arrives.  A different hash
   means a damaged, incomplete or different file.
2. **A temporary name.**  The bytes go to ``<name>.part-<random digits>`` in the same
   folder, which is renamed to ``<name>`` only once it is complete and its hash is right.
   An interrupted download (Ctrl-C, a lost connection) is deleted, never left looking
   like a finished one, and a file already there is replaced only by a good one.
3. **Errors that say what to do.**  Offline, the error names the file, its URL and the
   exact folder to copy it into by hand.
"""
import hashlib
import http.client
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from .progbar import Progbar

CHUNK_BYTES = 1 << 20  # read and hash the file one MiB at a time


def get_file(fname=None, origin=None, file_hash=None, cache_subdir="datasets",
             hash_algorithm="auto", extract=False, cache_dir=None, force_download=False):
    """Download ``origin`` into the cache folder unless it is there already; its path.

    ``fname`` is the file's name in the folder (default: the last part of the URL);
    ``file_hash`` its expected SHA-256 or MD5 (``hash_algorithm="auto"`` tells them
    apart by length: 64 hex digits for SHA-256, 32 for MD5), checked on every call;
    ``cache_subdir`` the folder under the cache root (``"datasets"``; an absolute path
    is used as it is); ``cache_dir`` the cache root (default: ``$KERAS_HOME`` or
    ``~/.keras``).  A cached file whose hash is wrong is downloaded again.

    With ``extract=True`` the file is a tar or zip archive, unpacked into a folder whose
    path is returned, named as Keras names it: for ``fname="data.tar.gz"`` the archive
    is ``data.tar.gz`` and the folder ``data_extracted``; for ``fname="data"`` (or no
    ``fname``: the URL's name) the folder is ``data`` and the archive ``data_archive``.
    It is unpacked after each download, or when the folder is missing.

    Example::

        >>> import os, tempfile
        >>> folder = tempfile.mkdtemp()                          # (a stand-in for ~/.keras)
        >>> os.makedirs(os.path.join(folder, "datasets"))
        >>> with open(os.path.join(folder, "datasets", "notes.txt"), "w") as f:
        ...     _ = f.write("already here")
        >>> path = keras.utils.get_file("notes.txt", origin="https://example.com/notes.txt",
        ...                             cache_dir=folder)        # found: nothing downloaded
        >>> print(path == os.path.join(folder, "datasets", "notes.txt"))
        True
    """
    if origin is None:
        raise ValueError("get_file needs origin=: the URL to download the file from.")
    named = bool(fname)
    fname = os.fspath(fname) if named else _name_in_url(origin)
    if os.sep in fname or (os.altsep and os.altsep in fname):
        raise ValueError(f"fname={fname!r} is a path; give only the file's name, and "
                         f"choose its folder with cache_dir= (and cache_subdir=).")
    folder = os.path.join(cache_root(cache_dir), cache_subdir)
    os.makedirs(folder, exist_ok=True)
    target, extracted = os.path.join(folder, fname), None
    if extract and named and "." in fname:  # Keras's names: "data.tar.gz" -> data_extracted/
        extracted = os.path.join(folder, fname.split(".")[0] + "_extracted")
    elif extract:                          # "data" (or a name from the URL) -> data/
        extracted, target = target, os.path.join(folder, f"{fname}_archive")

    downloaded = False
    if force_download or not os.path.exists(target):
        _download(origin, target, file_hash, hash_algorithm)
        downloaded = True
    elif file_hash is not None and not _matches(target, file_hash, hash_algorithm):
        algorithm = _algorithm(file_hash, hash_algorithm)
        print(f"{target} is incomplete or outdated: its {algorithm} hash is not "
              f"{file_hash}; downloading it again.")
        _download(origin, target, file_hash, hash_algorithm, stale=True)
        downloaded = True

    if not extract:
        return target
    if downloaded or not os.path.isdir(extracted):
        _extract(target, extracted)
    return extracted


def cache_root(cache_dir=None):
    """The folder under which downloads are kept (``~/.keras``): see the module docstring."""
    if cache_dir is None:
        cache_dir = os.environ.get("KERAS_HOME")
    if not cache_dir:
        home = os.path.expanduser("~")
        cache_dir = os.path.join(home if os.access(home, os.W_OK) else "/tmp", ".keras")
    root = os.path.expanduser(cache_dir)
    try:
        os.makedirs(root, exist_ok=True)
    except OSError:
        pass  # not allowed here: the check below chooses /tmp/.keras
    if not os.access(root, os.W_OK):
        root = os.path.join("/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir(),
                            ".keras")
    return root


# ---- downloading --------------------------------------------------------------------

def _download(origin, target, file_hash, hash_algorithm, stale=False):
    """Fetch ``origin`` into ``target`` through a temporary file; check its hash first."""
    folder, fname = os.path.split(target)
    part_path = _temporary_name(target)
    try:
        print(f"Downloading data from {origin}")
        hasher = _hasher(file_hash, hash_algorithm)
        try:
            with open(part_path, "xb") as part:  # ("x": a new file, never an old one)
                _receive(origin, part, hasher)
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError,
                TimeoutError) as error:
            raise ConnectionError(_offline_message(fname, origin, folder, error, stale)) \
                from error
        if file_hash is not None and hasher.hexdigest() != str(file_hash):
            raise ValueError(
                f"The file {fname} downloaded from {origin} is not the one expected: its "
                f"{hasher.name} hash is {hasher.hexdigest()}, not {file_hash} (a damaged "
                f"download, or the file changed on the server). It was not kept"
                + (f"; {target} is unchanged." if os.path.exists(target) else ".")
                + f" Try again, or copy a correct {fname} into {folder}{os.sep} by hand.")
        os.replace(part_path, target)  # only a complete, checked file gets the real name
    finally:
        if os.path.exists(part_path):
            os.remove(part_path)  # interrupted or refused: never leave a partial file


def _temporary_name(path):
    """``path`` + ``.part-`` + 8 random hex digits: a name no other download is using."""
    return f"{path}.part-{os.urandom(4).hex()}"


def _receive(origin, out, hasher):
    """Copy the bytes of ``origin`` into the file ``out``, hashing them; draw a progress bar."""
    with urllib.request.urlopen(origin, timeout=60) as response:
        size = response.headers.get("Content-Length")
        total = int(size) if size else None
        progress = Progbar(total)
        done = 0
        while chunk := response.read(CHUNK_BYTES):
            out.write(chunk)
            hasher.update(chunk)
            done += len(chunk)
            progress.update(done, finalize=False)
        progress.update(done, finalize=True)
    if total is not None and done != total:
        raise ConnectionError(f"the connection closed after {done} of {total} bytes")


def _offline_message(fname, origin, folder, error, stale):
    reason = getattr(error, "reason", None) or error
    why = (f"The copy of {fname} in {folder} has the wrong checksum, so a new one is needed. "
           if stale else "")
    return (f"Could not download {fname} from {origin} ({reason}). {why}If this computer "
            f"is offline, download that URL on another one and copy the file into "
            f"{folder}{os.sep} under the name {fname}; the next call finds it there.")


def _name_in_url(origin):
    name = os.path.basename(urllib.parse.urlsplit(origin).path)
    if not name:
        raise ValueError(f"No file name at the end of the URL {origin!r}: give one "
                         f"with fname=.")
    return name


# ---- checksums ----------------------------------------------------------------------

def _algorithm(file_hash, hash_algorithm):
    """``"sha256"`` or ``"md5"``: as asked, or (``"auto"``) from the hash's length."""
    if hash_algorithm == "auto":
        return "sha256" if file_hash is not None and len(str(file_hash)) == 64 else "md5"
    if hash_algorithm not in ("sha256", "md5"):
        raise ValueError(f"hash_algorithm={hash_algorithm!r}: use 'sha256', 'md5' or "
                         f"'auto'.")
    return hash_algorithm


def _hasher(file_hash, hash_algorithm):
    return hashlib.new(_algorithm(file_hash, hash_algorithm))


def _matches(path, file_hash, hash_algorithm):
    """Whether the file at ``path`` has the hash ``file_hash``."""
    hasher = _hasher(file_hash, hash_algorithm)
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            hasher.update(chunk)
    return hasher.hexdigest() == str(file_hash)


# ---- unpacking ----------------------------------------------------------------------

def _extract(archive, destination):
    """Unpack a tar or zip ``archive`` into ``destination`` (replacing an older copy),
    through a temporary folder: a folder with the real name is always complete."""
    unpacking = _temporary_name(destination)
    os.makedirs(unpacking)
    try:
        if tarfile.is_tarfile(archive):
            with tarfile.open(archive) as tar:
                _extract_tar(tar, unpacking)
        elif zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(unpacking)  # (zipfile drops '..' and leading '/')
        else:
            raise ValueError(f"{archive} is neither a tar nor a zip archive, so it cannot "
                             f"be extracted; call get_file without extract=True to get "
                             f"the file itself.")
        if os.path.isdir(destination):
            shutil.rmtree(destination)  # unpacked from an older download of the archive
        os.replace(unpacking, destination)
    finally:
        if os.path.isdir(unpacking):
            shutil.rmtree(unpacking)


def _extract_tar(tar, folder):
    """Extract refusing members that would land outside ``folder`` (``../x``, ``/etc/x``),
    links and device files: an archive from the web must not write elsewhere."""
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4+ and 3.10.12+ know this rule
        tar.extractall(folder, filter="data")
        return
    root = os.path.realpath(folder)
    for member in tar.getmembers():
        path = os.path.realpath(os.path.join(root, member.name))
        if (os.path.commonpath([root, path]) != root or member.issym() or member.islnk()
                or member.isdev()):
            raise ValueError(f"The archive's member {member.name!r} would be written "
                             f"outside {folder} or is a link; it was not extracted.")
    tar.extractall(folder)
