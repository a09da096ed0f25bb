// Several files in one program (the editor's tabs): the names a tab may have, and the one text
// format that holds several files (examples in web/examples/, Open .py). Pure functions, no DOM,
// no i18n (problems are returned as i18n keys), so build.mjs uses them too.
//
// A session is { files: [{ name, code }], active } — `active` is the index of the tab shown,
// which is also the file Run runs (as `python NAME.py` would). A session with one file named
// `main.py` is exactly what the playground had before tabs.
//
// The multi-file text format: a line `# %% file: NAME.py` starts a file; its code runs to the
// next such line. Nothing but blank lines may come before the first marker. The LAST file is
// the one shown (and run) when the text is opened. A text without any marker is one file,
// `main.py`. The marker is also a `# %%` cell line, so the text stays a valid Python script and
// a percent-format notebook; ordinary `# %%` cell lines inside a file are left alone.
//
//     # %% file: MLP.py
//     import tensorflow as tf
//     class MLP: ...
//
//     # %% file: xor_classifier.py
//     from MLP import MLP
//     ...

export const MAIN_FILE = 'main.py';
export const MAX_FILES = 20;
export const MAX_NAME_LENGTH = 60;

const FILE_MARK = /^# %% file: *(.*?)\s*$/;

// Python's keywords: `import class` is a syntax error, so `class.py` cannot be imported.
const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try ' +
    'while with yield'
  ).split(' '),
);

// Modules the playground provides: a tab of that name would hide them (a classic slip is a
// student's own `tensorflow.py` or `keras.py`).
export const PROVIDED_MODULES = new Set([
  'tensorflow',
  'keras',
  'numpy',
  'pynn',
  'matplotlib',
  'pynn_runner',
  'tf_keras',
]);

// Python identifiers: a letter or _ first, then letters, digits, _ (Unicode letters allowed,
// as in Python 3: `모델.py` can be imported).
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

// null when `name` can be a tab's name next to `others` (the other tabs' names), else
// { key, vars }: the i18n key of the problem (strings `tabs.bad.*`) and its values.
export function nameProblem(name, others = []) {
  const text = String(name);
  if (!text.trim()) return { key: 'tabs.bad.empty', vars: {} };
  if (text.length > MAX_NAME_LENGTH)
    return { key: 'tabs.bad.long', vars: { max: MAX_NAME_LENGTH } };
  if (!text.endsWith('.py')) return { key: 'tabs.bad.extension', vars: { name: text } };
  const stem = text.slice(0, -3);
  if (!IDENTIFIER.test(stem)) return { key: 'tabs.bad.identifier', vars: { name: text } };
  if (KEYWORDS.has(stem)) return { key: 'tabs.bad.keyword', vars: { name: text, word: stem } };
  if (PROVIDED_MODULES.has(stem))
    return { key: 'tabs.bad.provided', vars: { name: text, module: stem } };
  if (others.includes(text)) return { key: 'tabs.bad.taken', vars: { name: text } };
  return null;
}

// A name for a new tab that is not taken: module.py, module2.py, ...
export function freshName(others, base = 'module') {
  for (let i = 1; ; i += 1) {
    const name = `${base}${i === 1 ? '' : i}.py`;
    if (!others.includes(name)) return name;
  }
}

export function singleFile(code, name = MAIN_FILE) {
  return { files: [{ name, code }], active: 0 };
}

// The multi-file text -> a session; throws an Error naming the problem (a bad or repeated name,
// code before the first marker, too many files).
export function splitFiles(text) {
  const lines = String(text).split('\n');
  if (!lines.some((line) => FILE_MARK.test(line))) return singleFile(String(text));
  const files = [];
  let current = null;
  lines.forEach((line, index) => {
    const mark = FILE_MARK.exec(line);
    if (mark) {
      const name = mark[1];
      const problem = nameProblem(
        name,
        files.map((f) => f.name),
      );
      if (problem)
        throw new Error(`line ${index + 1}: "${name}" cannot be a file name (${problem.key})`);
      current = { name, lines: [] };
      files.push(current);
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim()) {
      throw new Error(`line ${index + 1}: code before the first "# %% file: NAME.py" line`);
    }
  });
  if (files.length > MAX_FILES) throw new Error(`more than ${MAX_FILES} files`);
  return {
    files: files.map(({ name, lines: body }) => {
      const code = body.join('\n').replace(/\s+$/, '');
      return { name, code: code ? `${code}\n` : '' };
    }),
    active: files.length - 1,
  };
}

// A session -> the multi-file text (the active file last, so it is the one opened again).
// One file named main.py stays plain code.
export function joinFiles({ files, active }) {
  if (files.length === 1 && files[0].name === MAIN_FILE) return files[0].code;
  const order = [...files.filter((_, i) => i !== active), files[active]];
  return order
    .map(
      ({ name, code }) =>
        `# %% file: ${name}\n${code.endsWith('\n') || !code ? code : `${code}\n`}`,
    )
    .join('\n');
}

// Anything (from localStorage, a link) -> a well-formed session, or null. Names must be valid
// and distinct, codes strings, at most MAX_FILES files; `active` is clamped.
export function checkSession(value) {
  if (!value || typeof value !== 'object' || !Array.isArray(value.files)) return null;
  const { files } = value;
  if (files.length < 1 || files.length > MAX_FILES) return null;
  const names = [];
  for (const file of files) {
    if (!file || typeof file.name !== 'string' || typeof file.code !== 'string') return null;
    if (nameProblem(file.name, names)) return null;
    names.push(file.name);
  }
  const active = Number.isInteger(value.active) ? value.active : 0;
  return {
    files: files.map(({ name, code }) => ({ name, code })),
    active: Math.min(Math.max(active, 0), files.length - 1),
  };
}
