// A small, strict XML reader and writer for the Medfusion contract server (Node has no DOMParser).
// Enough for AppointmentData: prolog, comments, CDATA, elements, attributes, text and entities.

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text, at) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);|&/gi, (match, name) => {
    if (!name) throw new SyntaxError(`bare & at ${at}`);
    if (name[0] === '#')
      return String.fromCodePoint(
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    if (!(name in ENTITIES)) throw new SyntaxError(`unknown entity &${name}; at ${at}`);
    return ENTITIES[name];
  });
}

/** Parses XML into { name, local, attrs, children, text }; throws SyntaxError when not well-formed. */
export function parseXml(source) {
  let i = 0;
  const s = source.replace(/^\uFEFF/, '');
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(s.slice(i))[0];
      i += ws.length;
      if (s.startsWith('<?', i)) {
        const end = s.indexOf('?>', i);
        if (end < 0) throw new SyntaxError('unterminated processing instruction');
        i = end + 2;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) throw new SyntaxError('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<!DOCTYPE', i)) {
        throw new SyntaxError('DOCTYPE is not allowed');
      } else return;
    }
  };
  const element = () => {
    const open = /^<([A-Za-z_][\w.:-]*)/.exec(s.slice(i));
    if (!open) throw new SyntaxError(`expected an element at ${i}`);
    i += open[0].length;
    const node = { name: open[1], local: open[1].split(':').pop(), attrs: {}, children: [], text: '' };
    for (;;) {
      const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(s.slice(i));
      if (!attr) break;
      if (attr[1] in node.attrs) throw new SyntaxError(`duplicate attribute ${attr[1]}`);
      node.attrs[attr[1]] = decode(attr[3] ?? attr[4], i);
      i += attr[0].length;
    }
    const close = /^\s*(\/?)>/.exec(s.slice(i));
    if (!close) throw new SyntaxError(`malformed start tag <${node.name}> at ${i}`);
    i += close[0].length;
    if (close[1]) return node;
    for (;;) {
      if (i >= s.length) throw new SyntaxError(`<${node.name}> is never closed`);
      if (s.startsWith('</', i)) {
        const end = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(s.slice(i));
        if (!end || end[1] !== node.name) throw new SyntaxError(`mismatched end tag at ${i}: expected </${node.name}>`);
        i += end[0].length;
        return node;
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) throw new SyntaxError('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i);
        if (end < 0) throw new SyntaxError('unterminated CDATA');
        node.text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s[i] === '<') {
        node.children.push(element());
      } else {
        const next = s.indexOf('<', i);
        const raw = s.slice(i, next < 0 ? s.length : next);
        node.text += decode(raw, i);
        i += raw.length;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < s.length) throw new SyntaxError(`content after the root element at ${i}`);
  return root;
}

export const kids = (node, local) => node.children.filter((c) => c.local === local);
export const kid = (node, local) => node?.children.find((c) => c.local === local);
export const textOf = (node, local) => kid(node, local)?.text.trim() ?? '';

export function escapeXml(value) {
  return String(value).replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c],
  );
}

/** Writes a parsed node back out (used to store posted appointments verbatim in the feed). */
export function writeXml(node, indent = '') {
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (!node.children.length && !node.text.trim()) return `${indent}<${node.name}${attrs}/>`;
  if (!node.children.length) return `${indent}<${node.name}${attrs}>${escapeXml(node.text.trim())}</${node.name}>`;
  return `${indent}<${node.name}${attrs}>\n${node.children.map((c) => writeXml(c, `${indent}  `)).join('\n')}\n${indent}</${node.name}>`;
}
