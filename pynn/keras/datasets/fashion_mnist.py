"""`keras.datasets.fashion_mnist`: not shipped with pynn (it would need a download)."""

from pynn.keras.datasets._unavailable import unavailable

load_data = unavailable("fashion_mnist")
