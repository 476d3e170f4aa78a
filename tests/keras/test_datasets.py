"""keras.datasets and keras.utils.get_file, offline.

Every test works in a temporary ``KERAS_HOME`` holding tiny files in the real formats
(``fake_datasets.py``).  Their checksums are not those of the published files, so each
test replaces the dataset module's known hash (``mnist.FILE_HASH``, ...) by the fake
file's: the code that checks it is the code a student runs.  ``urllib.request.urlopen``
is replaced too: by default it fails as it does offline, and the download tests give it
a fake response.

The ``KERAS_*`` constants are what real Keras 3.15 returned for the same files and
options (``keras_reference/generate_datasets.py`` prints them).  One difference, on
purpose: when every kept text has the same length, Keras's ``np.array(texts,
dtype=object)`` makes a 2-D array (Reuters with ``maxlen=3`` gives shape (1, 2));
teachtensor always returns a 1-D array of lists, as for the real data.
"""
import hashlib
import io
import os
import tarfile
import urllib.error
import urllib.request

import numpy as np
import pytest

from teachtensor import keras
from teachtensor.keras import downloads
from teachtensor.keras.datasets import (boston_housing, cifar10, fashion_mnist, imdb,
                                        mnist, reuters)

from . import fake_datasets


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def md5(path):
    return hashlib.md5(open(path, "rb").read()).hexdigest()


