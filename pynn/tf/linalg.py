"""`tf.linalg`: matrix products and norms."""

from pynn.tf.array_ops import eye  # noqa: F401
from pynn.tf.math import einsum, l2_normalize, matmul, matrix_transpose, norm  # noqa: F401
