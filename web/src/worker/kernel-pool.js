// Threads for the float32 GEMM (web/kernels/gemm.c) and the convolutions computed from the
// layer's input (web/kernels/conv.c) when the page is cross-origin isolated.
//
// Pyodide's memory is not shared, so no other thread can read numpy's arrays. The pool owns
// ONE shared WebAssembly.Memory on which every kernel worker (`threads - 1` nested Web Workers
// from a blob: URL, in this worker's agent cluster) instantiates the threaded build
// (threads-*.wasm: the same C, linked with an imported shared memory). A call is split into
// parts; part 0 is the Python worker's own, which pynn computes IN PLACE in Pyodide's memory
// with the one-thread kernel, so only what the kernel workers read is copied into the shared
// memory and only what they write is copied back:
//   sgemmStart / convStart   copy the workers' operands in and wake them (Atomics.notify);
//   (pynn computes part 0 in place: pynn/ops/gemm.py, _Threads)
//   finish                   waits for them (Atomics.wait, allowed in a worker) and copies
//                            their results back into numpy's arrays.
// A product (pynn.ops.gemm, for the products that may pay: macs and copies) is split into
// blocks of C's rows or columns; a convolution (pynn/ops/conv_kernels.py) into blocks of output
// rows, filter-gradient slices and images, with only the layer's input (not its im2col matrix,
// KH*KW times bigger), the kernel and the output gradient copied. The pool measures each kind
// of call's speed-up and leaves to one thread the kinds that do not gain.
//
// Not isolated (no SharedArrayBuffer), one core, or anything failing here: no pool, and
// pynn computes on one thread; kernel_status() says which and why.
const BUILDS = ['threads-relaxed.wasm', 'threads-simd128.wasm']; // best first, as kernels.js
export const MAX_THREADS = 4;
const PAGE = 65536;
const MAX_PAGES = 16384; // 1 GiB: the maximum web/kernels/build.sh links the module with
const STACK_BYTES = 65536;
const START_LIMIT_MS = 10000;
const WAIT_LIMIT_MS = 60000; // a kernel worker that has not answered by then is gone
const MIN_SPEEDUP = 1.1; // below this a kind of product rests ...
const REST_MS = 2000; // ... for this long, twice as long each time it loses again ...
const MAX_REST_MS = 32000; // ... up to this
// One control slot per kernel worker (Int32 words): the call number the worker waits on, the
// call number it finished, whether it failed, which export it runs (FUNCTIONS), its arguments,
// how long it computed (MICROS).
const SLOT_WORDS = 20;
const SEQ = 0;
const DONE = 1;
const FAILED = 2;
const FN = 3;
const ARGS = 4;
const MICROS = 17; // how long the worker computed its part of the last call (microseconds)
const FUNCTIONS = ['pynn_sgemm', 'pynn_conv_forward', 'pynn_conv_backward']; // (workers run them)
// A copy call costs about as much as copying this many floats more (TypedArray.set's set-up).
const RUN_CALL_FLOATS = 256;
const CONV_FORWARD = 1;
const CONV_BACKWARD = 2;
const GEOMETRY_INTS = 15; // conv.c's g: N H W C KH KW SH SW DH DW TOP LEFT OH OW F
// pynn_sgemm's micro-tile (gemm.c's MR and NR): blocks start on multiples of these.
const MR = 4;
const NR = 8;

