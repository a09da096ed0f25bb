"""`keras.datasets.imdb`: not shipped with pynn (it would need a download)."""

from pynn.keras.datasets._unavailable import unavailable

load_data = unavailable("imdb")
get_word_index = unavailable("imdb", "get_word_index")
