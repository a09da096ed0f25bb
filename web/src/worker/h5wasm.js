// HDF5 for the playground's Python: the HDF5 C library compiled to WebAssembly (npm package
// h5wasm), bundled by build.mjs into its own file dist/h5wasm.js. The worker loads it only
// before a program that may save or load HDF5 (see worker.js), so the page's first download
// does not carry it.
//
// The Python side (pynn/keras/saving/h5_document.py, through pynn_runner/h5.py) hands over a
// whole file as a tree: {kind: 'group', attrs, children} / {kind: 'dataset', dtype, shape,
// data, attrs} / {kind: 'link'}; attributes {dtype, shape, data} or {strings, shape}; `data`
// is base64. `write(json)` -> the HDF5 file's bytes; `read(bytes)` -> the tree as JSON.
import * as h5wasm from 'h5wasm';

export const ready = h5wasm.ready;

const TYPED = {
  '<f4': Float32Array,
  '<f8': Float64Array,
  '<i1': Int8Array,
  '|i1': Int8Array,
  '<i2': Int16Array,
  '<i4': Int32Array,
  '<i8': BigInt64Array,
  '|u1': Uint8Array,
  '<u1': Uint8Array,
  '<u2': Uint16Array,
  '<u4': Uint32Array,
  '<u8': BigUint64Array,
  '|b1': Uint8Array,
};

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function typedArray(dtype, base64) {
  const Typed = TYPED[dtype];
  if (!Typed) throw new Error(`HDF5: unsupported dtype ${dtype}`);
  const bytes = fromBase64(base64);
  return new Typed(bytes.buffer, bytes.byteOffset, bytes.byteLength / Typed.BYTES_PER_ELEMENT);
}

// numpy's dtype strings -> h5wasm's (Python struct letters: '<d' is float64, '<q' int64).
const STRUCT = {
  f2: 'e',
  f4: 'f',
  f8: 'd',
  i1: 'b',
  i2: 'h',
  i4: 'i',
  i8: 'q',
  u1: 'B',
  u2: 'H',
  u4: 'I',
  u8: 'Q',
  b1: 'B',
};
function h5dtype(dtype) {
  const letter = STRUCT[dtype.slice(1)];
  if (!letter) throw new Error(`HDF5: unsupported dtype ${dtype}`);
  return `<${letter}`;
}

function writeAttrs(target, attrs) {
  for (const [name, attr] of Object.entries(attrs || {})) {
    if (attr.strings) {
      const value = attr.shape.length === 0 ? attr.strings[0] : attr.strings;
      target.create_attribute(name, value, attr.shape.length === 0 ? null : attr.shape);
    } else if (attr.shape.includes(0)) {
      // An empty list (tf.keras writes weight_names=[] for a model without own weights).
      target.create_attribute(name, new Float64Array(0), [0], '<d');
    } else {
      target.create_attribute(
        name,
        typedArray(attr.dtype, attr.data),
        attr.shape,
        h5dtype(attr.dtype),
      );
    }
  }
}

function writeGroup(group, node) {
  writeAttrs(group, node.attrs);
  for (const [name, child] of Object.entries(node.children || {})) {
    if (child.kind === 'group') {
      writeGroup(group.create_group(name), child);
    } else if (child.kind === 'dataset') {
      const dataset = group.create_dataset({
        name,
        data: typedArray(child.dtype, child.data),
        shape: child.shape,
        dtype: h5dtype(child.dtype),
      });
      writeAttrs(dataset, child.attrs);
    }
  }
}

let serial = 0;
function scratchName() {
  serial += 1;
  return `/pynn-${serial}.h5`;
}

export function write(json) {
  const node = JSON.parse(json);
  const name = scratchName();
  const file = new h5wasm.File(name, 'w');
  try {
    writeGroup(file, node);
  } finally {
    file.close();
  }
  const bytes = h5wasm.FS.readFile(name);
  h5wasm.FS.unlink(name);
  return bytes;
}

function dtypeOf(metadata) {
  const order = metadata.littleEndian ? '<' : '>';
  if (metadata.type === 1) return `${order}f${metadata.size}`; // H5T_FLOAT
  if (metadata.type === 0) return `${order}${metadata.signed ? 'i' : 'u'}${metadata.size}`; // H5T_INTEGER
  return null;
}

function bytesOf(value) {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function readAttrs(entity) {
  const attrs = {};
  for (const [name, attr] of Object.entries(entity.attrs)) {
    const shape = attr.shape || [];
    const value = attr.value;
    if (
      typeof value === 'string' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    ) {
      attrs[name] = { strings: typeof value === 'string' ? [value] : value, shape };
    } else if (value !== null && ArrayBuffer.isView(value) && dtypeOf(attr.metadata)) {
      attrs[name] = { dtype: dtypeOf(attr.metadata), shape, data: toBase64(bytesOf(value)) };
    } else if (typeof value === 'number' && dtypeOf(attr.metadata)) {
      const array =
        attr.metadata.type === 1 ? new Float64Array([value]) : new Float64Array([value]);
      attrs[name] = { dtype: '<f8', shape: [], data: toBase64(bytesOf(array)) };
    } else if (Array.isArray(value) && value.length === 0) {
      attrs[name] = { dtype: '<f8', shape: [0], data: '' };
    }
  }
  return attrs;
}

function readEntity(entity) {
  if (entity instanceof h5wasm.Group) {
    const children = {};
    for (const name of entity.keys()) {
      const child = entity.get(name);
      children[name] =
        child instanceof h5wasm.Group || child instanceof h5wasm.Dataset
          ? readEntity(child)
          : { kind: 'link' };
    }
    return { kind: 'group', attrs: readAttrs(entity), children };
  }
  const dtype = dtypeOf(entity.metadata);
  if (!dtype) return { kind: 'link' }; // not numbers: nothing pynn reads as a weight
  const value = entity.value;
  const data = ArrayBuffer.isView(value)
    ? bytesOf(value)
    : bytesOf(new (TYPED[dtype] || Float64Array)([value]));
  return {
    kind: 'dataset',
    dtype,
    shape: entity.shape || [],
    data: toBase64(data),
    attrs: readAttrs(entity),
  };
}

export function read(bytes) {
  const name = scratchName();
  h5wasm.FS.writeFile(name, bytes);
  let file = null;
  try {
    file = new h5wasm.File(name, 'r');
    return JSON.stringify(readEntity(file));
  } finally {
    if (file) file.close();
    h5wasm.FS.unlink(name);
  }
}