// The kernel worker's whole program (turned into a blob: URL; it must not refer to anything
// outside itself). It instantiates the module on the shared memory, says it is ready, then
// loops: wait for a new call number, run pynn_sgemm with the slot's arguments, publish.
function kernelThread() {
  self.onmessage = (event) => {
    const { module, memory, slot, stackTop, functions } = event.data;
    let exports;
    try {
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      instance.exports.__stack_pointer.value = stackTop;
      exports = functions.map((name) => instance.exports[name]);
    } catch (err) {
      self.postMessage({ ok: false, error: String((err && err.message) || err) });
      return;
    }
    const words = new Int32Array(memory.buffer, slot, 20);
    self.postMessage({ ok: true });
    let seen = 0;
    for (;;) {
      Atomics.wait(words, 0, seen);
      seen = Atomics.load(words, 0);
      const start = performance.now();
      try {
        exports[words[3]](...words.subarray(4, 17));
        words[17] = Math.round((performance.now() - start) * 1000); // (MICROS)
        words[2] = 0;
      } catch {
        words[2] = 1;
      }
      Atomics.store(words, 1, seen);
      Atomics.notify(words, 1);
    }
  };
}

const align = (bytes, to = 64) => Math.ceil(bytes / to) * to;
// " (T)", " (TT)" ...: which operands of a product are transposed views ("" when none).
const transposes = (a, b) => (a || b ? ` (${a ? 'T' : ''}${b ? 'T' : ''})` : '');

class KernelPool {
  constructor({ memory, instance, workers, slots, works, arena, heap, build }) {
    this.memory = memory;
    this.convScratch = instance.exports.pynn_conv_scratch_floats;
    this.slices = instance.exports.pynn_conv_slices();
    this.workers = workers;
    this.slots = slots; // byte offset of each kernel worker's control slot
    this.works = works; // byte offset of each thread's scratch (0: this thread)
    this.arena = arena; // where the operands of a call are copied to
    this.heap = heap; // () => Pyodide's memory as a Uint8Array (changes when it grows)
    this.build = build;
    this.threads = workers.length + 1;
    this.words = new Int32Array(memory.buffer);
    this.floats = new Float32Array(memory.buffer);
    this.broken = null;
    this.pending = null; // a call between sgemmStart / convStart and finish
    this.kinds = new Map(); // per kind of product: its recent speed-up, when it may go again
    this.stats = { threaded: 0, declined: 0, rests: 0 };
    this.timing = new Map(); // per call's shape: where its time went (see times)
  }

