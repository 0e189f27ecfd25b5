// JSON from a file the user picked may be any file at all (/etc/passwd, a key, a PDF). V8's
// JSON.parse messages quote the text they stopped at ("Unexpected token 'r', "root:x:0:0"...
// is not valid JSON"), so they must never reach a person or a log the page can see. This says
// where the JSON breaks — line and column — and what was expected, never what is there.

/** Parses JSON text; on failure throws an Error whose message has the place, never the text. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(jsonProblem(text));
  }
}

/** "not valid JSON at line 3, column 7 (expected a value)": the first place the text stops being JSON. */
export function jsonProblem(text: string): string {
  const { at, expected } = firstError(text);
  if (at >= text.length) return `not valid JSON: it ends too early (expected ${expected})`;
  let line = 1;
  let col = 1;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `not valid JSON at line ${line}, column ${col} (expected ${expected})`;
}

// A JSON grammar walk that stops at the first character that cannot continue a document.
// Iterative (an explicit stack), so a hostile nesting depth cannot overflow the call stack.
function firstError(s: string): { at: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i]!)) i++;
  };
  const bad = (expected: string) => ({ at: i, expected });
  const str = (): boolean => {
    i++; // opening quote
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 34) return (i++, true);
      if (c < 32) return false;
      if (c === 92) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) return (i++, false);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return (i++, false);
      } else i++;
    }
    return false;
  };
  const num = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') return false;
    i += m[0].length;
    return true;
  };
  // Stack of open containers: '{' awaiting key, ':' awaiting value in object, '[' in array.
  const stack: string[] = [];
  let wantValue = true;
  ws();
  if (i >= s.length) return bad('a value');
  for (;;) {
    ws();
    if (wantValue) {
      const c = s[i];
      if (c === undefined) return bad('a value');
      if (c === '{') {
        i++;
        ws();
        if (s[i] === '}') {
          i++;
          wantValue = false;
          continue;
        }
        if (s[i] !== '"') return bad('a property name in double quotes');
        if (!str()) return bad('a closing quote');
        ws();
        if (s[i] !== ':') return bad('a colon');
        i++;
        stack.push('{');
        continue;
      }
      if (c === '[') {
        i++;
        ws();
        if (s[i] === ']') {
          i++;
          wantValue = false;
          continue;
        }
        stack.push('[');
        continue;
      }
      if (c === '"') {
        if (!str()) return bad('a closing quote');
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        if (!num()) return bad('a number');
      } else if (s.startsWith('true', i)) i += 4;
      else if (s.startsWith('false', i)) i += 5;
      else if (s.startsWith('null', i)) i += 4;
      else return bad('a value');
      wantValue = false;
      continue;
    }
    const top = stack.at(-1);
    if (top === undefined) return i < s.length ? bad('the end of the file') : { at: s.length, expected: 'nothing more' };
    if (s[i] === ',') {
      i++;
      if (top === '{') {
        ws();
        if (s[i] !== '"') return bad('a property name in double quotes');
        if (!str()) return bad('a closing quote');
        ws();
        if (s[i] !== ':') return bad('a colon');
        i++;
      }
      wantValue = true;
      continue;
    }
    if ((top === '{' && s[i] === '}') || (top === '[' && s[i] === ']')) {
      i++;
      stack.pop();
      continue;
    }
    return bad(top === '{' ? 'a comma or }' : 'a comma or ]');
  }
}
