"""`keras.datasets.reuters`: not shipped with pynn (it would need a download)."""

from pynn.keras.datasets._unavailable import unavailable

load_data = unavailable("reuters")
get_word_index = unavailable("reuters", "get_word_index")
get_label_names = unavailable("reuters", "get_label_names")
