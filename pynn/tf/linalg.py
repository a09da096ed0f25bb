"""`tf.linalg`: matrix products and norms."""

from pynn.tf._api import einsum, eye, l2_normalize, matmul, matrix_transpose, norm  # noqa: F401
