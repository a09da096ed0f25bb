"""TensorFlow's error types (`tf.errors.*`).

As in TensorFlow, each takes `(node_def, op, message)`; pynn code usually passes only a
message: `InvalidArgumentError("Matrix size-incompatible ...")`.
"""

__all__ = [
    "AbortedError",
    "AlreadyExistsError",
    "CancelledError",
    "DataLossError",
    "DeadlineExceededError",
    "FailedPreconditionError",
    "InternalError",
    "InvalidArgumentError",
    "NotFoundError",
    "OpError",
    "OutOfRangeError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "UnauthenticatedError",
    "UnavailableError",
    "UnimplementedError",
    "UnknownError",
]


class OpError(Exception):
    """An operation failed while running (base class of the `tf.errors` types)."""

    error_code = 2

    def __init__(self, *args):
        if len(args) == 1:
            node_def, op, message = None, None, args[0]
        elif len(args) >= 3:
            node_def, op, message = args[0], args[1], args[2]
        else:
            node_def, op, message = None, None, " ".join(str(a) for a in args)
        super().__init__(message)
        self._message = message
        self.node_def = node_def
        self.op = op

    @property
    def message(self):
        return self._message

    def __str__(self):
        return str(self._message)

    def __reduce__(self):
        return type(self), (self.node_def, self.op, self._message)


def _error(name, code, doc):
    return type(name, (OpError,), {"error_code": code, "__doc__": doc, "__module__": __name__})


CancelledError = _error("CancelledError", 1, "The operation was cancelled.")
UnknownError = _error("UnknownError", 2, "Unknown error.")
InvalidArgumentError = _error(
    "InvalidArgumentError", 3, "An operation received an invalid argument (shape, dtype, value)."
)
DeadlineExceededError = _error("DeadlineExceededError", 4, "A deadline expired.")
NotFoundError = _error("NotFoundError", 5, "A requested entity (file, directory) was not found.")
AlreadyExistsError = _error("AlreadyExistsError", 6, "The entity to create already exists.")
PermissionDeniedError = _error("PermissionDeniedError", 7, "Permission denied.")
ResourceExhaustedError = _error("ResourceExhaustedError", 8, "A resource was exhausted.")
FailedPreconditionError = _error(
    "FailedPreconditionError", 9, "The system is not in a state to run the operation."
)
AbortedError = _error("AbortedError", 10, "The operation was aborted.")
OutOfRangeError = _error("OutOfRangeError", 11, "The operation iterated past the valid range.")
UnimplementedError = _error("UnimplementedError", 12, "The operation is not implemented.")
InternalError = _error("InternalError", 13, "An internal invariant was broken.")
UnavailableError = _error("UnavailableError", 14, "The runtime is unavailable.")
DataLossError = _error("DataLossError", 15, "Unrecoverable data loss or corruption.")
UnauthenticatedError = _error("UnauthenticatedError", 16, "The request is not authenticated.")


def op_error(op_name, message):
    """InvalidArgumentError worded as TensorFlow words eager op failures."""
    return InvalidArgumentError(None, op_name, f"{message} [Op:{op_name}] name: ")
