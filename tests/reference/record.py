"""Record tf.keras 2.15 reference outputs into tests/fixtures/.

Run with the reference interpreter (tensorflow-cpu 2.15.1):

    ~/.cache/reftf/bin/python tests/reference/record.py                 # everything
    ~/.cache/reftf/bin/python tests/reference/record.py --family layers # one family
    ~/.cache/reftf/bin/python tests/reference/record.py --only conv2d_same --only sgd

`--only NAME` re-records just the named scenarios (any family) and keeps the others as they are.
The scenario definitions live in scenarios_*.py next to this file; each fixture stores the code it
ran, so tests/parity/ replays exactly that code under pynn without needing this directory.
"""

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures")
sys.path.insert(0, HERE)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import keras as keras_package
import numpy as np
import scenarios_errors
import scenarios_layers
import scenarios_losses
import scenarios_ops
import scenarios_optim
import scenarios_preprocessing
import scenarios_saving
import scenarios_scripts
import scenarios_summary
import scenarios_training
import tensorflow as tf
from tensorflow import keras

tf.get_logger().setLevel("ERROR")

FAMILIES = [
    "summaries",
    "layers",
    "optimizers",
    "losses",
    "training",
    "scripts",
    "saving",
    "roundtrip",
    "errors",
    "ops",
    "applications",
    "preprocessing",
]


def seed_of(name, salt=0):
    return zlib.crc32(name.encode()) + salt


def fresh_namespace():
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    return {"tf": tf, "keras": keras, "layers": keras.layers, "np": np, "time": time}


def run_captured(code, ns):
    """exec `code` in `ns`, returning (stdout text, error dict or None)."""
    buf = io.StringIO()
    error = None
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(code, "<scenario>", "exec"), ns)  # noqa: S102 - replaying recorded scenario code is the point
        except Exception as e:  # noqa: BLE001 - any error is recorded/reported
            error = {"type": type(e).__name__, "message": str(e)}
    return buf.getvalue(), error


def meta():
    return {
        "tf_version": tf.__version__,
        "keras_version": keras_package.__version__,
        "numpy_version": np.__version__,
        "recorded_by": "tests/reference/record.py",
    }


def load_json(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return {}


def save_json(path, data):
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=False, ensure_ascii=False)
        f.write("\n")


def select(all_names, only):
    if only is None:
        return list(all_names)
    return [n for n in all_names if n in only]


# ------------------------------------------------------------------------------------ summaries
def record_printed(only, scenarios, fixture):
    """Families compared on what the code prints (and the error it ends with)."""
    path = os.path.join(FIXTURES, fixture)
    data = load_json(path) if only is not None else {}
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios, only):
        code = scenarios[name]
        ns = fresh_namespace()
        out, err = run_captured(code, ns)
        scen[name] = {"code": code, "stdout": out, "error": err}
        print(f"{fixture}/{name}: {len(out)} chars" + (f", {err['type']}" if err else ""))
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios if k in scen}
    save_json(path, data)


def record_summaries(only):
    record_printed(only, scenarios_summary.SCENARIOS, "summaries.json")


def record_preprocessing(only):
    record_printed(only, scenarios_preprocessing.SCENARIOS, "preprocessing.json")


# ------------------------------------------------------------------------------------ layers
def make_input(spec, rng):
    kind, shape = spec[0], tuple(spec[1])
    if kind == "f":
        return rng.normal(size=shape).astype("float32")
    if kind == "d":
        return rng.normal(size=shape)
    if kind == "u":
        return rng.random(shape).astype("float32")
    if kind == "i":
        a = rng.integers(1, spec[2], size=shape).astype("int32")
        a[..., -2:] = 0  # trailing padding
        a[0, 1] = 0  # and one hole inside a sequence
        return a
    raise ValueError(spec)


def deterministic_weights(layer, rng):
    new = []
    for w in layer.weights:
        shape = tuple(w.shape)
        if "variance" in w.name:
            new.append(rng.uniform(0.5, 1.5, shape).astype("float32"))
        else:
            new.append(rng.uniform(-0.5, 0.5, shape).astype("float32"))
    return new


