// TensorFlow.js side of the browser benchmark (bundled by esbuild into build/tfjs_bench.js).
// The same workloads as bench/xor.py, bench/mlp.py and bench/cnn.py, timed around `model.fit`.
// The wasm binaries are served from build/ next to the bundle (never from a CDN).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

setWasmPaths(new URL('./build/', window.location.href).href);

async function useBackend(name) {
  if (!(await tf.setBackend(name))) throw new Error(`TF.js backend ${name} did not start`);
  await tf.ready();
  const info = { backend: tf.getBackend() };
  if (name === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  }
  return info;
}

function dense(units, activation, inputShape) {
  return tf.layers.dense(inputShape ? { units, activation, inputShape } : { units, activation });
}

// Random data shaped like the bundled MNIST subset: the kernels' cost does not depend on values.
function digits(n, shape) {
  const x = tf.randomUniform([n, ...shape], 0, 1, 'float32', 0);
  const y = tf.randomUniform([n, 1], 0, 10, 'int32', 1).cast('float32');
  return [x, y];
}

async function timedFit(model, x, y, options) {
  const start = performance.now();
  await model.fit(x, y, { verbose: 0, yieldEvery: 'never', ...options });
  return (performance.now() - start) / 1000;
}

const WORKLOADS = {
  // 2-4-1 sigmoid, SGD 0.1, MSE, batch 1, `epochs` epochs of the 4 XOR rows (shuffled, as Keras).
  async xor({ epochs = 1500 } = {}) {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const model = tf.sequential({ layers: [dense(4, 'sigmoid', [2]), dense(1, 'sigmoid')] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    await timedFit(model, x, y, { epochs: 1, batchSize: 1 }); // warm-up: kernels compiled
    return [await timedFit(model, x, y, { epochs, batchSize: 1 })];
  },
  // MNIST MLP 784-64-64-10, adam, sparse categorical crossentropy, batch 32, one epoch (x repeat).
  async mlp({ n = 10000, repeat = 2 } = {}) {
    const [x, y] = digits(n, [784]);
    const model = tf.sequential({
      layers: [dense(64, 'relu', [784]), dense(64, 'relu'), dense(10, 'softmax')],
    });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const times = [];
    for (let i = 0; i < repeat; i++) times.push(await timedFit(model, x, y, { epochs: 1, batchSize: 32 }));
    return times;
  },
  // The tutorial CNN: Conv2D 32 -> Conv2D 64 -> Flatten -> Dense 128 -> Dense 10, batch 32, one epoch.
  async cnn({ n = 1000, repeat = 1 } = {}) {
    const [x, y] = digits(n, [28, 28, 1]);
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
        tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
        tf.layers.flatten(),
        dense(128, 'relu'),
        dense(10, 'softmax'),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const times = [];
    for (let i = 0; i < repeat; i++) times.push(await timedFit(model, x, y, { epochs: 1, batchSize: 32 }));
    return times;
  },
};

window.tfBench = {
  version: tf.version.tfjs,
  // -> {backend, simd?, threads?, seconds: [...]} or {backend, error}
  async run(workload, backend, options) {
    const info = await useBackend(backend);
    try {
      info.seconds = await WORKLOADS[workload](options);
    } catch (err) {
      info.error = String(err && err.message || err);
    }
    tf.disposeVariables();
    return info;
  },
};
