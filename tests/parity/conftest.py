"""Make `parity_utils` importable whatever pytest's import mode (prepend or importlib)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
