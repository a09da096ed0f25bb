"""`tf.config`: devices (pynn runs on one CPU) and eager-execution switches."""

import collections
import types

from pynn.core import tracing as _tracing

PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])

_CPU = PhysicalDevice(name="/physical_device:CPU:0", device_type="CPU")
_LOGICAL_CPU = LogicalDevice(name="/device:CPU:0", device_type="CPU")


def list_physical_devices(device_type=None):
    """[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]; no GPU, no TPU."""
    if device_type is None or str(device_type).upper() == "CPU":
        return [_CPU]
    return []


def list_logical_devices(device_type=None):
    if device_type is None or str(device_type).upper() == "CPU":
        return [_LOGICAL_CPU]
    return []


def get_visible_devices(device_type=None):
    return list_physical_devices(device_type)


def set_visible_devices(devices, device_type=None):
    """Accepted for compatibility: the CPU is always visible."""


def run_functions_eagerly(run_eagerly):
    """`True`: `fit` runs every train step as plain Python instead of replaying a recorded
    step (pynn's counterpart of tf.function tracing, see pynn/core/tracing.py)."""
    _tracing.EAGER = bool(run_eagerly)


def functions_run_eagerly():
    return _tracing.EAGER


def _set_memory_growth(device, enable):
    """Accepted for compatibility: there is no GPU memory to grow."""


def _get_memory_growth(device):
    return False


experimental = types.SimpleNamespace(
    list_physical_devices=list_physical_devices,
    list_logical_devices=list_logical_devices,
    set_memory_growth=_set_memory_growth,
    get_memory_growth=_get_memory_growth,
    set_visible_devices=set_visible_devices,
    get_visible_devices=get_visible_devices,
)
experimental_run_functions_eagerly = run_functions_eagerly
experimental_functions_run_eagerly = functions_run_eagerly
