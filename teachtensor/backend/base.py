"""The backend interface: every method the rest of teachtensor may call on an array.

A *backend* owns arrays on one device and computes with them.  Everything above this
folder (tensors, variables, the tape, the operations, Keras, the data pipeline) treats
an array as opaque: it may read its metadata — ``.shape`` (a tuple of ints), ``.dtype``
(a NumPy dtype), ``.ndim`` and ``.size`` — and must ask its backend for everything
else.  That is what lets one tensor live in GPU memory and another in main memory with
the same code on top (a strict test backend in ``tests/`` checks that nothing else
leaks through).

Conventions for every method:

* arrays in, arrays out, of this backend; a result is a new array unless the method
  says it *may share memory* with an input (then the caller must treat the input as
  lent: see ``Tensor._lend``);
* dtypes are NumPy dtypes; elementwise methods follow NumPy's broadcasting rules and
  raise ``ValueError`` when shapes do not broadcast;
* axes are already checked and non-negative (the operations check them);
* a *key* (indexing) is what NumPy accepts: ints, slices, ``None``, ``Ellipsis`` and
  this backend's integer or bool arrays, alone or in a tuple.  A key out of range
  raises ``IndexError``; a key of the wrong kind (a float) raises ``TypeError``.

``reference.py`` implements all of it with plain NumPy calls: it is the definition the
other backends are tested against (``tests/test_backend_conformance.py``).
"""


class SingularMatrixError(ValueError):
    """Raised by ``solve`` when a matrix has no inverse (elimination met a pivot of
    exactly 0)."""