def record_layers(only):
    jpath = os.path.join(FIXTURES, "layers.json")
    npath = os.path.join(FIXTURES, "layers.npz")
    data = load_json(jpath) if only is not None else {}
    arrays = dict(np.load(npath)) if (only is not None and os.path.exists(npath)) else {}
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_layers.SCENARIOS, only):
        s = scenarios_layers.SCENARIOS[name]
        for k in [k for k in arrays if k.split("/")[0] == name]:
            del arrays[k]
        ns = fresh_namespace()
        rng = np.random.default_rng(seed_of(name))
        xs = [make_input(spec, rng) for spec in s["inputs"]]
        arg = xs[0] if len(xs) == 1 else xs
        entry = dict(s)
        try:
            layer = eval(s["code"], ns)
            if s["pre"]:
                ns["layer"] = layer
                exec(s["pre"], ns)  # noqa: S102 - replaying recorded scenario code is the point
            layer(arg)
            if s["init"] == "set":
                layer.set_weights(
                    deterministic_weights(layer, np.random.default_rng(seed_of(name, 1)))
                )
            weights = [np.asarray(w) for w in layer.get_weights()]
            names = [w.name for w in layer.weights]
            # the measured call runs under a tape: outputs, then d(sum_i <out_i, r_i>)/d(weights,
            # float inputs) with fixed random cotangents r_i
            grng = np.random.default_rng(seed_of(name, 2))
            xts = [tf.constant(x) for x in xs]
            with tf.GradientTape() as tape:
                for xt in xts:
                    if xt.dtype.is_floating:
                        tape.watch(xt)
                out = layer(xts[0] if len(xts) == 1 else xts, **s["call"])
                flat = tf.nest.flatten(out)
                cotangents = [grng.normal(size=tuple(o.shape)).astype("float32") for o in flat]
                total = tf.add_n(
                    [tf.reduce_sum(o * r) for o, r in zip(flat, cotangents, strict=True)]
                )
            sources = list(layer.trainable_weights) + [x for x in xts if x.dtype.is_floating]
            grads = tape.gradient(total, sources)
            mask = getattr(flat[0], "_keras_mask", None)
            outs = [np.asarray(o) for o in flat]
            losses = [float(v) for v in layer.losses]
            after = [np.asarray(w) for w in layer.get_weights()]
            changed = any(not np.array_equal(a, b) for a, b in zip(weights, after, strict=True))
        except Exception as e:  # noqa: BLE001 - any error is recorded/reported
            traceback.print_exc()
            entry["error"] = {"type": type(e).__name__, "message": str(e)}
            scen[name] = entry
            print(f"layers/{name}: ERROR {type(e).__name__}: {e}")
            continue
        for i, x in enumerate(xs):
            arrays[f"{name}/x{i}"] = x
        for i, w in enumerate(weights):
            arrays[f"{name}/w{i}"] = w
        for i, o in enumerate(outs):
            arrays[f"{name}/y{i}"] = o
        for i, r in enumerate(cotangents):
            arrays[f"{name}/r{i}"] = r
        for i, g in enumerate(grads):
            if g is not None:
                arrays[f"{name}/g{i}"] = np.asarray(tf.convert_to_tensor(g))
        if changed:
            for i, w in enumerate(after):
                arrays[f"{name}/wa{i}"] = w
        if s["mask"]:
            if mask is None:
                raise RuntimeError(f"{name}: mask requested but the output carries none")
            arrays[f"{name}/mask"] = np.asarray(mask)
        entry.update(
            error=None,
            input_dtypes=[str(x.dtype) for x in xs],
            weight_names=names,
            weight_shapes=[list(w.shape) for w in weights],
            output_shapes=[list(o.shape) for o in outs],
            weights_after=changed,
            trainable_weight_names=[w.name for w in layer.trainable_weights],
            gradient_sources=[w.name for w in layer.trainable_weights]
            + [f"input {i}" for i, x in enumerate(xs) if x.dtype.kind == "f"],
            gradient_is_none=[g is None for g in grads],
            losses=losses,
            layer_name=layer.name,
            config_class=type(layer).__name__,
        )
        scen[name] = entry
        print(f"layers/{name}: {len(weights)} weights, outputs {[o.shape for o in outs]}")
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_layers.SCENARIOS if k in scen}
    save_json(jpath, data)
    keep = set(data["scenarios"])
    np.savez_compressed(
        npath, **{k: v for k, v in sorted(arrays.items()) if k.split("/")[0] in keep}
    )


