// A notebook pasted as text -> a program of `# %%` cells (cells.js runs them one by one).
// Two forms are recognised:
//  * the `In [n]:` export (what copying a notebook page gives, nbviewer, PDF exports): markdown
//    prose, an `In [n]:` line, the cell's code, then what the cell printed. The IPython console
//    form (`In [1]: code`, `   ...: more`, `Out[1]: value`) too.
//  * Markdown with fenced code (```python ... ```), as blogs and `nbconvert --to markdown`
//    write; outputs there are the indented blocks right after a fence.
// Code becomes cells; the prose becomes comments at the top of the cell it introduces (the
// lesson's explanation stays next to its code; HTML tags are removed); printed outputs are
// dropped, because running the cell prints them again (old outputs would only mislead: other
// versions, other random numbers). Notebook magics (`%matplotlib inline`, `!pip ...`) become
// comments.
//
// Telling code from output in the `In [n]:` form: the export separates them by a blank line
// only, and code may hold blank lines too. The first block after `In [n]:` is code; each next
// block is code only while every line of it reads as Python (a statement, an assignment, a
// call, an expression on a name the notebook defined, a comment, or the continuation of an
// open bracket, string or indented block). From the first block that does not, the rest up
// to the next `In [n]:` is output (dropped) and then prose (kept).

const MARKER = /^In\s*\[([^\]]*)\]:\s?(.*)$/;
const OUT_MARKER = /^Out\s*\[[^\]]*\]:/;
const CONTINUATION_PROMPT = /^\s*\.\.\.:\s?/;
const FENCE = /^```+\s*([\w+.-]*)\s*$/;
const PYTHON_FENCES = new Set(['', 'python', 'python3', 'py', 'ipython', 'ipython3', 'pycon']);

// `%matplotlib inline`, `!pip install x` -> comments (shared with the .ipynb paste).
export function commentMagics(source) {
  return source
    .split('\n')
    .map((line) => (/^\s*[%!]/.test(line) ? `# ${line.trim()}` : line))
    .join('\n');
}

// --- reading a line as Python -------------------------------------------------------------

