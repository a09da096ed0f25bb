"""Every op pynn computes with: primitives (forward + VJP on numpy) and their compositions.

One module per family: `math` (elementwise, comparisons, matmul, cast), `array` (shapes,
indexing, creation), `reduction`, `nn` (activations, dropout, fused crossentropies),
`conv` and `pooling`. All take Tensors, numpy arrays or Python scalars and return Tensors.
"""

from pynn.core.autodiff import stop_gradient  # noqa: F401
from pynn.core.tensor import constant, convert_to_tensor  # noqa: F401

# Imported for what they do: they hand the core what it computes with but never imports,
# Tensor's operators (tensor_methods) and the differentiable gradient rules (gradients).
from pynn.ops import gradients, tensor_methods  # noqa: F401
from pynn.ops.array import *
from pynn.ops.array import arange as range  # noqa: F401  (tf.range)
from pynn.ops.conv import *
from pynn.ops.math import *
from pynn.ops.nn import *
from pynn.ops.pooling import *
from pynn.ops.reduction import *

clip_by_value = clip
