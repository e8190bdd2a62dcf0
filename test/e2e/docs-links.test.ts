import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown outside fenced code blocks. */
function prose(path: string): string {
  return readFileSync(path, 'utf8')
    .split(/^```.*$/m)
    .filter((_, i) => i % 2 === 0)
    .join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchors(path: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, title] of prose(path).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = title!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, '')
      .replaceAll(' ', '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

describe('documentation links', () => {
  it('every relative link in the README and docs/ names an existing file and heading', () => {
    const broken: string[] = [];
    for (const document of documents) {
      const path = join(root, document);
      for (const [, target] of prose(path).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const targetPath = file === '' ? path : join(dirname(path), file);
        if (!existsSync(targetPath)) broken.push(`${document}: ${target} (no such file)`);
        else if (anchor !== undefined && !anchors(targetPath).has(anchor))
          broken.push(`${document}: ${target} (no such heading in ${relative(root, targetPath)})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README links every document in docs/', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const unlinked = documents.filter(
      (document) => document.startsWith('docs/') && !document.includes('.header.') && !document.includes('.footer.') && !readme.includes(`](${document}`),
    );
    expect(unlinked).toEqual([]);
  });
});
