"""The CUDA backend: tensors in GPU memory, kernels written in Python with numba.cuda.

Read it in this order; each file shows one way of putting thousands of threads to work,
and each kernel's docstring draws which thread computes what:

* ``launch.py``        how many threads and blocks a kernel gets (and why the
                        simulator gets fewer);
* ``elementwise.py``   one thread per output element: maps, zips with broadcasting,
                        where, cast, and the strided copy that does transpose,
                        broadcast_to and slicing;
* ``reductions.py``    a block of threads per row, combining their partial results in
                        shared memory (a tree reduction); also argmax and softmax;
* ``matmul.py``        the tiled matrix product: a block computes a tile of the output
                        from tiles of the inputs kept in fast shared memory;
* ``linalg.py``        one thread per matrix: Gaussian elimination, for solve and det;
* ``indexing.py``      gather, scatter-add (with atomic additions), one-hot;
* ``updates.py``       the fused optimizer steps and random numbers;
* ``backend.py``       the ``Backend`` interface, put together from the above.

The per-element math is not written here: the kernels call the functions of
``backend/scalar_math.py``, compiled as device functions (``device_functions.py``) —
the same functions the Numba CPU kernels inline.

Every array of this backend is a numba.cuda ``DeviceNDArray`` in C order: its numbers
stay on the GPU from one operation to the next, and reach the host only through
``to_numpy`` (``.numpy()``, printing, ``float(t)``).
"""