# ------------------------------------------------------------------------------------ optimizers
def optimizer_start():
    rng = np.random.default_rng(7)
    v0 = rng.normal(size=(3, 2)).astype("float32")
    v1 = rng.normal(size=(2,)).astype("float32")
    t0 = rng.normal(size=(3, 2)).astype("float32")
    grads = [
        [rng.normal(size=(3, 2)).astype("float32"), rng.normal(size=(2,)).astype("float32")]
        for _ in range(3)
    ]
    return v0, v1, t0, grads


def tolist(a):
    return np.asarray(a).tolist()


def record_optimizers(only):
    path = os.path.join(FIXTURES, "optimizers.json")
    data = load_json(path) if only is not None else {}
    v0i, v1i, t0, grads = optimizer_start()
    data["start"] = {
        "v0": tolist(v0i),
        "v1": tolist(v1i),
        "t0": tolist(t0),
        "grads": [[tolist(g) for g in gs] for gs in grads],
        "loss_code": scenarios_optim.LOSS_CODE,
    }
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_optim.SCENARIOS, only):
        s = scenarios_optim.SCENARIOS[name]
        ns = fresh_namespace()
        opt = eval(s["code"], ns)
        v0 = tf.Variable(v0i, name="v0")
        v1 = tf.Variable(v1i, name="v1")
        ns.update(v0=v0, v1=v1, t0=tf.constant(t0))
        loss_fn = eval(scenarios_optim.LOSS_CODE, ns)
        steps = []
        for k in range(3):
            if s["mode"] == "grads":
                opt.apply_gradients(zip([tf.constant(g) for g in grads[k]], [v0, v1], strict=True))
            else:
                opt.minimize(loss_fn, [v0, v1])
            steps.append({"v0": tolist(v0.numpy()), "v1": tolist(v1.numpy())})
        entry = dict(s)
        entry.update(
            steps=steps,
            iterations=int(opt.iterations.numpy()),
            learning_rate_after=float(np.asarray(opt.learning_rate)),
            loss_after=float(loss_fn().numpy()),
            class_name=type(opt).__name__,
        )
        scen[name] = entry
        print(f"optimizers/{name}: v1 -> {steps[-1]['v1']}")
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_optim.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ losses
def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def loss_data():
    rng = np.random.default_rng(11)
    n = 8
    f = "float32"
    d = {}
    d["reg"] = (rng.normal(size=(n, 3)), rng.normal(size=(n, 3)))
    d["pos"] = (rng.uniform(0.1, 2, (n, 3)), rng.uniform(0.1, 2, (n, 3)))
    d["prob"] = (softmax(rng.normal(size=(n, 3))), softmax(rng.normal(size=(n, 3))))
    yb = rng.integers(0, 2, (n, 3))
    d["bin"] = (yb, rng.uniform(0.02, 0.98, (n, 3)))
    d["bin_logits"] = (yb, rng.normal(size=(n, 3)) * 2)
    d["bin1"] = (rng.integers(0, 2, (n, 1)), rng.uniform(0.02, 0.98, (n, 1)))
    d["pm1"] = (rng.integers(0, 2, (n, 3)) * 2 - 1, rng.normal(size=(n, 3)))
    yi = rng.integers(0, 5, (n,))
    d["cat"] = (np.eye(5)[yi], softmax(rng.normal(size=(n, 5)) * 1.5))
    d["cat_logits"] = (np.eye(5)[yi], rng.normal(size=(n, 5)) * 2)
    d["sparse"] = (yi, d["cat"][1])
    d["sparse_col"] = (yi[:, None], d["cat"][1])
    d["sparse_logits"] = (yi, d["cat_logits"][1])
    d["int_eq"] = (rng.integers(0, 3, (n, 1)), rng.integers(0, 3, (n, 1)))
    d["large"] = (rng.normal(size=(n, 3)) * 1000, rng.normal(size=(n, 3)) * 1000)
    out = {}
    for k, (a, b) in d.items():
        a_dtype = "int64" if k in ("sparse", "sparse_col", "sparse_logits") else f
        out[k] = (np.asarray(a).astype(a_dtype), np.asarray(b).astype(f))
    sw = rng.uniform(0.1, 1.0, (n,)).astype(f)
    assert set(out) == set(scenarios_losses.DATA_KINDS)
    return out, sw


