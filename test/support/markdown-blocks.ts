/**
 * The TypeScript code blocks of a Markdown file, for the README examples test
 * (`test/e2e/readme-examples.test.ts`), parsed with markdown-it. A block is a fenced block whose
 * language (the first word of its info string) is `ts` or `tsx`; `ts runnable` marks one that
 * the test also runs against the emulator.
 *
 * @example
 * ```ts
 * const [first] = markdownBlocks('README.md', readFileSync('README.md', 'utf8'));
 * console.log(`${first.file}:${first.line}`, first.runnable, first.code);
 * ```
 */
import MarkdownIt from 'markdown-it';

/** One ```ts block of a Markdown file. */
export interface MarkdownBlock {
  /** The Markdown file, as given. */
  file: string;
  /** Line (1-based) of the opening fence; the code starts on the next line. */
  line: number;
  /** `ts` (also for `typescript`) or `tsx`. */
  lang: 'ts' | 'tsx';
  /** Whether the info string says `runnable` (```ts runnable). */
  runnable: boolean;
  /** The code between the fences. */
  code: string;
}

const markdown = new MarkdownIt();

/**
 * Every fenced block of `text` in TypeScript (`ts`, `typescript` or `tsx`), in order.
 *
 * @example
 * ```ts
 * markdownBlocks('x.md', '```ts runnable\nconsole.log(1);\n```\n');
 * // [{ file: 'x.md', line: 1, lang: 'ts', runnable: true, code: 'console.log(1);\n' }]
 * ```
 */
export function markdownBlocks(file: string, text: string): MarkdownBlock[] {
  return markdown.parse(text, {}).flatMap((token) => {
    if (token.type !== 'fence' || !token.map) return [];
    const [lang = '', ...words] = token.info.trim().split(/\s+/);
    if (lang !== 'ts' && lang !== 'typescript' && lang !== 'tsx') return [];
    const block: MarkdownBlock = {
      file,
      line: token.map[0] + 1,
      lang: lang === 'tsx' ? 'tsx' : 'ts',
      runnable: words.includes('runnable'),
      code: token.content,
    };
    return [block];
  });
}
