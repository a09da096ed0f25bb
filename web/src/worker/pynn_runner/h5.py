"""HDF5 in the playground: Pyodide has no h5py, so pynn's saving code reads and writes HDF5
through `pynn.keras.saving.h5_document` and this codec, which hands each whole file to h5wasm
(the HDF5 C library compiled to WebAssembly, web/src/worker/h5wasm.js) and back.

`install()` runs at start-up (cheap: no JavaScript is loaded). The worker loads h5wasm only
before a program that may touch HDF5 and then calls `attach(js_codec)`.
"""

import base64
import json


def install():
    """Route HDF5 through the document model; until `attach`, saving HDF5 says why not."""
    from pynn.keras.saving import h5_document, stores  # noqa: PLC0415 - pynn may fail to import: plain Python still runs (warm_up)

    if stores.h5py is None:
        stores.use_h5_library(h5_document)


def _encode(node):
    out = dict(node)
    if "data" in out:
        out["data"] = base64.b64encode(bytes(out["data"])).decode("ascii")
    if "attrs" in out:
        out["attrs"] = {k: _encode(v) for k, v in out["attrs"].items()}
    if "children" in out:
        out["children"] = {k: _encode(v) for k, v in out["children"].items()}
    return out


def _decode(node):
    if "data" in node:
        node["data"] = base64.b64decode(node["data"])
    for key in ("attrs", "children"):
        for child in node.get(key, {}).values():
            _decode(child)
    return node


class JsCodec:
    def __init__(self, js):
        self._js = js

    def write(self, node):
        return bytes(self._js.write(json.dumps(_encode(node))).to_py())

    def read(self, data):
        from pyodide.ffi import to_js  # noqa: PLC0415 - pyodide.ffi exists only in Pyodide

        try:
            text = self._js.read(to_js(memoryview(data)))
        except Exception as e:
            raise OSError(f"Unable to open file: not a readable HDF5 file ({e})") from e
        return _decode(json.loads(text))


def attach(js_codec):
    from pynn.keras.saving import h5_document  # noqa: PLC0415 - pynn may fail to import: plain Python still runs (warm_up)

    h5_document.File.codec = JsCodec(js_codec)