def record_losses(only):
    path = os.path.join(FIXTURES, "losses.json")
    data = load_json(path) if only is not None else {}
    kinds, sw = loss_data()
    data["data"] = {
        k: {
            "y_true": tolist(a),
            "y_true_dtype": str(a.dtype),
            "y_pred": tolist(b),
            "about": scenarios_losses.DATA_KINDS[k],
        }
        for k, (a, b) in kinds.items()
    }
    data["sample_weight"] = tolist(sw)
    losses = data.setdefault("losses", {})
    for name in select(scenarios_losses.LOSSES, only):
        s = scenarios_losses.LOSSES[name]
        ns = fresh_namespace()
        yt, yp = kinds[s["data"]]
        yp_t = tf.constant(yp)
        ns.update(y_true=yt, y_pred=yp_t, sample_weight=sw)
        entry = dict(s)
        try:
            with tf.GradientTape() as tape:
                tape.watch(yp_t)
                value = eval(s["code"], ns)
                total = tf.reduce_sum(value)
            grad = tape.gradient(total, yp_t)
            v = np.asarray(value)
            entry.update(
                value=tolist(v),
                shape=list(v.shape),
                error=None,
                grad=None if grad is None else tolist(grad),
            )
        except Exception as e:  # noqa: BLE001 - any error is recorded/reported
            entry.update(value=None, error={"type": type(e).__name__, "message": str(e)})
        losses[name] = entry
        print(f"losses/{name}: {entry['value'] if entry['error'] is None else entry['error']}")
    metrics = data.setdefault("metrics", {})
    for name in select(scenarios_losses.METRICS, only):
        s = scenarios_losses.METRICS[name]
        ns = fresh_namespace()
        yt, yp = kinds[s["data"]]
        entry = dict(s)
        if s["mode"] == "fn":
            ns.update(y_true=yt, y_pred=yp, sample_weight=sw)
            try:
                v = np.asarray(eval(s["code"], ns))
            except Exception as e:
                raise RuntimeError(f"metrics/{name}: {type(e).__name__}: {e}") from e
            entry.update(value=tolist(v), shape=list(v.shape))
        else:
            m = eval(s["code"], ns)
            results = []
            for lo, hi in [(0, 4), (4, 8)]:
                kw = {"sample_weight": sw[lo:hi]} if s["weighted"] else {}
                if s["mode"] == "values":
                    m.update_state(yt[lo:hi], **kw)
                else:
                    m.update_state(yt[lo:hi], yp[lo:hi], **kw)
                results.append(tolist(m.result()))
            m.reset_state()
            results.append(tolist(m.result()))
            entry.update(results=results, metric_name=m.name)
        metrics[name] = entry
        print(f"metrics/{name}: {entry.get('results', entry.get('value'))}")
    data["meta"] = meta()
    data["losses"] = {k: losses[k] for k in scenarios_losses.LOSSES if k in losses}
    data["metrics"] = {k: metrics[k] for k in scenarios_losses.METRICS if k in metrics}
    save_json(path, data)


