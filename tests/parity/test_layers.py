"""Every layer's forward pass equals tf.keras 2.15's with the same weights (within 1e-4).

Each case builds the recorded layer from its constructor code, calls it on the recorded input,
checks that the weights have tf.keras's shapes and order, loads the recorded weights with
`set_weights`, and compares the output(s), the moving statistics after a training call
(BatchNormalization) and the mask (Embedding with mask_zero). Weight names are checked too.
"""

import numpy as np
import pytest
from parity_utils import assert_close, flatten, load_json, load_npz, pynn_namespace

FIXTURE = load_json("layers.json")
SCENARIOS = FIXTURE["scenarios"]
ARRAYS = load_npz("layers.npz")
ATOL = RTOL = 1e-4


def _arrays(name, prefix, n):
    return [ARRAYS[f"{name}/{prefix}{i}"] for i in range(n)]


def _build(name):
    s = SCENARIOS[name]
    ns = pynn_namespace()
    xs = _arrays(name, "x", len(s["inputs"]))
    arg = xs[0] if len(xs) == 1 else xs
    layer = eval(s["code"], ns)
    if s["pre"]:
        ns["layer"] = layer
        exec(s["pre"], ns)  # noqa: S102 - replaying recorded scenario code is the point
    layer(arg)
    return s, layer, arg, ns


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_layer_forward_matches_tf_keras(name):
    s, layer, arg, _ = _build(name)
    weights = _arrays(name, "w", len(s["weight_shapes"]))
    got_shapes = [list(np.shape(w)) for w in layer.get_weights()]
    assert got_shapes == s["weight_shapes"], (
        f"{s['code']}: weight shapes {got_shapes}, tf.keras has {s['weight_shapes']} "
        f"({s['weight_names']})"
    )
    if s["init"] == "set":
        layer.set_weights(weights)
    else:  # deterministic initial weights, or the statistics adapt() computed
        for i, (got, exp) in enumerate(zip(layer.get_weights(), weights, strict=True)):
            assert_close(got, exp, f"{s['code']}: weight {s['weight_names'][i]}", ATOL, RTOL)
    out = layer(arg, **s["call"])
    outs = flatten(out)
    assert len(outs) == len(s["output_shapes"]), (
        f"{s['code']}: {len(outs)} outputs, tf.keras returns {len(s['output_shapes'])}"
    )
    for i, o in enumerate(outs):
        assert_close(o, ARRAYS[f"{name}/y{i}"], f"{s['code']} output {i}", ATOL, RTOL)
    if s["weights_after"]:
        after = _arrays(name, "wa", len(s["weight_shapes"]))
        for i, (got, exp) in enumerate(zip(layer.get_weights(), after, strict=True)):
            assert_close(
                got, exp, f"{s['code']}: {s['weight_names'][i]} after the call", ATOL, RTOL
            )
    if s["losses"] or getattr(layer, "losses", []):
        got_losses = sorted(float(np.asarray(v)) for v in layer.losses)
        assert_close(got_losses, sorted(s["losses"]), f"{s['code']}: layer.losses", ATOL, RTOL)
    if s["mask"]:
        mask = getattr(outs[0], "_keras_mask", None)
        assert mask is not None, f"{s['code']}: the output carries no _keras_mask"
        assert_close(np.asarray(mask), ARRAYS[f"{name}/mask"], f"{s['code']} mask", 0, 0)


@pytest.mark.parametrize("name", [n for n in SCENARIOS if SCENARIOS[n]["weight_names"]])
def test_layer_weight_names_match_tf_keras(name):
    s, layer, _, _ = _build(name)
    assert [w.name for w in layer.weights] == s["weight_names"]


@pytest.mark.parametrize("name", [n for n in SCENARIOS if SCENARIOS[n]["gradient_sources"]])
def test_layer_gradients_match_tf_keras(name):
    """d(sum_i <output_i, r_i>)/d(trainable weights, float inputs) as tf.GradientTape gives it."""
    s, layer, _, ns = _build(name)
    ns_tf = ns["tf"]
    if s["init"] == "set":
        layer.set_weights(_arrays(name, "w", len(s["weight_shapes"])))
    xs = [ns_tf.constant(x) for x in _arrays(name, "x", len(s["inputs"]))]
    floats = [x for x, dt in zip(xs, s["input_dtypes"], strict=True) if dt.startswith("float")]
    with ns_tf.GradientTape() as tape:
        for x in floats:
            tape.watch(x)
        outs = flatten(layer(xs[0] if len(xs) == 1 else xs, **s["call"]))
        total = None
        for i, o in enumerate(outs):
            term = ns_tf.reduce_sum(o * ARRAYS[f"{name}/r{i}"])
            total = term if total is None else total + term
    sources = list(layer.trainable_weights) + floats
    assert [getattr(w, "name", None) for w in layer.trainable_weights] == s[
        "trainable_weight_names"
    ], "trainable weights differ from tf.keras's (names, order)"
    grads = tape.gradient(total, sources)
    assert len(grads) == len(s["gradient_sources"]) == len(sources)
    for i, (g, src) in enumerate(zip(grads, s["gradient_sources"], strict=True)):
        if s["gradient_is_none"][i]:
            assert g is None, f"{s['code']}: gradient for {src} should be None (unconnected)"
            continue
        assert g is not None, f"{s['code']}: no gradient for {src}"
        assert_close(
            np.asarray(g), ARRAYS[f"{name}/g{i}"], f"{s['code']}: gradient for {src}", ATOL, RTOL
        )