def offline(url, *args, **kwargs):
    raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty KERAS_HOME, and no network."""
    folder = tmp_path / "keras_home"
    monkeypatch.setenv("KERAS_HOME", str(folder))
    monkeypatch.setattr(urllib.request, "urlopen", offline)
    return str(folder)


@pytest.fixture
def trust(monkeypatch):
    """``trust(module, name, path)``: the module's known hash ``name`` becomes the file's."""
    def trust(module, name, path):
        monkeypatch.setattr(module, name, (md5 if len(getattr(module, name)) == 32
                                           else sha256)(path))
    return trust


def folder_contents(home, subdir="datasets"):
    return sorted(os.listdir(os.path.join(home, subdir)))


# ---- the cache folder ----------------------------------------------------------------

def test_the_cache_is_keras_home_then_home_dot_keras_then_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))
    assert downloads.cache_root() == str(tmp_path / "kh")
    monkeypatch.delenv("KERAS_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert downloads.cache_root() == str(tmp_path / ".keras")
    assert downloads.cache_root("~/elsewhere") == str(tmp_path / "elsewhere")
    writable = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: writable(path, mode)
                        and not str(path).startswith(str(tmp_path)))
    monkeypatch.setattr(os, "makedirs", lambda *args, **kwargs: None)  # (leave /tmp alone)
    assert downloads.cache_root() == "/tmp/.keras"  # as Keras: home not writable
    assert downloads.cache_root(str(tmp_path / "mine")) == "/tmp/.keras"


def test_a_file_keras_downloaded_is_used_where_keras_keeps_it(home, trust):
    fake_datasets.write_mnist(home)
    trust(mnist, "FILE_HASH", os.path.join(home, "datasets", "mnist.npz"))
    (x_train, y_train), (x_test, y_test) = mnist.load_data()  # offline: found, not fetched
    assert x_train.shape == (6, 28, 28) and x_test.shape == (4, 28, 28)


# ---- downloading ---------------------------------------------------------------------

class FakeResponse(io.BytesIO):
    """What urlopen returns, with ``Content-Length``; optionally failing mid-way."""

    def __init__(self, data, length=None, fail_after=None, error=ConnectionResetError):
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data) if length is None else length)}
        self.fail_after, self.error, self.served = fail_after, error, 0

    def read(self, size=-1):
        if self.fail_after is not None and self.served >= self.fail_after:
            raise self.error("connection reset by peer")
        chunk = super().read(min(size, 1000) if size and size > 0 else size)
        self.served += len(chunk)
        return chunk


def serve(monkeypatch, data, **options):
    urls = []

    def urlopen(url, *args, **kwargs):
        urls.append(url)
        return FakeResponse(data, **options)
    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return urls


@pytest.fixture
def mnist_bytes(tmp_path):
    """The bytes of a fake mnist.npz (written elsewhere than the cache)."""
    path = fake_datasets.write_mnist(str(tmp_path / "elsewhere"))[0]
    return open(path, "rb").read(), path


def test_a_download_shows_progress_is_checked_and_renamed(home, trust, monkeypatch,
                                                          mnist_bytes, capsys):
    data, path = mnist_bytes
    trust(mnist, "FILE_HASH", path)
    urls = serve(monkeypatch, data)
    (x_train, _), _ = mnist.load_data()
    assert urls == [mnist.ORIGIN]
    out = capsys.readouterr().out
    assert f"Downloading data from {mnist.ORIGIN}" in out
    assert f"{len(data)}/{len(data)} [==============================]" in out  # the bar
    assert folder_contents(home) == ["mnist.npz"]  # no temporary file left
    saved = os.path.join(home, "datasets", "mnist.npz")
    assert open(saved, "rb").read() == data
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(saved).st_mode & 0o777 == 0o666 & ~umask  # as any file you save
    mnist.load_data()  # the second call finds it
    assert urls == [mnist.ORIGIN]


def test_offline_the_error_names_the_file_the_url_and_the_folder(home):
    with pytest.raises(ConnectionError) as error:
        mnist.load_data()
    message = str(error.value)
    folder = os.path.join(home, "datasets")
    for part in ["mnist.npz", mnist.ORIGIN, folder + os.sep, "name resolution", "offline"]:
        assert part in message
    assert folder_contents(home) == []


def test_a_wrong_checksum_keeps_nothing_and_says_so(home, monkeypatch, mnist_bytes):
    data, _ = mnist_bytes
    serve(monkeypatch, data)  # the real hash of mnist.npz: these bytes do not match it
    with pytest.raises(ValueError) as error:
        mnist.load_data()
    message = str(error.value)
    assert "mnist.npz" in message and mnist.ORIGIN in message
    assert mnist.FILE_HASH in message and hashlib.sha256(data).hexdigest() in message
    assert folder_contents(home) == []


def test_a_cached_file_with_a_wrong_checksum_is_replaced_only_by_a_good_one(
        home, trust, monkeypatch, mnist_bytes, capsys):
    data, path = mnist_bytes
    cached = os.path.join(home, "datasets", "mnist.npz")
    os.makedirs(os.path.dirname(cached))
    with open(cached, "wb") as f:
        f.write(b"an old or damaged copy")
    trust(mnist, "FILE_HASH", path)
    with pytest.raises(ConnectionError, match="wrong checksum"):
        mnist.load_data()  # offline: the old copy stays as it was
    serve(monkeypatch, data[:-1] + b"?")  # a damaged download: refused, old copy stays
    with pytest.raises(ValueError, match="unchanged"):
        mnist.load_data()
    assert open(cached, "rb").read() == b"an old or damaged copy"
    serve(monkeypatch, data)
    mnist.load_data()
    assert "downloading it again" in capsys.readouterr().out
    assert open(cached, "rb").read() == data and folder_contents(home) == ["mnist.npz"]


@pytest.mark.parametrize("error", [ConnectionResetError, KeyboardInterrupt])
def test_an_interrupted_download_leaves_no_partial_file(home, trust, monkeypatch,
                                                        mnist_bytes, error):
    data, path = mnist_bytes
    trust(mnist, "FILE_HASH", path)
    serve(monkeypatch, data, fail_after=3000, error=error)
    with pytest.raises(ConnectionError if error is ConnectionResetError else error):
        mnist.load_data()
    assert folder_contents(home) == []


def test_a_short_download_without_a_hash_is_refused(home, monkeypatch):
    serve(monkeypatch, b"12345", length=10)  # the server promised 10 bytes, sent 5
    with pytest.raises(ConnectionError, match="5 of 10 bytes"):
        keras.utils.get_file("x.bin", origin="https://example.com/x.bin")
    assert folder_contents(home) == []


# ---- keras.utils.get_file ------------------------------------------------------------

def test_get_file_names_hashes_and_folders(home, monkeypatch, tmp_path):
    urls = serve(monkeypatch, b"hello")
    path = keras.utils.get_file(origin="https://example.com/files/hello.txt",
                                file_hash=hashlib.md5(b"hello").hexdigest())  # md5: 32 digits
    assert path == os.path.join(home, "datasets", "hello.txt")
    keras.utils.get_file("hello.txt", origin="https://example.com/files/hello.txt",
                         file_hash=hashlib.sha256(b"hello").hexdigest())
    assert len(urls) == 1  # cached, and the hash checked with sha256
    keras.utils.get_file("hello.txt", origin="https://example.com/files/hello.txt",
                         force_download=True)
    assert len(urls) == 2
    other = keras.utils.get_file("h.txt", origin="https://x.org/h.txt",
                                 cache_dir=str(tmp_path / "c"), cache_subdir="mine")
    assert other == str(tmp_path / "c" / "mine" / "h.txt")
    with pytest.raises(ValueError, match="cache_dir"):
        keras.utils.get_file(os.path.join("a", "b.txt"), origin="https://x.org/b.txt")
    with pytest.raises(ValueError, match="origin"):
        keras.utils.get_file("b.txt")


def test_get_file_extracts_archives_with_keras_names(home, monkeypatch, tmp_path):
    archive = tmp_path / "a.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("inside/note.txt")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    serve(monkeypatch, archive.read_bytes())
    folder = keras.utils.get_file("data.tar.gz", origin="https://x.org/data.tar.gz",
                                  extract=True)
    assert folder == os.path.join(home, "datasets", "data_extracted")
    folder = keras.utils.get_file("data", origin="https://x.org/data.tar.gz", extract=True)
    assert folder == os.path.join(home, "datasets", "data")
    assert open(os.path.join(folder, "inside", "note.txt")).read() == "hi"
    assert folder_contents(home) == ["data", "data.tar.gz", "data_archive", "data_extracted"]


# ---- the datasets --------------------------------------------------------------------

def test_mnist_arrays_come_back_as_stored(home, trust):
    path = fake_datasets.write_mnist(home, name="my_mnist.npz")[0]
    trust(mnist, "FILE_HASH", path)
    (x_train, y_train), (x_test, y_test) = mnist.load_data(path="my_mnist.npz")
    stored = np.load(path)
    for array, name in [(x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"),
                        (y_test, "y_test")]:
        assert array.dtype == np.uint8
        np.testing.assert_array_equal(array, stored[name])


def test_fashion_mnist_reads_the_idx_files(home):
    fake_datasets.write_fashion_mnist(home)  # (no checksum: Keras knows none)
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    # Keras 3.15 on these files: uint8 (5, 28, 28), (5,), (3, 28, 28), (3,); y_test [0 1 2]
    assert (x_train.shape, y_train.shape, x_test.shape, y_test.shape) == \
        ((5, 28, 28), (5,), (3, 28, 28), (3,))
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    assert y_test.tolist() == [0, 1, 2] and x_train[0, 0, 5] == 5 and x_test[2, 27, 27] == \
        (3 * 784 - 1) % 251
    x_train[0, 0, 0] = 1  # writable (Keras's arrays, from np.frombuffer, are not)


# (options, x_train, y_train, x_test, y_test) from Keras 3.15 on fake_datasets' imdb.npz
KERAS_IMDB = [
    ({}, [[1, 7, 4], [1, 4, 5, 6], [1, 5], [1, 8, 9, 10, 11, 12], [1, 6, 4, 7, 4, 8, 12]],
     [0, 1, 0, 1, 1], [[1, 6, 6, 2], [1, 4, 5, 6, 7], [1, 11, 5], [1, 10]], [0, 1, 0, 1]),
    ({"num_words": 8},
     [[1, 7, 4], [1, 4, 5, 6], [1, 5], [1, 2, 2, 2, 2, 2], [1, 6, 4, 7, 4, 2, 2]],
     [0, 1, 0, 1, 1], [[1, 6, 6, 2], [1, 4, 5, 6, 7], [1, 2, 5], [1, 2]], [0, 1, 0, 1]),
    ({"skip_top": 5},
     [[2, 7, 2], [2, 2, 5, 6], [2, 5], [2, 8, 9, 10, 11, 12], [2, 6, 2, 7, 2, 8, 12]],
     [0, 1, 0, 1, 1], [[2, 6, 6, 2], [2, 2, 5, 6, 7], [2, 11, 5], [2, 10]], [0, 1, 0, 1]),
    ({"maxlen": 4}, [[1, 7, 4], [1, 5]], [0, 0], [[1, 2, 5], [1, 10]], [0, 1]),
    ({"seed": 0},
     [[1, 8, 9, 10, 11, 12], [1, 4, 5, 6], [1, 7, 4], [1, 5], [1, 6, 4, 7, 4, 8, 12]],
     [1, 1, 0, 0, 1], [[1, 6, 6, 2], [1, 10], [1, 4, 5, 6, 7], [1, 11, 5]], [0, 1, 1, 0]),
    ({"start_char": None},
     [[7, 4], [4, 5, 6], [5], [8, 9, 10, 11, 12], [6, 4, 7, 4, 8, 12]],
     [0, 1, 0, 1, 1], [[6, 6, 2], [4, 5, 6, 7], [11, 5], [10]], [0, 1, 0, 1]),
    ({"oov_char": None, "num_words": 8},
     [[1, 7, 4], [1, 4, 5, 6], [1, 5], [1], [1, 6, 4, 7, 4]],
     [0, 1, 0, 1, 1], [[1, 6, 6], [1, 4, 5, 6, 7], [1, 5], [1]], [0, 1, 0, 1]),
    ({"start_char": None, "index_from": 0},
     [[4, 1], [1, 2, 3], [2], [5, 6, 7, 8, 9], [3, 1, 4, 1, 5, 9]],
     [0, 1, 0, 1, 1], [[3, 3, 2], [1, 2, 3, 4], [8, 2], [7]], [0, 1, 0, 1]),
    ({"num_words": 9, "skip_top": 4, "oov_char": 7, "index_from": 2},
     [[7, 6, 7], [7, 7, 4, 5], [7, 4], [7, 7, 8, 7, 7, 7], [7, 5, 7, 6, 7, 7, 7]],
     [0, 1, 0, 1, 1], [[7, 5, 5, 7], [7, 7, 4, 5, 6], [7, 7, 4], [7, 7]], [0, 1, 0, 1]),
]


@pytest.mark.parametrize("options, x_train, y_train, x_test, y_test", KERAS_IMDB,
                         ids=[str(case[0]) for case in KERAS_IMDB])
def test_imdb_options_give_what_keras_gives(home, trust, options, x_train, y_train,
                                            x_test, y_test):
    npz, word_index = fake_datasets.write_imdb(home)
    trust(imdb, "FILE_HASH", npz)
    (xa, ya), (xb, yb) = imdb.load_data(**options)
    assert xa.dtype == object and xa.ndim == 1 and ya.dtype == np.int64
    assert [xa.tolist(), ya.tolist(), xb.tolist(), yb.tolist()] == \
        [x_train, y_train, x_test, y_test]
    assert all(type(i) is int for text in xa for i in text)  # Python ints, as in Keras


def test_imdb_word_index_and_a_maxlen_that_keeps_nothing(home, trust):
    npz, word_index = fake_datasets.write_imdb(home)
    trust(imdb, "FILE_HASH", npz)
    trust(imdb, "WORD_INDEX_HASH", word_index)  # an MD5, as Keras's
    assert imdb.get_word_index() == fake_datasets.WORD_INDEX
    with pytest.raises(ValueError, match="maxlen=2 keeps no review"):
        imdb.load_data(maxlen=2)


KERAS_REUTERS = [
    ({}, [[1, 12], [1, 4, 4, 10, 11], [1, 8, 8, 8, 8, 8], [1, 6, 7, 8], [1, 4, 5],
          [1, 9, 10], [1, 5, 12, 6], [1, 11, 4, 5]], [0, 19, 4, 4, 3, 3, 1, 11],
     [[1, 9], [1, 2, 7]], [3, 45]),
    ({"test_split": 0.3}, [[1, 12], [1, 4, 4, 10, 11], [1, 8, 8, 8, 8, 8], [1, 6, 7, 8],
                           [1, 4, 5], [1, 9, 10], [1, 5, 12, 6]], [0, 19, 4, 4, 3, 3, 1],
     [[1, 11, 4, 5], [1, 9], [1, 2, 7]], [11, 3, 45]),
    ({"seed": 1}, [[1, 9], [1, 12], [1, 8, 8, 8, 8, 8], [1, 5, 12, 6], [1, 4, 5],
                   [1, 4, 4, 10, 11], [1, 6, 7, 8], [1, 9, 10]], [3, 0, 4, 1, 3, 19, 4, 3],
     [[1, 11, 4, 5], [1, 2, 7]], [11, 45]),
    ({"maxlen": 3}, [[1, 2]], [0], [[1, 9]], [3]),  # (Keras: 2-D object arrays here)
    ({"num_words": 8, "skip_top": 4},
     [[2, 2], [2, 4, 4, 2, 2], [2, 2, 2, 2, 2, 2], [2, 6, 7, 2], [2, 4, 5], [2, 2, 2],
      [2, 5, 2, 6], [2, 2, 4, 5]], [0, 19, 4, 4, 3, 3, 1, 11], [[2, 2], [2, 2, 7]], [3, 45]),
    ({"start_char": None, "oov_char": None},
     [[12], [4, 4, 10, 11], [8, 8, 8, 8, 8], [6, 7, 8], [4, 5], [9, 10], [5, 12, 6],
      [11, 4, 5]], [0, 19, 4, 4, 3, 3, 1, 11], [[9], [7]], [3, 45]),
]


@pytest.mark.parametrize("options, x_train, y_train, x_test, y_test", KERAS_REUTERS,
                         ids=[str(case[0]) for case in KERAS_REUTERS])
def test_reuters_options_give_what_keras_gives(home, trust, options, x_train, y_train,
                                               x_test, y_test):
    npz, _ = fake_datasets.write_reuters(home)
    trust(reuters, "FILE_HASH", npz)
    (xa, ya), (xb, yb) = reuters.load_data(**options)
    assert xa.dtype == object and xa.ndim == 1 and ya.dtype == np.int64
    assert [xa.tolist(), ya.tolist(), xb.tolist(), yb.tolist()] == \
        [x_train, y_train, x_test, y_test]


def test_reuters_word_index_and_label_names(home, trust):
    _, word_index = fake_datasets.write_reuters(home)
    trust(reuters, "WORD_INDEX_HASH", word_index)
    assert reuters.get_word_index() == fake_datasets.WORD_INDEX
    names = reuters.get_label_names()
    assert len(names) == 46 and names[:5] == ("cocoa", "grain", "veg-oil", "earn", "acq")
    assert names[-1] == "lead"


# (options, row ids of x_train, of x_test) from Keras 3.15; y = 10 + row id
KERAS_BOSTON = [
    ({}, [4, 3, 8, 7, 1, 0, 10, 6], [9, 2, 5]),
    ({"test_split": 0.3}, [4, 3, 8, 7, 1, 0, 10], [6, 9, 2, 5]),
    ({"seed": 5}, [5, 8, 2, 10, 4, 7, 1, 0], [9, 6, 3]),
    ({"test_split": 0.0}, [4, 3, 8, 7, 1, 0, 10, 6, 9, 2, 5], []),
]


@pytest.mark.parametrize("options, train_rows, test_rows", KERAS_BOSTON,
                         ids=[str(case[0]) for case in KERAS_BOSTON])
def test_boston_housing_split_is_keras_split(home, trust, options, train_rows, test_rows):
    trust(boston_housing, "FILE_HASH", fake_datasets.write_boston_housing(home)[0])
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data(**options)
    assert x_train.shape == (len(train_rows), 13) and x_test.shape == (len(test_rows), 13)
    assert x_train.dtype == y_train.dtype == np.float64
    assert x_train[:, 0].tolist() == train_rows and x_test[:, 0].tolist() == test_rows
    np.testing.assert_array_equal(y_train, 10.0 + x_train[:, 0])


def test_boston_housing_refuses_a_test_split_of_one(home):
    with pytest.raises(ValueError, match="test_split=1.0"):
        boston_housing.load_data(test_split=1.0)


def test_cifar10_reads_the_batches_from_the_archive(home, trust):
    trust(cifar10, "FILE_HASH", fake_datasets.write_cifar10(home, per_batch=2, test=3)[0])
    (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    assert (x_train.shape, y_train.shape, x_test.shape, y_test.shape) == \
        ((10, 32, 32, 3), (10, 1), (3, 32, 32, 3), (3, 1))
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    assert y_train[:, 0].tolist() == [i % 10 for i in range(10)]
    rows = fake_datasets.cifar_batch(1000, 3)[b"data"]  # the test batch: red, green, blue
    np.testing.assert_array_equal(x_test[1, :, :, 2], rows[1, 2048:].reshape(32, 32))
    assert folder_contents(home) == [fake_datasets.CIFAR_ARCHIVE]  # nothing unpacked