# ------------------------------------------------------------------------------------ training
def record_training(only):
    path = os.path.join(FIXTURES, "training.json")
    data = load_json(path) if only is not None else {}
    data["prelude"] = scenarios_training.PRELUDE
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_training.SCENARIOS, only):
        code = scenarios_training.SCENARIOS[name]
        ns = fresh_namespace()
        out, err = run_captured(scenarios_training.PRELUDE + code, ns)
        scen[name] = {"code": code, "stdout": out, "error": err}
        print(
            f"training/{name}: {len(out)} chars"
            + (f", {err['type']}: {err['message']}" if err else "")
        )
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_training.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ scripts
def record_scripts(only):
    path = os.path.join(FIXTURES, "scripts.json")
    data = load_json(path) if only is not None else {}
    scen = data.setdefault("scenarios", {})
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONHASHSEED="0")
    for name in select(scenarios_scripts.SCENARIOS, only):
        s = scenarios_scripts.SCENARIOS[name]
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "script.py")
            with open(script, "w") as f:
                f.write(s["code"])
            # bytes, not text=True: universal newlines would turn the progress bar's \r into \n
            proc = subprocess.run(
                [sys.executable, script],
                cwd=tmp,
                env=env,
                capture_output=True,
                check=False,
                timeout=600,
            )
        stdout = proc.stdout.decode("utf-8")
        stderr = proc.stderr.decode("utf-8", "replace")
        entry = dict(s)
        entry.update(
            stdout=stdout,
            returncode=proc.returncode,
            stderr_tail=stderr.strip().splitlines()[-1:] if proc.returncode else [],
        )
        scen[name] = entry
        print(
            f"scripts/{name}: rc={proc.returncode}, {len(stdout)} chars"
            + (f" {entry['stderr_tail']}" if proc.returncode else "")
        )
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_scripts.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ saving
def record_saving(only):
    path = os.path.join(FIXTURES, "saving.json")
    saved = os.path.join(FIXTURES, "saved")
    os.makedirs(saved, exist_ok=True)
    data = load_json(path) if only is not None else {}
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_saving.SCENARIOS, only):
        s = scenarios_saving.SCENARIOS[name]
        ns = fresh_namespace()
        exec(s["code"], ns)  # noqa: S102 - scenario code
        model = ns["model"]
        rng = np.random.default_rng(seed_of(name))
        xs = [make_input(spec, rng) for spec in s["inputs"]]
        arg = xs[0] if len(xs) == 1 else xs
        model.set_weights(deterministic_weights(model, np.random.default_rng(seed_of(name, 1))))
        if s["compile_fit"]:
            y = rng.normal(size=(len(xs[0]),) + tuple(model.output_shape[1:])).astype("float32")
            model.fit(arg, y, epochs=1, batch_size=len(y), verbose=0)
        pred = model.predict(arg, verbose=0)
        keras_file = os.path.join(saved, f"{name}.keras")
        h5_file = os.path.join(saved, f"{name}.weights.h5")
        model.save(keras_file)
        model.save_weights(h5_file)
        back = keras.models.load_model(keras_file)
        np.testing.assert_allclose(back.predict(arg, verbose=0), pred, atol=1e-6)
        entry = dict(s)
        entry.update(
            inputs_values=[tolist(x) for x in xs],
            input_dtypes=[str(x.dtype) for x in xs],
            predictions=tolist(pred),
            json=model.to_json(),
            model_class=type(model).__name__,
            model_name=model.name,
            layer_names=[layer.name for layer in model.layers],
            weight_names=[w.name for w in model.weights],
            weight_shapes=[list(w.shape) for w in model.weights],
            keras_file=f"saved/{name}.keras",
            weights_file=f"saved/{name}.weights.h5",
            optimizer=(type(model.optimizer).__name__ if s["compile_fit"] else None),
            optimizer_iterations=(
                int(model.optimizer.iterations.numpy()) if s["compile_fit"] else None
            ),
        )
        scen[name] = entry
        print(f"saving/{name}: {os.path.getsize(keras_file)} + {os.path.getsize(h5_file)} bytes")
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_saving.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ roundtrip
def pynn_namespace():
    """pynn's keras, imported next to TensorFlow (no shim: the names do not collide)."""
    root = os.path.dirname(os.path.dirname(HERE))
    if root not in sys.path:
        sys.path.insert(0, root)
    import pynn.keras as pkeras
    import pynn.tf as ptf

    pkeras.backend.clear_session()
    pkeras.utils.set_random_seed(0)
    return {"tf": ptf, "keras": pkeras, "layers": pkeras.layers, "np": np, "time": time}


