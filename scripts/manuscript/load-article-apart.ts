import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { BuildError } from '../errors.ts';
import { placedImages } from '../images/check-images.ts';
import { onInterrupt } from '../interrupts.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { hasFatal } from './has-fatal.ts';
import type { Article, ArticleContext } from './load-article.ts';
import type { ParseAnswer, ParseJob } from './parse-job.ts';
import { restoreArticle } from './stored-article.ts';
import { replayStoredMessages } from './stored-messages.ts';

/**
 * Manuscripts larger than this are read in a process of their own. Parsing Markdown is one synchronous
 * stretch (about a second for 1 MB on 2 cores): in the build's own process, Ctrl-C would wait for it.
 * A smaller manuscript parses in a fraction of a second, less than starting a process costs.
 */
export const APART_BYTES = 100_000;

/**
 * loadArticle in another process (the `folio` command, asked with --parse-manuscript), so that this one
 * keeps answering signals while a large manuscript is parsed. The same Article, or the vfile with its
 * messages where one is fatal.
 */
export async function loadArticleApart(path: string, displayPath: string, root: string, env: NodeJS.ProcessEnv, context: ArticleContext): Promise<Article | VFile> {
  const job: ParseJob = { path, displayPath, root, ...(context.settings ? { settings: context.settings } : {}), manuscripts: [...(context.manuscripts ?? [])] };
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'scripts', 'folio.mjs'), '--parse-manuscript'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  // Killed if the build is interrupted meanwhile.
  const release = onInterrupt(() => child.kill('SIGKILL'));
  const output: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(JSON.stringify(job));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(release);
  if (code !== 0) {
    const said = Buffer.concat(errors).toString('utf8').trim().split('\n').pop() ?? '';
    throw new BuildError('PARSE_FAILED', `reading ${displayPath} stopped (${said || `exit ${code}`}): try again; if it keeps failing, split the manuscript`);
  }
  const answer = JSON.parse(Buffer.concat(output).toString('utf8')) as ParseAnswer;
  const article = answer.article ? await restoreArticle(answer.article, path, displayPath, root, env) : undefined;
  // An article that cannot be taken back (an image changed meanwhile) is read here after all.
  if (answer.article && !article) return (await import('./load-article.ts')).loadArticle(path, displayPath, root, env, context);
  const file = replayStoredMessages(article?.file ?? new VFile({ path: displayPath, cwd: process.cwd() }), answer.messages);
  if (!article || answer.messages.some((message) => message.fatal)) return file;
  // Its images are decoded here, where the image cache is.
  await context.checkImages?.(file, placedImages(article.images, file.data.images ?? []));
  return hasFatal(file) ? file : article;
}
