import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { VFile } from 'vfile';
import { articleSources, buildFingerprint, readLastRecord, type PublicationRecord, type PublicationSources } from './cache.ts';
import { findManuscripts } from './manuscript/find-manuscripts.ts';
import { findIssues, readIssue, type IssueSource } from './manuscript/read-issues.ts';
import { readSettings, SETTINGS_FILE, warnMissingColophon } from './manuscript/read-settings.ts';
import type { Settings } from './manuscript/settings-schema.ts';
import type { PageCounts } from './products/paginate.ts';
import { selectShard, type Shard } from './shard.ts';

/** A publication a build may make: where its record goes, and the file it is reported under. */
export interface Planned {
  sources: PublicationSources;
  /** The article's manuscript, for an article's own publication. */
  article?: string;
  issue?: IssueSource;
  /** The record of an earlier build, where every input and product is unchanged. */
  record?: PublicationRecord;
  /** The page counts its last build recorded, fresh or not. */
  pages?: PageCounts;
  /** The files its last build made: those this build does not make again (a changed slug's) go. */
  lastProducts: string[];
  /** The path to report the publication under. */
  display: string;
}

/** What a build finds in the manuscript folder before it reads any article. */
export interface BuildPlan {
  manuscripts: string[];
  settings?: Settings;
  issuePaths: string[];
  /** The settings and issue files, with their messages. */
  setup: VFile[];
  fingerprint: string;
  /** Every article's and issue's publication of this build's share. */
  plans: Planned[];
  /** Whether a manuscript or issue file name belongs to this build's share. */
  owned: (name: string) => boolean;
}

/** Where and how to plan: resolved paths, the environment and the command line's choices. */
export interface PlanOptions {
  root: string;
  outDir: string;
  env: NodeJS.ProcessEnv;
  display: (path: string) => string;
  shard?: Shard;
  force: boolean;
}

/**
 * Reads the folder's manuscripts list, its settings and issue files, and each publication's record:
 * the plan of a build, or the files whose errors stop it before anything else is read.
 */
export async function planBuild({ root, outDir, env, display, shard, force }: PlanOptions): Promise<BuildPlan | { failed: VFile[] }> {
  const manuscripts = await findManuscripts(root);
  const settingsSource = await readSettings(root, display);
  const issuePaths = await findIssues(root);
  const issues = await Promise.all(issuePaths.map((path) => readIssue(path, display, root, manuscripts)));
  const setup = [...(settingsSource ? [settingsSource.file] : []), ...issues.map((issue) => issue.file)];
  if (issues.length > 0 && !settingsSource) {
    const [first] = issues as [IssueSource];
    first.file.message(`an issue needs the bulletin's settings: add ${display(resolve(root, SETTINGS_FILE))} with name, organisation and lang`, {
      place: { line: 1, column: 1 },
      ruleId: 'issue-settings',
      source: 'folio',
    }).fatal = true;
  }
  if (setup.some((file) => file.messages.some((message) => message.fatal === true))) return { failed: setup };
  if (settingsSource && issues.length > 0) warnMissingColophon(settingsSource);

  // The printer's profile is part of the settings: another profile makes other press copies.
  const settingsBytes = settingsSource ? Buffer.concat([await readFile(resolve(root, SETTINGS_FILE)), settingsSource.profile?.bytes ?? new Uint8Array()]) : '';
  const fingerprint = await buildFingerprint(env, settingsBytes);
  const owned = (name: string) => selectShard([name], shard).length > 0;
  const plans: Planned[] = [
    ...selectShard(manuscripts, shard).map((path) => ({ sources: articleSources(path), article: path, display: display(path), lastProducts: [] })),
    ...issues
      .filter((issue) => owned(`${issue.name}.yaml`))
      .map((issue) => ({ sources: { record: `issues/${issue.name}`, files: [issue.path, ...issue.articles] }, issue, display: display(issue.path), lastProducts: [] })),
  ];
  await Promise.all(
    plans.map(async (plan) => {
      const { fresh, pages, products } = await readLastRecord(outDir, plan.sources, root, fingerprint, force);
      if (fresh) plan.record = fresh;
      if (pages) plan.pages = pages;
      plan.lastProducts = products;
    }),
  );
  const settings = settingsSource?.settings;
  return { manuscripts, ...(settings ? { settings } : {}), issuePaths, setup, fingerprint, plans, owned };
}