def record_roundtrip(only):
    """pynn -> .keras -> tf.keras -> .keras -> pynn, kept as evidence and as files for CI.

    pynn builds each saving scenario with the same deterministic weights as the tf.keras
    recording, saves `saved/roundtrip/NAME.pynn.keras`; tf.keras loads it, predicts, and saves
    `saved/roundtrip/NAME.tf_resaved.keras`, which tests/parity/test_saving.py loads with pynn.
    """
    path = os.path.join(FIXTURES, "roundtrip.json")
    outdir = os.path.join(FIXTURES, "saved", "roundtrip")
    os.makedirs(outdir, exist_ok=True)
    data = load_json(path) if only is not None else {}
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_saving.SCENARIOS, only):
        s = scenarios_saving.SCENARIOS[name]
        rng = np.random.default_rng(seed_of(name))
        xs = [make_input(spec, rng) for spec in s["inputs"]]
        arg = xs[0] if len(xs) == 1 else xs
        pynn_file = os.path.join(outdir, f"{name}.pynn.keras")
        tf_file = os.path.join(outdir, f"{name}.tf_resaved.keras")
        entry = {
            "code": s["code"],
            "inputs_values": [tolist(x) for x in xs],
            "input_dtypes": [str(x.dtype) for x in xs],
        }
        stage = "pynn build"
        try:
            ns = pynn_namespace()
            exec(s["code"], ns)  # noqa: S102 - scenario code, under pynn
            model = ns["model"]
            model.set_weights(deterministic_weights(model, np.random.default_rng(seed_of(name, 1))))
            pred_pynn = np.asarray(model.predict(arg, verbose=0))
            stage = "pynn save"
            model.save(pynn_file)
            stage = "tf.keras load_model"
            keras.backend.clear_session()
            m_tf = keras.models.load_model(pynn_file)
            pred_tf = m_tf.predict(arg, verbose=0)
            stage = "tf.keras save"
            m_tf.save(tf_file)
            entry.update(
                error=None,
                predictions_pynn=tolist(pred_pynn),
                predictions_tf=tolist(pred_tf),
                max_abs_diff=float(np.max(np.abs(pred_tf - pred_pynn))),
                pynn_file=f"saved/roundtrip/{name}.pynn.keras",
                tf_resaved_file=f"saved/roundtrip/{name}.tf_resaved.keras",
            )
            print(f"roundtrip/{name}: max |tf - pynn| = {entry['max_abs_diff']:.3g}")
        except Exception as e:  # noqa: BLE001 - recorded as evidence of what does not work yet
            traceback.print_exc()
            entry.update(error={"stage": stage, "type": type(e).__name__, "message": str(e)})
            for f in (pynn_file, tf_file):
                if os.path.exists(f):
                    os.remove(f)
            print(f"roundtrip/{name}: FAILED at {stage}: {type(e).__name__}: {e}")
        scen[name] = entry
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_saving.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ errors
def record_errors(only):
    path = os.path.join(FIXTURES, "errors.json")
    data = load_json(path) if only is not None else {}
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_errors.SCENARIOS, only):
        s = scenarios_errors.SCENARIOS[name]
        ns = fresh_namespace()
        out, err = run_captured(s["code"], ns)
        if err is None:
            raise RuntimeError(f"errors/{name}: tf.keras raised nothing")
        missing = [c for c in s["contains"] if c not in err["message"]]
        if missing:
            raise RuntimeError(f"errors/{name}: {missing} not in {err['message']!r}")
        entry = dict(s)
        entry.update(stdout=out, error=err)
        scen[name] = entry
        print(f"errors/{name}: {err['type']}: {err['message'][:150]}")
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_errors.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ ops
def ops_inputs():
    rng = np.random.default_rng(21)
    f = "float32"
    return {
        "a": rng.normal(size=(3, 4)).astype(f),
        "b": rng.normal(size=(3, 4)).astype(f),
        "p": rng.uniform(0.2, 2.0, (3, 4)).astype(f),
        "v": rng.normal(size=(4,)).astype(f),
        "m": rng.normal(size=(4, 2)).astype(f),
        "t3": rng.normal(size=(2, 3, 4)).astype(f),
        "i": np.array([1, 3, 0], dtype="int32"),
        "lab": np.eye(4, dtype=f)[[2, 0, 3]],
        "sl": np.array([4, 0, 2], dtype="int32"),
        "bl": rng.integers(0, 2, (3, 4)).astype(f),
    }