  // Makes room for `bytes` of operands after the arena's start; false if the memory's
  // maximum cannot hold them.
  reserve(bytes) {
    const needed = Math.ceil((this.arena + bytes) / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (needed > MAX_PAGES) return false;
    if (needed > have) {
      this.memory.grow(needed - have);
      this.words = new Int32Array(this.memory.buffer);
      this.floats = new Float32Array(this.memory.buffer);
    }
    return true;
  }

  // C = A @ B (float32) split over up to `parts` threads, in two calls around this thread's
  // own block, which pynn computes IN PLACE in Pyodide's memory (gemm.py _Threads.run). A
  // (m x k), B (k x n): Pyodide addresses (bytes) with element strides >= 0; C: a
  // C-contiguous m x n array at `c`. C is split into equal blocks of rows (or of columns when
  // it is wider than tall) on the micro-tile; block 0 is this thread's. sgemmStart copies into
  // the shared memory what the kernel workers read (the whole other operand, only their rows
  // of A or columns of B) and wakes them; returns the end of block 0 (a row or column
  // count), or 0 (nothing started) when the product cannot be split or does not fit, or while
  // this kind of product rests (see learn; `force`: not even then). sgemmFinish waits for
  // the workers and copies their blocks of C back; throws if a thread failed.
  sgemmStart(m, n, k, a, rsa, csa, b, rsb, csb, c, parts, force = false) {
    if (this.broken) throw new Error(this.broken);
    if (this.pending) this.finish(false); // (an interrupted call: its results are dropped)
    if (m < 1 || n < 1 || k < 1) return 0;
    const byRows = m >= n;
    const extent = byRows ? m : n;
    const unit = byRows ? MR : NR;
    parts = Math.min(parts, this.threads, Math.ceil(extent / unit));
    if (parts < 2) return 0;
    const macs = m * n * k;
    const aSpan = (m - 1) * rsa + (k - 1) * csa + 1;
    const bSpan = (k - 1) * rsb + (n - 1) * csb + 1;
    // The split operand (A's rows or B's columns): its stride along the split and across it.
    const [along, across, span] = byRows ? [rsa, csa, aSpan] : [csb, rsb, bSpan];
    // The kind (keyed on an equal split's copies) and our block: its measured share (balance).
    const equal = extent - Math.ceil(extent / parts);
    const kind = this.kind(
      byRows,
      macs,
      byRows ? bSpan + equal * k + equal * n : aSpan + equal * k + m * equal,
    );
    if (!force && performance.now() < kind.restUntil) {
      this.stats.declined++;
      return 0;
    }
    const step = this.ourBlock(kind, parts, extent, unit);
    const wstep = Math.ceil((extent - step) / (parts - 1) / unit) * unit;
    // What the workers read of it, from `step` on: one range when its rows (columns) do not
    // interleave; one run per k when they are contiguous across and the runs are long enough
    // to be worth a call each (RUN_CALL_FLOATS); else all of it.
    const runs = [];
    if (along >= (k - 1) * across + 1) runs.push([step * along, span]);
    else if (along === 1 && k * (RUN_CALL_FLOATS + extent - step) < span)
      for (let p = 0; p < k; p++) runs.push([p * across + step, p * across + extent]);
    else runs.push([0, span]);
    const aAt = this.arena;
    const bAt = align(aAt + 4 * aSpan);
    const cAt = align(bAt + 4 * bSpan);
    const size = this.memory.buffer.byteLength;
    if (!this.reserve(cAt + 4 * m * n - this.arena)) return 0;
    const started = performance.now();
    const source = new Float32Array(this.heap().buffer);
    const floats = this.floats;
    const copy = (from, at, lo, hi) =>
      floats.set(source.subarray((from >>> 2) + lo, (from >>> 2) + hi), (at >>> 2) + lo);
    if (byRows) copy(b, bAt, 0, bSpan);
    else copy(a, aAt, 0, aSpan);
    const [from, at] = byRows ? [a, aAt] : [b, bAt];
    for (const [lo, hi] of runs) copy(from, at, lo, hi);
    const slots = [];
    for (let p = 1, lo = step; lo < extent; p++, lo += wstep) {
      const size = Math.min(extent, lo + wstep) - lo;
      const block = byRows
        ? [size, n, k, aAt + 4 * lo * rsa, rsa, csa, bAt, rsb, csb, cAt + 4 * lo * n, n]
        : [m, size, k, aAt, rsa, csa, bAt + 4 * lo * csb, rsb, csb, cAt + 4 * lo, n];
      slots.push(this.wake(p, 0, [...block, 0, this.works[p]]));
    }
    this.pending = {
      slots,
      finish: () => {
        const target = new Float32Array(this.heap().buffer);
        const put = (lo, hi) =>
          target.set(floats.subarray((cAt >>> 2) + lo, (cAt >>> 2) + hi), (c >>> 2) + lo);
        if (byRows) put(step * n, m * n);
        else for (let i = 0; i < m; i++) put(i * n + step, i * n + n);
      },
      kind,
      label: `product ${m}x${k} @ ${k}x${n}${transposes(rsa < csa, rsb < csb)}`,
      grew: this.memory.buffer.byteLength > size, // new pages: this call is no measure
      started,
      ours: performance.now(),
      macs,
      macsOurs: (macs * step) / extent,
      share: step / extent,
    };
    return step;
  }

  // Waits for the kernel workers of sgemmStart or convStart, copies their results back into
  // Pyodide's memory and learns from the call's times; throws if a worker failed.
  finish(copyBack = true) {
    const call = this.pending;
    if (!call) return;
    this.pending = null;
    const computed = performance.now();
    const deadline = computed + WAIT_LIMIT_MS;
    for (const slot of call.slots) this.join(slot, deadline);
    const joined = performance.now();
    if (!copyBack) return;
    call.finish();
    this.time(call, computed, joined);
    if (!call.grew && call.share)
      this.balance(
        call.kind,
        call.share,
        call.slots.length,
        computed - call.ours,
        joined - computed,
      );
    this.stats.threaded++;
    if (!call.grew)
      this.learn(call.kind, {
        computeMs: computed - call.ours, // this thread's part, computed by pynn in between
        macsComputed: call.macsOurs,
        totalMs: performance.now() - call.started,
        macs: call.macs,
      });
  }

  // Adds a finished call's times to its shape's record: copying in, this thread's part, waiting
  // for the kernel workers after it, copying back, and the slowest worker's own computing.
  time(call, computed, joined) {
    let t = this.timing.get(call.label);
    if (!t)
      this.timing.set(
        call.label,
        (t = { calls: 0, copyInMs: 0, oursMs: 0, waitMs: 0, copyBackMs: 0, workersMs: 0 }),
      );
    t.calls++;
    t.copyInMs += call.ours - call.started;
    t.oursMs += computed - call.ours;
    t.waitMs += joined - computed;
    t.copyBackMs += performance.now() - joined;
    t.workersMs += Math.max(0, ...call.slots.map((slot) => this.words[slot + MICROS])) / 1000;
  }

  // The records of time, by call shape (as bench/browser/threads.py --profile names them):
  // {label: {calls, copyInMs, oursMs, waitMs, copyBackMs, workersMs}}, totals since the start.
  times() {
    return Object.fromEntries([...this.timing].map(([label, t]) => [label, { ...t }]));
  }

  // Wakes kernel worker `p` (>= 1) to run FUNCTIONS[fn](...args); returns its slot.
  wake(p, fn, args) {
    const words = this.words;
    const slot = this.slots[p - 1] >>> 2;
    words[slot + FN] = fn;
    words.set(args, slot + ARGS);
    const seq = words[slot + SEQ] + 1;
    Atomics.store(words, slot + SEQ, seq);
    Atomics.notify(words, slot + SEQ);
    return slot;
  }

  // Waits for the kernel worker of `slot` to finish the call it was woken for; throws if it
  // failed or stopped answering.
  join(slot, deadline) {
    const words = this.words;
    const seq = words[slot + SEQ];
    for (;;) {
      const done = Atomics.load(words, slot + DONE);
      if (done === seq) break;
      if (performance.now() > deadline) {
        this.broken = 'a kernel thread stopped answering';
        throw new Error(this.broken);
      }
      Atomics.wait(words, slot + DONE, done, 100);
    }
    if (words[slot + FAILED])
      throw new Error(`a kernel thread failed in ${FUNCTIONS[words[slot + FN]]}`);
  }

  // A convolution of conv.c split over up to `parts` threads, in two calls around this
  // thread's own part, which pynn computes IN PLACE in Pyodide's memory (conv_kernels.py):
  // convStart copies what the kernel workers read into the shared memory and wakes them;
  // finish waits for them and copies their results back. Pyodide addresses (bytes): `g`
  // the geometry (15 int32), x (N, H, W, C), w (KH, KW, C, F) and, backward, dy (N*OH*OW, F);
  // outputs: forward y (N*OH*OW, F), with `bias` (F floats; 0: none) added and max(y, 0)
  // taken if `relu`; backward dw (the filter gradient's SLICES partial sums,
  // each K x F; 0: not wanted) and dx (N, H, W, C; 0: not wanted). Backward, part p of `parts`
  // gets units [floor(units * p / parts), floor(units * (p + 1) / parts)) of the slices and
  // of the images, part 0 being this thread's. Forward, part 0 is rows [0, the number returned) (the kind's measured share, see balance)
  // and the workers split the rest equally; returns 0 (nothing started) when the convolution
  // cannot be split or does not fit, or while this kind rests (unless `force`). Backward
  // returns the number of parts (or 0).
  convStart(backward, g, x, w, dy, y, dw, dx, bias, relu, parts, force = false) {
    if (this.broken) throw new Error(this.broken);
    if (this.pending) this.finish(false); // (an interrupted call: its results are dropped)
    const geo = new Int32Array(this.heap().buffer, g, GEOMETRY_INTS);
    const [n, h, width, c, kh, kw] = geo;
    const f = geo[14];
    const k = kh * kw * c;
    const plane = geo[12] * geo[13];
    const rows = n * plane;
    const image = h * width * c;
    const slices = this.slices;
    parts = Math.min(parts, this.threads, backward ? slices : Math.ceil(rows / MR));
    if (parts < 2) return 0;
    const share = (p, units) => [
      Math.floor((units * p) / parts),
      Math.floor((units * (p + 1)) / parts),
    ];
    // What the kernel workers (parts 1 ...) read and write: the tail of each array, from the
    // first unit of part 1 (copied to the same offsets of arrays laid out whole in the arena).
    let [, rowLo] = share(0, rows);
    const [, sliceLo] = share(0, slices);
    const [, imageLo] = share(0, n);
    const sliceRowLo = Math.floor((rows * sliceLo) / slices);
    const inputs = []; // [address, arena floats, first float copied]
    const outputs = []; // [address, arena floats, first float copied back]
    if (!backward) {
      inputs.push([x, n * image, Math.floor(rowLo / plane) * image], [w, k * f, 0]);
      if (bias) inputs.push([bias, f, 0]);
      outputs.push([y, rows * f, rowLo * f]);
    } else {
      const dyLo = Math.min(dw ? sliceRowLo : rows, dx ? imageLo * plane : rows);
      inputs.push([x, n * image, dw ? Math.floor(sliceRowLo / plane) * image : n * image]);
      inputs.push([w, k * f, 0], [dy, rows * f, dyLo * f]);
      outputs.push([dw, dw ? slices * k * f : 0, sliceLo * k * f]);
      outputs.push([dx, dx ? n * image : 0, imageLo * image]);
    }
    const moved = (list) => list.reduce((sum, [at, all, first]) => sum + (at ? all - first : 0), 0);
    const macs = rows * k * f * (backward ? (dw ? 1 : 0) + (dx ? 1 : 0) : 1);
    const kind = this.kind(`conv${backward}`, macs, moved(inputs) + moved(outputs));
    if (!force && performance.now() < kind.restUntil) {
      this.stats.declined++;
      return 0;
    }
    if (!backward) {
      // Forward: our rows are the kind's measured share (balance); the workers split the rest.
      rowLo = this.ourBlock(kind, parts, rows, MR);
      inputs[0][2] = Math.floor(rowLo / plane) * image;
      outputs[0][2] = rowLo * f;
    }
    const rowsOf = (p) => [
      rowLo + Math.floor(((rows - rowLo) * (p - 1)) / (parts - 1)),
      rowLo + Math.floor(((rows - rowLo) * p) / (parts - 1)),
    ];
    // The arena: geometry, inputs, outputs, then each kernel worker's scratch.
    let end = align(this.arena + 4 * GEOMETRY_INTS);
    const place = (floats) => {
      const at = end;
      end = align(end + 4 * floats);
      return at;
    };
    const inAt = inputs.map(([, all]) => place(all));
    const outAt = outputs.map(([, all]) => place(all));
    const scratchAt = [0];
    for (let p = 1; p < parts; p++) scratchAt.push(place(this.convScratch(k, f)));
    const size = this.memory.buffer.byteLength;
    if (!this.reserve(end - this.arena)) return 0;
    const started = performance.now();
    const source = new Float32Array(this.heap().buffer);
    this.words.set(geo, this.arena >>> 2);
    inputs.forEach(([from, all, first], i) => {
      const base = from >>> 2;
      this.floats.set(source.subarray(base + first, base + all), (inAt[i] >>> 2) + first);
    });
    const [xAt, wAt, dyAt] = inAt;
    const args = (p) =>
      backward
        ? [this.arena, xAt, dyAt, wAt, dw ? outAt[0] : 0, dx ? outAt[1] : 0].concat(
            share(p, slices),
            share(p, n),
            [scratchAt[p], this.works[p]],
          )
        : [this.arena, xAt, wAt, outAt[0], ...rowsOf(p), scratchAt[p], this.works[p]].concat([
            bias ? inAt[2] : 0,
            relu ? 1 : 0,
          ]);
    const fn = backward ? CONV_BACKWARD : CONV_FORWARD;
    const slots = [];
    for (let p = 1; p < parts; p++) slots.push(this.wake(p, fn, args(p)));
    const back = outputs.map(([to, all, first], i) => [to, outAt[i], first, all]);
    this.pending = {
      slots,
      finish: () => {
        const target = new Float32Array(this.heap().buffer);
        for (const [to, at, first, all] of back)
          if (to)
            target.set(
              this.floats.subarray((at >>> 2) + first, (at >>> 2) + all),
              (to >>> 2) + first,
            );
      },
      kind,
      label: `conv ${kh}x${kw}x${c}x${f} ${backward ? 'backward' : 'forward'}`,
      grew: this.memory.buffer.byteLength > size, // new pages: this call is no measure
      started,
      ours: performance.now(),
      macs,
      macsOurs: backward ? macs / parts : (macs * rowLo) / rows,
      share: backward ? null : rowLo / rows,
    };
    return backward ? parts : rowLo;
  }

  // This thread's block of `extent` (whole units, and something left for the others): the
  // kind's measured share, at first an equal one.
  ourBlock(kind, parts, extent, unit) {
    const share = kind.share || 1 / parts;
    const most = Math.floor((extent - 1) / unit) * unit;
    return Math.max(unit, Math.min(most, Math.round((extent * share) / unit) * unit));
  }

  // Learns how much of a kind of call this thread should take so that it finishes with the
  // kernel workers (which started a little later, and whose results are copied back after):
  // from this thread's time on its share `s` and how long it then waited for the `workers`.
  balance(kind, s, workers, ourMs, waitMs) {
    if (ourMs < 0.2) return;
    let target = s - 0.02; // they were done first: a little less for us
    if (waitMs > 0.05) {
      const ours = s / ourMs;
      const theirs = (1 - s) / workers / (ourMs + waitMs);
      target = ours / (ours + workers * theirs);
    }
    const fair = 1 / (workers + 1);
    kind.share = Math.min(1.5 * fair, Math.max(0.5 * fair, s + 0.5 * (target - s)));
  }

  // The record of a kind of product: split the same way, about as many multiply-adds per
  // copied float (within a factor of 2), and about as big (within a factor of 4).
  kind(byRows, macs, copied) {
    // (byRows: or a convolution's name)
    const key = `${byRows}:${Math.round(Math.log2(macs / copied))}:${Math.round(Math.log2(macs) / 2)}`;
    let kind = this.kinds.get(key);
    if (!kind)
      this.kinds.set(key, (kind = { speedup: null, restUntil: 0, rest: REST_MS, share: null }));
    return kind;
  }

  // Learns from a call, when its parts took long enough to time: the speed-up of this kind of
  // product over one thread (the whole product at the speed of this thread's own block,
  // against the call's time). When a kind's speed-up falls below MIN_SPEEDUP (the copies cost too much for it, or
  // the other cores are busy: a woken thread waits for a core, and this one for it) that kind
  // rests: one thread computes it for REST_MS (twice as long after each new loss, up to
  // MAX_REST_MS), then the threads try it again.
  learn(kind, { computeMs, macsComputed, totalMs, macs }) {
    if (computeMs < 0.2) return;
    const speedup = (computeMs * macs) / macsComputed / totalMs;
    kind.speedup = kind.speedup === null ? speedup : kind.speedup + 0.25 * (speedup - kind.speedup);
    if (kind.speedup >= MIN_SPEEDUP) {
      kind.rest = REST_MS;
    } else {
      kind.restUntil = performance.now() + kind.rest;
      kind.rest = Math.min(MAX_REST_MS, 2 * kind.rest); // longer each time it loses again
      kind.speedup = null;
      this.stats.rests++;
    }
  }

  close() {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    this.threads = 1;
  }
}

// How many threads to use: the cores the browser reports, at most MAX_THREADS.
export function threadCount() {
  return Math.max(1, Math.min(MAX_THREADS, (self.navigator && navigator.hardwareConcurrency) || 1));
}

// A kernel worker and the promise of its "ready".
function startWorker(url, message) {
  const worker = new Worker(url, { name: 'pynn-kernel' });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('a kernel worker did not start')),
      START_LIMIT_MS,
    );
    worker.onmessage = (event) => {
      clearTimeout(timer);
      if (event.data && event.data.ok) resolve(worker);
      else reject(new Error((event.data && event.data.error) || 'a kernel worker failed'));
    };
    worker.onerror = (event) => {
      clearTimeout(timer);
      event.preventDefault();
      reject(new Error(event.message || 'a kernel worker failed to load'));
    };
  });
  worker.postMessage(message);
  return { worker, ready };
}

