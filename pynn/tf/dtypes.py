"""`tf.dtypes`: DType, as_dtype, cast and the dtype constants."""

from pynn.core.dtypes import (  # noqa: F401
    DType,
    as_dtype,
    bfloat16,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from pynn.tf.array_ops import cast  # noqa: F401