def dtype_name(x):
    return getattr(x.dtype, "name", str(x.dtype))


def record_ops(only):
    path = os.path.join(FIXTURES, "ops.json")
    data = load_json(path) if only is not None else {}
    inputs = ops_inputs()
    data["inputs"] = {k: {"value": tolist(v), "dtype": str(v.dtype)} for k, v in inputs.items()}
    scen = data.setdefault("scenarios", {})
    for name in select(scenarios_ops.SCENARIOS, only):
        s = scenarios_ops.SCENARIOS[name]
        ns = fresh_namespace()
        tensors = {k: tf.constant(v) for k, v in inputs.items()}
        ns.update(tensors)
        grng = np.random.default_rng(seed_of(name))
        with tf.GradientTape(persistent=True) as tape:
            for k in scenarios_ops.INPUT_NAMES:
                tape.watch(tensors[k])
            value = eval(s["code"], ns)
            flat = list(value) if isinstance(value, (list, tuple)) else [value]
            is_float = all(dtype_name(x).startswith("float") for x in flat)
            if s["grad"] and is_float:
                cot = [grng.normal(size=tuple(np.shape(x))).astype(dtype_name(x)) for x in flat]
                total = tf.add_n([tf.reduce_sum(x * r) for x, r in zip(flat, cot, strict=True)])
        entry = dict(s)
        entry.update(
            values=[tolist(x) for x in flat],
            dtypes=[dtype_name(x) for x in flat],
            shapes=[list(np.shape(x)) for x in flat],
            is_list=isinstance(value, list),
            result_is_tensor=[bool(tf.is_tensor(x)) for x in flat],
            grads={},
        )
        if s["grad"] and is_float:
            entry["cotangents"] = [tolist(r) for r in cot]
            names = set(re.findall(r"(?<![.\w])[A-Za-z_]\w*", s["code"]))
            used = [k for k in scenarios_ops.INPUT_NAMES if k in names]
            for k, g in zip(used, tape.gradient(total, [tensors[k] for k in used]), strict=True):
                entry["grads"][k] = None if g is None else tolist(tf.convert_to_tensor(g))
        del tape
        scen[name] = entry
        print(f"ops/{name}: {entry['dtypes']} {entry['shapes']} grads={sorted(entry['grads'])}")
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in scenarios_ops.SCENARIOS if k in scen}
    save_json(path, data)


