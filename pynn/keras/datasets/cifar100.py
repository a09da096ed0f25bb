"""`keras.datasets.cifar100`: not shipped with pynn (it would need a download)."""

from pynn.keras.datasets._unavailable import unavailable

load_data = unavailable("cifar100")