// Starts the pool. `readFile(name)` gives a build's bytes (or throws), `heap()` Pyodide's
// memory as bytes. Resolves to {pool} or {reason} (why pynn stays on one thread).
export async function startKernelPool({ readFile, heap, threads = threadCount() }) {
  if (!globalThis.crossOriginIsolated) {
    return { reason: 'the page is not cross-origin isolated' };
  }
  if (threads < 2) return { reason: 'the browser reports one core' };
  const started = [];
  try {
    let build = null;
    let bytes = null;
    for (const name of BUILDS) {
      try {
        bytes = readFile(name);
      } catch {
        continue; // not in this build
      }
      if (WebAssembly.validate(bytes)) {
        build = name;
        break;
      }
    }
    if (!build) return { reason: 'no threaded kernel build validates in this browser' };
    const module = await WebAssembly.compile(bytes);
    const memory = new WebAssembly.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const workFloats = instance.exports.pynn_sgemm_work_floats();
    // Layout after the module's own area: control slots, then per thread a stack and its
    // scratch, then the operands of a call (the arena, grown as needed).
    let at = align(instance.exports.__heap_base.value);
    const slots = [];
    for (let i = 1; i < threads; i++, at += 4 * SLOT_WORDS) slots.push(at);
    const works = [];
    const stacks = [];
    for (let i = 0; i < threads; i++) {
      at = align(at + STACK_BYTES, 16);
      stacks.push(at);
      works.push(at);
      at = align(at + 4 * workFloats);
    }
    const arena = at;
    const need = Math.ceil(arena / PAGE) + 1 - memory.buffer.byteLength / PAGE;
    if (need > 0) memory.grow(need);
    instance.exports.__stack_pointer.value = stacks[0];
    const url = URL.createObjectURL(
      new Blob([`(${kernelThread.toString()})()`], { type: 'text/javascript' }),
    );
    try {
      const starting = slots.map((slot, i) =>
        startWorker(url, { module, memory, slot, stackTop: stacks[i + 1], functions: FUNCTIONS }),
      );
      started.push(...starting.map(({ worker }) => worker));
      const workers = await Promise.all(starting.map(({ ready }) => ready));
      return {
        pool: new KernelPool({ memory, instance, workers, slots, works, arena, heap, build }),
      };
    } finally {
      URL.revokeObjectURL(url);
    }
  } catch (err) {
    for (const worker of started) worker.terminate();
    return { reason: `the kernel threads could not start (${(err && err.message) || err})` };
  }
}