# ------------------------------------------------------------------------------------ applications
APPLICATIONS = {
    "mobilenet_a025_32_avg": "keras.applications.MobileNet(weights=None, alpha=0.25, "
    "input_shape=(32, 32, 3), include_top=False, pooling='avg')",
    "mobilenet_a050_32_top3": "keras.applications.MobileNet(weights=None, alpha=0.5, "
    "input_shape=(32, 32, 3), classes=3)",
    "mobilenetv2_a035_32_avg": "keras.applications.MobileNetV2(weights=None, alpha=0.35, "
    "input_shape=(32, 32, 3), include_top=False, pooling='avg')",
    "mobilenetv2_a050_32_top3": "keras.applications.MobileNetV2(weights=None, alpha=0.5, "
    "input_shape=(32, 32, 3), classes=3)",
}


def record_applications(only):
    """Forward passes of whole MobileNets with deterministic weights (drawn in model.weights order
    from default_rng(crc32(name) + 1): uniform in [-0.5, 0.5), variances in [0.5, 1.5)), so the
    fixture stores only the code, the input and the output."""
    path = os.path.join(FIXTURES, "applications.json")
    npath = os.path.join(FIXTURES, "applications.npz")
    data = load_json(path) if only is not None else {}
    arrays = dict(np.load(npath)) if (only is not None and os.path.exists(npath)) else {}
    scen = data.setdefault("scenarios", {})
    for name in select(APPLICATIONS, only):
        code = APPLICATIONS[name]
        ns = fresh_namespace()
        model = eval(code, ns)
        x = np.random.default_rng(seed_of(name)).uniform(-1, 1, (2, 32, 32, 3)).astype("float32")
        model.set_weights(deterministic_weights(model, np.random.default_rng(seed_of(name, 1))))
        y = model.predict(x, verbose=0)
        arrays[f"{name}/x"] = x
        arrays[f"{name}/y"] = y
        scen[name] = {
            "code": code,
            "weight_seed": seed_of(name, 1),
            "n_weights": len(model.weights),
            "output_shape": list(y.shape),
        }
        print(f"applications/{name}: {y.shape}, |y| max {np.abs(y).max():.3g}")
    data["meta"] = meta()
    data["scenarios"] = {k: scen[k] for k in APPLICATIONS if k in scen}
    save_json(path, data)
    np.savez_compressed(
        npath, **{k: v for k, v in sorted(arrays.items()) if k.split("/")[0] in data["scenarios"]}
    )


RECORDERS = {
    "summaries": (record_summaries, lambda: scenarios_summary.SCENARIOS),
    "layers": (record_layers, lambda: scenarios_layers.SCENARIOS),
    "optimizers": (record_optimizers, lambda: scenarios_optim.SCENARIOS),
    "losses": (record_losses, lambda: {**scenarios_losses.LOSSES, **scenarios_losses.METRICS}),
    "training": (record_training, lambda: scenarios_training.SCENARIOS),
    "scripts": (record_scripts, lambda: scenarios_scripts.SCENARIOS),
    "saving": (record_saving, lambda: scenarios_saving.SCENARIOS),
    "roundtrip": (record_roundtrip, lambda: scenarios_saving.SCENARIOS),
    "errors": (record_errors, lambda: scenarios_errors.SCENARIOS),
    "ops": (record_ops, lambda: scenarios_ops.SCENARIOS),
    "applications": (record_applications, lambda: APPLICATIONS),
    "preprocessing": (record_preprocessing, lambda: scenarios_preprocessing.SCENARIOS),
}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "--only", action="append", metavar="NAME", help="re-record only this scenario (repeatable)"
    )
    p.add_argument(
        "--family", action="append", choices=FAMILIES, help="record only this family (repeatable)"
    )
    args = p.parse_args(argv)
    os.makedirs(FIXTURES, exist_ok=True)
    only = set(args.only) if args.only else None
    families = args.family or FAMILIES
    if only is not None:
        known = set()
        for fam in families:
            known |= set(RECORDERS[fam][1]())
        unknown = only - known
        if unknown:
            p.error(f"unknown scenario(s): {sorted(unknown)}")
        families = [f for f in families if only & set(RECORDERS[f][1]())]
    for fam in families:
        RECORDERS[fam][0](only)


if __name__ == "__main__":
    main()
