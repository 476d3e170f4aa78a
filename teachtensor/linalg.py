"""``tf.linalg``: linear algebra under its TensorFlow names.

Solving systems, inverses and determinants (``ops/linear_systems.py``), norms
(``ops/norms.py``), einsum, and the matrix products that ``tf`` has too.
"""
from .ops.einsum import einsum  # noqa: F401
from .ops.linalg import matmul, tensordot  # noqa: F401
from .ops.linear_systems import det, inv, solve  # noqa: F401
from .ops.nn_ops import l2_normalize  # noqa: F401
from .ops.norms import global_norm, norm  # noqa: F401
