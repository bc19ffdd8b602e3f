import { expect } from '@open-wc/testing';

// Each guide file and the code block of docs/frameworks.md that shows it (after `<!-- snippet: <file> -->`).
const SNIPPETS = [
  'docs/frameworks/vue-booking.ts',
  'docs/frameworks/angular-booking.ts',
  'docs/frameworks/svelte/Booking.svelte',
];

/** A docs file's text as it is on disk (served unchanged by test/frameworks/plugins.mjs). */
async function raw(file: string): Promise<string> {
  const response = await fetch(`/__raw?file=${encodeURIComponent(file)}`);
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  return response.text();
}

/** The code blocks of a markdown text that follow a snippet marker, by file. */
function snippetBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of markdown.matchAll(/<!-- snippet: (\S+) -->\s*\n```[\w-]*\n([\s\S]*?)\n```\n/g)) {
    blocks.set(match[1], match[2]);
  }
  return blocks;
}

describe('docs/frameworks.md', () => {
  it('shows exactly the guide files, and no other snippet', async () => {
    const blocks = snippetBlocks(await raw('docs/frameworks.md'));
    expect([...blocks.keys()].sort()).to.deep.equal([...SNIPPETS].sort());
  });

  for (const file of SNIPPETS) {
    it(`shows ${file} verbatim`, async () => {
      const block = snippetBlocks(await raw('docs/frameworks.md')).get(file);
      expect(block, `no code block after <!-- snippet: ${file} -->`).to.be.a('string');
      expect(block).to.equal((await raw(file)).replace(/\n$/, ''));
    });
  }

  it('has no code block outside the tested snippets', async () => {
    const markdown = await raw('docs/frameworks.md');
    const fences = markdown.match(/^```[\w-]*$/gm) ?? [];
    expect(fences.length).to.equal(SNIPPETS.length * 2);
  });
});