const IDENT = '[A-Za-z_\\u00c0-\\uffff][\\w\\u00c0-\\uffff]*';
const DOTTED = `${IDENT}(?:\\.${IDENT})*`;
const STATEMENTS = [
  new RegExp(
    `^import\\s+${DOTTED}(\\s+as\\s+${IDENT})?(\\s*,\\s*${DOTTED}(\\s+as\\s+${IDENT})?)*\\s*;?\\s*(#.*)?$`,
  ),
  new RegExp(`^from\\s+\\.*(${DOTTED})?\\s+import\\s+(\\(|\\*|${IDENT})`),
  new RegExp(`^(async\\s+)?def\\s+${IDENT}\\s*\\(`),
  new RegExp(`^class\\s+${IDENT}\\s*[(:]`),
  /^(async\s+)?(for|while|if|elif|with)\b.*:\s*(#.*)?$/,
  /^(else|try|finally)\s*:/,
  /^except\b.*:\s*(#.*)?$/,
  /^(return|raise|assert|del|yield|global|nonlocal|await)\b/,
  /^(pass|break|continue)\s*;?\s*(#.*)?$/,
  /^lambda\b/,
  new RegExp(`^@${DOTTED}`),
];
// What printed values start with, though they read like a call: `array([1, 2])`, ...
const REPRS = new Set([
  'array',
  'masked_array',
  'matrix',
  'dtype',
  'Tensor',
  'EagerTensor',
  'TensorShape',
  'tf.Tensor',
  'tf.Variable',
  'tf.RaggedTensor',
  'tf.SparseTensor',
  'tf.TensorShape',
]);
const AFTER_NAME =
  /^\s*(==|!=|<=|>=|<|>|\+|-|\*|\/|%|&|\||\^|@|,|;|#|\bis\b|\bin\b|\band\b|\bor\b|\bnot\b|\bif\b|$)/;

// Replaces bracketed groups by `_` until none is left: `(a, b), c[i]` -> `_, c_`.
function flattenBrackets(text) {
  let previous;
  let current = text;
  do {
    previous = current;
    current = current.replace(/\([^()[\]{}]*\)|\[[^()[\]{}]*\]|\{[^()[\]{}]*\}/g, '_');
  } while (current !== previous);
  return current;
}

// Strings' contents blanked (quotes kept), comments removed: brackets and `=` can be counted.
function blankStrings(line) {
  let out = '';
  let quote = null;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') {
        out += '  ';
        i += 1;
      } else if (ch === quote) {
        out += ch;
        quote = null;
      } else out += ' ';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (ch === '#') break;
    else out += ch;
  }
  return out;
}

function topLevelAssignment(code) {
  let depth = 0;
  for (let i = 0; i < code.length; i += 1) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
    else if (ch === '=' && depth === 0) {
      const before = code[i - 1] || '';
      const after = code[i + 1] || '';
      if (after === '=' || '=!<>'.includes(before)) {
        i += 1;
        continue;
      }
      let target = code.slice(0, i);
      if (/(\*\*|\/\/|>>|<<|[-+*/%&|^@:])$/.test(target)) target = target.replace(/\W+$/, '');
      return target;
    }
  }
  return null;
}

const TARGET = new RegExp(
  `^\\s*\\*?${IDENT}(\\.${IDENT})*_?(\\s*,\\s*\\*?${IDENT}(\\.${IDENT})*_?)*\\s*,?\\s*$`,
);

// Does one line, at the statement level, read as Python? `known`: names the notebook defined.
export function looksLikeStatement(line, known) {
  const text = line.trim();
  if (!text) return true;
  if (text.startsWith('#') || /^[%!]/.test(text)) return true;
  if (/^[rbuf]*("""|''')/i.test(text)) return true;
  if (STATEMENTS.some((pattern) => pattern.test(text))) return true;
  const code = blankStrings(text);
  const target = topLevelAssignment(code);
  if (target !== null) return TARGET.test(flattenBrackets(target)) || /^[([]/.test(target.trim());
  const match = new RegExp(`^(${DOTTED})(.*)$`).exec(code);
  if (!match) return false;
  const [, name, rest] = match;
  if (REPRS.has(name) || /^(True|False|None|nan|inf)$/.test(name)) return false;
  if (rest.startsWith('(')) return true;
  const root = name.split('.')[0];
  if (!known.has(root)) return false;
  return rest.startsWith('[') || rest.startsWith('.') || AFTER_NAME.test(rest);
}

// Names a line of code defines (assignments, imports, def/class, for/with targets).
function addDefinedNames(line, known) {
  const text = line.trim();
  const code = blankStrings(text);
  let m = /^(?:async\s+)?(?:def|class)\s+(\w+)/.exec(code);
  if (m) known.add(m[1]);
  m = /^import\s+(.+)$/.exec(code);
  if (m) {
    for (const part of m[1].split(',')) {
      const as = /\bas\s+(\w+)/.exec(part);
      known.add(as ? as[1] : part.trim().split('.')[0]);
    }
  }
  m = /^from\s+\S+\s+import\s+\(?(.+?)\)?\s*$/.exec(code);
  if (m) {
    for (const part of m[1].split(',')) {
      const as = /\bas\s+(\w+)/.exec(part);
      const name = as ? as[1] : part.trim();
      if (/^\w+$/.test(name)) known.add(name);
    }
  }
  m = /^for\s+(.+?)\s+in\b/.exec(code);
  if (m) for (const name of m[1].match(/\w+/g) || []) known.add(name);
  for (const as of code.matchAll(/\bas\s+(\w+)\s*[:,)]/g)) known.add(as[1]);
  const target = topLevelAssignment(code);
  if (target !== null)
    for (const name of flattenBrackets(target).match(new RegExp(IDENT, 'g')) || [])
      known.add(name.replace(/_$/, '') || name);
}

// Reads a block (lines without a blank one) as code: every line must be a statement or the
// continuation of an open bracket, a triple-quoted string, a backslash or an indented block.
// `state` carries the open brackets and strings across the blocks of one cell.
function readsAsCode(block, known, state) {
  const trial = { ...state };
  for (const line of block) {
    const continued = trial.depth > 0 || trial.tripleQuote || trial.backslash;
    const indented = /^\s/.test(line) && trial.inBlock;
    if (!continued && !indented && !looksLikeStatement(line, known)) return null;
    scanLine(line, trial);
  }
  return trial;
}

// Updates open brackets, triple-quoted strings and whether an indented block is open.
function scanLine(line, state) {
  let i = 0;
  let quote = null;
  const inTriple = () => state.tripleQuote;
  while (i < line.length) {
    if (inTriple()) {
      const end = line.indexOf(state.tripleQuote, i);
      if (end < 0) break;
      i = end + 3;
      state.tripleQuote = null;
      continue;
    }
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = null;
    } else if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
      state.tripleQuote = line.slice(i, i + 3);
      i += 3;
      continue;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') break;
    else if ('([{'.includes(ch)) state.depth += 1;
    else if (')]}'.includes(ch)) state.depth = Math.max(0, state.depth - 1);
    i += 1;
  }
  state.backslash = !state.tripleQuote && /\\\s*$/.test(line);
  const code = blankStrings(line).trimEnd();
  if (state.depth === 0 && !state.tripleQuote) {
    if (code.endsWith(':')) state.inBlock = true;
    else if (!/^\s/.test(line) && code) state.inBlock = false;
  }
}

// --- outputs and prose ---------------------------------------------------------------------

const OUTPUT_STARTS = [
  /^Model: "/,
  /^_{5,}\s*$/,
  /^={5,}\s*$/,
  /^Layer \(type\)/,
  /^(Total|Trainable|Non-trainable) params:/,
  /^Epoch \d+\/\d+/,
  /^\d+\/\d+ (\[|-)/,
  /^Train on \d+/,
  /^Traceback \(most recent call last\)/,
  /^-{20,}/,
  /^\s*File "/,
  /^[\w.]*(Error|Exception|Warning|Interrupt|Exit)(:|\s*$)/,
  /^<[\w.]+(\s+(object\s+)?at\s+0x| '|:|>)/,
  /^<(class|function|module|bound method|generator|built-in|tf\.|keras\.|tensorflow\.)/,
  /^\[\s*(\[|<|'|"|-?\d|list\(|array\(|\(|\]|True|False|None|nan|tf\.)/,
  /^\(\s*(-?\d|None|\(|'|"|\)|array|<|True|False)/,
  /^\{\s*('|"|-?\d|\}|<)/,
  /^-?\d[\d.e+-]*(\s*,?\s*-?\d[\d.e+-]*)*\s*$/,
  /^(True|False|None|nan|inf)\s*$/,
  /^(array|masked_array|dtype|TensorShape|tf\.Tensor|tf\.Variable|Tensor)\(/,
  /^b?'.*'\s*$/,
  /^".*"\s*$/,
  /^(Downloading data from|Using TensorFlow backend|WARNING:|INFO:)/,
];
const PROSE_STARTS = [
  /^#{1,6}\s/,
  /^\s*([-*+]|\d+[.)])\s/,
  /^(\*\*|__|\*\S)/,
  /^!\[/,
  /^\$/,
  /^>\s/,
  /^<\/?(br|p|div|span|h\d|center|img|code|a|b|i|em|strong|ul|ol|li|table|tr|td|hr|font|sup|sub)\b/i,
  /^(---+|\*\*\*+)\s*$/,
  /^\[[^\]]+\]\(/,
];
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

function isOutput(block) {
  return OUTPUT_STARTS.some((pattern) => pattern.test(block[0]));
}

function isProse(block) {
  const first = block[0].trim();
  if (PROSE_STARTS.some((pattern) => pattern.test(first))) return true;
  if (HANGUL.test(block.join('\n'))) return true;
  // an English sentence: four words or more, ending like one
  return /^[A-Za-z][\w'’-]*(\s+\S+){3,}.*[.:!?)]\s*$/.test(first);
}

const ENTITIES = { '&nbsp;': ' ', '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' };

function proseToComments(lines) {
  const out = [];
  for (const line of lines) {
    if (!line.trim()) {
      if (out.length && out[out.length - 1] !== '#') out.push('#');
      continue;
    }
    const indent = /^\s*/.exec(line)[0];
    const text =
      indent +
      line
        .slice(indent.length)
        .replace(/<[^>]*>/g, ' ')
        .replace(/&(nbsp|lt|gt|amp|quot);/g, (entity) => ENTITIES[entity])
        .replace(/\\([_*])/g, '$1')
        .replace(/\s+/g, ' ')
        .trim();
    if (text.trim()) out.push(`# ${text}`);
  }
  while (out.length && out[out.length - 1] === '#') out.pop();
  return out;
}

function blocksOf(lines) {
  const blocks = [];
  let current = null;
  lines.forEach((line) => {
    if (!line.trim()) {
      if (current) blocks.push(current);
      current = null;
      return;
    }
    if (!current) current = [];
    current.push(line);
  });
  if (current) blocks.push(current);
  return blocks;
}

// --- the program ---------------------------------------------------------------------------

function assemble(cells, trailingProse) {
  if (!cells.length) return null;
  const parts = cells.map(({ prose, code }) => {
    const comments = proseToComments(prose);
    const body = commentMagics(code.join('\n').replace(/\s+$/, ''));
    const head = comments.length ? ['# %%', ...comments, ''] : ['# %%'];
    return [...head, body].join('\n');
  });
  const tail = proseToComments(trailingProse);
  if (tail.length) parts[parts.length - 1] += `\n\n${tail.join('\n')}`;
  return `${parts.join('\n\n')}\n`;
}

// The code of one `In [n]:` segment: its first lines up to the first block that is not code.
// Returns { code, rest } (rest: the output and prose lines after it).
function splitSegment(lines, known) {
  let state = { depth: 0, tripleQuote: null, backslash: false, inBlock: false };
  const code = [];
  let blanks = 0;
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].trim()) {
      blanks += 1;
      i += 1;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end].trim()) end += 1;
    const block = lines.slice(i, end);
    let after = readsAsCode(block, known, state);
    if (!after) {
      if (code.length) break;
      after = { ...state }; // the first block is code whatever it looks like
      block.forEach((line) => scanLine(line, after));
    }
    if (code.length) for (let b = 0; b < blanks; b += 1) code.push('');
    blanks = 0;
    code.push(...block);
    block.forEach((line) => addDefinedNames(line, known));
    state = after;
    i = end;
  }
  return { code, rest: lines.slice(i) };
}

// Splits the lines after a cell's code into dropped output and kept prose.
function proseAfterOutput(lines) {
  const prose = [];
  let inProse = false;
  for (const block of blocksOf(lines)) {
    if (!inProse && (isOutput(block) || !isProse(block))) continue;
    inProse = true;
    if (prose.length) prose.push('');
    prose.push(...block);
  }
  return prose;
}

// The `In [n]:` form -> a program of cells, or null when the text has no `In [n]:` line.
export function inPromptTextToProgram(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (!lines.some((line) => MARKER.test(line))) return null;
  const known = new Set();
  const cells = [];
  let prose = [];
  let segment = null;
  const finish = () => {
    if (!segment) return;
    const outAt = segment.lines.findIndex((line) => OUT_MARKER.test(line));
    const codeLines = outAt < 0 ? segment.lines : segment.lines.slice(0, outAt);
    const { code, rest } = splitSegment(codeLines, known);
    const after = outAt < 0 ? rest : [...rest, ...segment.lines.slice(outAt)];
    if (code.length) cells.push({ prose: segment.prose, code });
    else prose = [...segment.prose, ...prose];
    prose = [...prose, ...proseAfterOutput(after)];
  };
  for (const line of lines) {
    const marker = MARKER.exec(line);
    if (marker) {
      finish();
      segment = { prose, lines: marker[2].trim() ? [marker[2]] : [] };
      prose = [];
    } else if (segment) segment.lines.push(line.replace(CONTINUATION_PROMPT, ''));
    else prose.push(line);
  }
  finish();
  return assemble(cells, prose);
}

// Markdown with fenced code -> a program of cells, or null when there is no Python fence or
// no prose around it (so a pasted Python file is left alone).
export function markdownToProgram(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cells = [];
  let prose = [];
  let proseSeen = false;
  let fence = null; // { language, lines } while inside a fence
  let afterFence = false; // indented blocks right after a fence are its output
  const known = new Set();
  for (const line of lines) {
    const mark = FENCE.exec(line.trim());
    if (fence) {
      if (mark && !mark[1]) {
        const language = fence.language.toLowerCase();
        const looksLikeCode = fence.lines.some((l) => l.trim() && looksLikeStatement(l, known));
        if (PYTHON_FENCES.has(language) && (language || looksLikeCode)) {
          cells.push({ prose, code: fence.lines });
          fence.lines.forEach((l) => addDefinedNames(l, known));
          prose = [];
          afterFence = true;
        } else {
          prose.push(...fence.lines, '');
        }
        fence = null;
      } else fence.lines.push(line);
    } else if (mark) {
      fence = { language: mark[1], lines: [] };
    } else if (afterFence && (!line.trim() || /^( {4}|\t)/.test(line))) {
      continue; // an output block (nbconvert indents outputs by four spaces)
    } else {
      afterFence = false;
      if (line.trim() && !looksLikeStatement(line, known)) proseSeen = true;
      prose.push(line);
    }
  }
  if (fence) prose.push(...fence.lines);
  if (!proseSeen) return null;
  return assemble(cells, prose);
}

// A pasted notebook export (either text form) -> a program of cells; null for anything else.
export function notebookTextToProgram(text) {
  return inPromptTextToProgram(text) ?? markdownToProgram(text);
}