class Backend:
    """The interface.  ``name`` registers the backend, ``device`` is where its arrays
    live, in TensorFlow's spelling (``/job:localhost/replica:0/task:0/device:CPU:0``)."""

    name = None
    device = None

    # ---- creation and transfer ---------------------------------------------------------
    def asarray(self, value, dtype=None):
        """An array holding host data ``value`` (a NumPy array or a number).  The value
        is handed over: the caller never changes it afterwards, so a CPU backend may
        keep it as it is (``convert_to_tensor`` copies the user's arrays first)."""
        raise NotImplementedError

    def to_numpy(self, x):
        """The values of ``x`` as a NumPy array on the host: a copy from a device, or
        ``x`` itself on the CPU (callers never write into it)."""
        raise NotImplementedError

    def full(self, shape, fill_value, dtype):
        """A new array of ``shape`` and ``dtype`` with every element ``fill_value``."""
        raise NotImplementedError

    def empty(self, shape, dtype):
        """A new array of ``shape`` whose values are not set yet (it will be written)."""
        raise NotImplementedError

    def copy(self, x):
        """A new, contiguous array with the values of ``x``."""
        raise NotImplementedError

    # ---- elementwise (NumPy broadcasting; ValueError when shapes do not fit) --------------
    def unary(self, op, x):
        """f(x) elementwise, same shape and dtype.  ``op``: negative abs sign exp log log1p
        sqrt square tanh sin cos floor round (half to even) sigmoid relu erf; and, for
        floats only, expm1 asin acos atan sinh cosh asinh acosh atanh."""
        raise NotImplementedError

    def binary(self, op, a, b):
        """a (op) b elementwise; a and b have one dtype, and so has the result (but
        integer ``divide`` gives float64).  ``op``: add subtract multiply divide power
        maximum minimum floordiv mod, relu_grad (a where b > 0, else 0: the gradient
        a of relu's output, sent back to its input b), and for floats atan2 (the angle
        of the point (b, a))."""
        raise NotImplementedError

    def compare(self, op, a, b):
        """a (op) b elementwise, a bool array.  ``op``: equal not_equal less less_equal
        greater greater_equal logical_and logical_or."""
        raise NotImplementedError

    def where(self, condition, a, b):
        """a where ``condition`` (bool) is true, else b; the three broadcast together."""
        raise NotImplementedError

    def cast(self, x, dtype):
        """x converted to ``dtype`` (a new array; floats to ints truncate, as NumPy)."""
        raise NotImplementedError

    # ---- reductions ------------------------------------------------------------------------
    def reduce(self, op, x, axes, keepdims):
        """Reduce the ``axes`` (a sorted, non-empty tuple of distinct axes) with ``op``:
        sum prod max min.  Over no elements: sum 0, prod 1, max -inf, min +inf (the
        extreme integers for integer dtypes).  A NaN makes max and min NaN."""
        raise NotImplementedError

    def argmax(self, x, axis):
        """The index (int64) of the largest value along ``axis``; the first on ties."""
        raise NotImplementedError

    def argmin(self, x, axis):
        """The index (int64) of the smallest value along ``axis``; the first on ties."""
        raise NotImplementedError

    # ---- linear algebra ----------------------------------------------------------------------
    def matmul(self, a, b, transpose_a=False, transpose_b=False):
        """The matrix product of the last two axes (transposed first if asked),
        batched over the leading axes, which broadcast."""
        raise NotImplementedError

    def solve(self, a, b):
        """x with a @ x = b: ``a`` of shape (..., n, n), ``b`` of shape (..., n, k) with
        the same leading axes (they do not broadcast); x has b's shape and dtype (a
        float dtype, the same for both).  Raises ``SingularMatrixError`` when some
        matrix of ``a`` is singular (Gaussian elimination with partial pivoting meets
        a pivot of exactly 0, as LAPACK's gesv reports it)."""
        raise NotImplementedError

    def det(self, a):
        """The determinant of each matrix of ``a`` (shape (..., n, n), a float dtype):
        an array of shape (...).  A 0 x 0 matrix has determinant 1; a singular one 0
        (up to rounding)."""
        raise NotImplementedError

    # ---- fused kernels ------------------------------------------------------------------------
    def softmax(self, x, axis):
        """exp(x - max) / sum(exp(x - max)) along ``axis``.  A row whose maximum is +inf
        gives NaN where x is +inf and 0 elsewhere (as TensorFlow)."""
        raise NotImplementedError

    def log_softmax(self, x, axis):
        """(x - max) - log(sum(exp(x - max))) along ``axis``."""
        raise NotImplementedError

    def fused_update(self, rule, weight, gradient, slots, hyperparameters, out):
        """Optional: one optimizer step in a single pass over memory.

        ``rule`` names the update (sgd, rmsprop, adam, adagrad), ``slots`` maps slot
        names to arrays, ``hyperparameters`` is a dict of numbers, or of 0-d arrays of
        this backend for the values that live on the device (the learning rate, the step
        counter; see each optimizer's ``fused_hyperparameters``).  ``out`` = (array, {slot name: array}) offers arrays
        of the right shapes to write the results into (None where there is none); the
        inputs are never changed.  Returns (new weight, {slot name: new values}), the
        arrays it wrote (those offered, when they suit the kernel), or None when this
        backend has no kernel for the rule: the optimizer then runs its
        ``update_step`` (the same equations, as operations).
        """
        return None

    def wants_fused_update(self, largest, steps):
        """Optional: whether an optimizer should offer its next step to ``fused_update``,
        for a step whose largest variable holds ``largest`` numbers, after ``steps``
        steps of that optimizer.  Yes by default; a backend whose kernels must first be
        compiled says no to small work that has not yet run long (``numba_cpu.py``)."""
        return True

    # ---- layout ----------------------------------------------------------------------------------
    def reshape(self, x, shape):
        """The same values in ``shape`` (a tuple of ints; sizes match).  May share memory."""
        raise NotImplementedError

    def transpose(self, x, perm):
        """The axes permuted: output axis i is input axis perm[i].  May share memory."""
        raise NotImplementedError

    def broadcast_to(self, x, shape):
        """The values repeated along new or length-1 axes to fill ``shape``.  May share
        memory (and then must not be written).  ValueError when it does not fit."""
        raise NotImplementedError

    def concat(self, arrays, axis):
        """The arrays (one dtype; other axes equal) joined along ``axis``."""
        raise NotImplementedError

    def getitem(self, x, key):
        """x[key] with NumPy's indexing rules, as a new array (never a view)."""
        raise NotImplementedError

    def scatter_add(self, shape, key, values):
        """A new array: zeros of ``shape`` with ``values`` added at ``[key]`` (indices
        that repeat add up).  The transpose of ``getitem``."""
        raise NotImplementedError

    def take_along_axis(self, x, indices):
        """One element of each row of the last axis: out[r] = x[r, indices[r]], where r
        runs over x.shape[:-1] and ``indices`` (integers) has that shape."""
        raise NotImplementedError

    def put_along_axis(self, shape, indices, values):
        """A new array: zeros of ``shape`` with values[r] at [r, indices[r]] (r over
        shape[:-1]).  The transpose of ``take_along_axis``."""
        raise NotImplementedError

    def one_hot(self, indices, depth, dtype, on_value=1, off_value=0):
        """indices.shape + (depth,): ``on_value`` at each index, ``off_value`` elsewhere
        (an index outside [0, depth) gives a row of ``off_value``)."""
        raise NotImplementedError

    def nonzero(self, x):
        """The coordinates of the true (non-zero) elements, an int64 array of shape
        (count, x.ndim), in row-major order."""
        raise NotImplementedError

    # ---- in place ----------------------------------------------------------------------------------
    def assign(self, x, key, value):
        """x[key] = value, writing into ``x`` (which nobody else can see: Variable's
        copy-on-write makes sure of it).  Where the key names one place twice, which
        value lands there is not defined (as in NumPy)."""
        raise NotImplementedError

    # ---- random numbers ------------------------------------------------------------------------------
    def new_generator(self, seed):
        """A source of random numbers on this device, started from ``seed`` (an int, a
        list of ints, or None for an unpredictable start)."""
        raise NotImplementedError

    def random(self, generator, kind, shape, dtype, low=0.0, high=1.0):
        """A new array of random numbers drawn from ``generator``: ``kind`` is
        "uniform" (on [low, high)), "integers" (on [low, high)), "normal" (mean low,
        standard deviation high) or "truncated_normal" (the same, redrawn outside two
        standard deviations)."""
        raise NotImplementedError


# ---- the registry -------------------------------------------------------------------------------

_FACTORIES = {}
_INSTANCES = {}


def register_backend(name, factory):
    """Make a backend available as ``get_backend(name)``; ``factory()`` builds it the
    first time it is asked for (so a backend costs nothing until it is used)."""
    _FACTORIES[name.lower()] = factory
    _INSTANCES.pop(name.lower(), None)


def registered_backends():
    """The names that ``get_backend`` knows."""
    return sorted(_FACTORIES)


def backend_named(name):
    """The backend registered as ``name`` (built on first use)."""
    key = name.lower()
    if key not in _INSTANCES:
        if key not in _FACTORIES:
            raise ValueError(f"unknown backend {name!r}; the registered backends are "
                             f"{registered_backends()}")
        _INSTANCES[key] = _FACTORIES[key]()
    return _INSTANCES[key]
