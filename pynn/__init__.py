"""pynn: a Keras-compatible deep-learning engine in pure Python on numpy.

`import pynn` never shadows a real TensorFlow; `pynn.shim.install()` (or
`python -m pynn run script.py`) makes `import tensorflow as tf` resolve to pynn.
"""

__version__ = "0.1.0"
