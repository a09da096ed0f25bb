// Checks of web/src/tabs-format.js, run by tests/web/test_tabs_format.py under Node:
//   node tests/web/tabs_format.mjs CHECK [ARG] -> prints one JSON line.
import { readFileSync } from "node:fs";
import {
  nameProblem,
  splitFiles,
  joinFiles,
  checkSession,
  freshName,
} from "../../web/src/tabs-format.js";
import {
  encodeSession,
  encodeCode,
  decodeFragment,
} from "../../web/src/share.js";
import { createRequire } from "node:module";

const LZString = createRequire(
  new URL("../../web/package.json", import.meta.url),
)("lz-string");

const [check, given] = process.argv.slice(2);
const arg = given === "-" ? readFileSync(0, "utf8") : given; // '-': from stdin (long texts)
let output;
if (check === "names") {
  const names = JSON.parse(arg);
  output = Object.fromEntries(
    names.map((n) => [n, nameProblem(n, ["MLP.py"])?.key ?? null]),
  );
} else if (check === "split") {
  output = splitFiles(readFileSync(arg, "utf8"));
} else if (check === "split-text") {
  try {
    output = splitFiles(JSON.parse(arg));
  } catch (err) {
    output = { error: err.message };
  }
} else if (check === "roundtrip") {
  const session = JSON.parse(arg);
  const text = joinFiles(session);
  output = { text, back: splitFiles(text) };
} else if (check === "check-session") {
  output = checkSession(JSON.parse(arg));
} else if (check === "fresh") {
  output = freshName(JSON.parse(arg));
} else if (check === "link") {
  output = encodeSession(JSON.parse(arg));
} else if (check === "old-link") {
  output = encodeCode(JSON.parse(arg));
} else if (check === "decode") {
  output = decodeFragment(arg);
} else if (check === "v2-payload") {
  // a v=2 link holding exactly this JSON text (made by hand: hostile or malformed)
  output = `#v=2&n=${arg.length}&files=${LZString.compressToEncodedURIComponent(arg)}`;
} else if (check === "links") {
  output = linkRoundTrips(Number(arg || 1));
}
console.log(JSON.stringify(output));

// Random sessions: every link made opens to exactly its tabs; every cut-off link is refused.
function linkRoundTrips(seed) {
  let x = seed >>> 0;
  const random = () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let y = Math.imul(x ^ (x >>> 15), x | 1);
    y ^= y + Math.imul(y ^ (y >>> 7), y | 61);
    return ((y ^ (y >>> 14)) >>> 0) / 4294967296;
  };
  const pieces = [
    "import MLP\n",
    'print("안녕")\n',
    '"',
    "\\",
    "\x00",
    "\u2028",
    "}",
    "]",
    "\n",
  ];
  const failures = [];
  for (let i = 0; i < 300; i += 1) {
    const count = 1 + Math.floor(random() * 5);
    const files = [];
    for (let f = 0; f < count; f += 1) {
      let code = "";
      for (let p = Math.floor(random() * 40); p > 0; p -= 1)
        code +=
          random() < 0.2
            ? String.fromCharCode(Math.floor(random() * 0xd800))
            : pieces[Math.floor(random() * pieces.length)];
      files.push({
        name: f === 0 && random() < 0.3 ? "main.py" : `m${f}_모듈.py`,
        code,
      });
    }
    const session = { files, active: Math.floor(random() * count) };
    const link = encodeSession(session);
    const opened = decodeFragment(link);
    const single = count === 1 && files[0].name === "main.py";
    const back = single
      ? opened.kind === "code" && opened.code === files[0].code
      : opened.kind === "files" &&
        JSON.stringify(opened.session) === JSON.stringify(session);
    if (!back) failures.push({ i, link: link.slice(0, 80), opened });
    if (!single) {
      const cut = link.slice(0, Math.floor(link.length * random()));
      const shortened = decodeFragment(cut);
      if (
        shortened.kind === "files" &&
        JSON.stringify(shortened.session) !== JSON.stringify(session)
      )
        failures.push({ i, cut: cut.length, shortened });
    }
  }
  return { failures };
}
