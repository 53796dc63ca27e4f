import { VFile } from 'vfile';
import { loadArticle } from './load-article.ts';
import type { Settings } from './settings-schema.ts';
import { storeArticle, type StoredArticle } from './stored-article.ts';
import { storeMessages, type StoredMessage } from './stored-messages.ts';

/** What loadArticleApart asks of the process it starts: one manuscript to read, with its context. */
export interface ParseJob {
  path: string;
  displayPath: string;
  root: string;
  settings?: Settings;
  manuscripts: string[];
}

/** What the process answers: the article as a record stores it, unless a fatal message stopped it, and every message. */
export interface ParseAnswer {
  article?: StoredArticle;
  messages: StoredMessage[];
}

/**
 * The started process's side of loadArticleApart: reads a ParseJob as JSON from stdin, reads the
 * manuscript, and writes a ParseAnswer as JSON to stdout.
 */
export async function runParseJob(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const job = JSON.parse(input) as ParseJob;
  const loaded = await loadArticle(job.path, job.displayPath, job.root, process.env, {
    ...(job.settings ? { settings: job.settings } : {}),
    manuscripts: new Set(job.manuscripts),
  });
  const file = loaded instanceof VFile ? loaded : loaded.file;
  const answer: ParseAnswer = {
    ...(loaded instanceof VFile ? {} : { article: storeArticle(loaded) }),
    messages: storeMessages(file),
  };
  process.stdout.write(JSON.stringify(answer));
}
