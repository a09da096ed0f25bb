"""`tf.errors`: TensorFlow's error types."""

from pynn.core.errors import *
from pynn.core.errors import OpError  # noqa: F401
