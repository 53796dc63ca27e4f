import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { cmykProfileProblem } from './icc-profile.ts';
import { readManuscript } from './read-manuscript.ts';
import { readYaml, type Place } from './read-yaml.ts';
import { COLOPHON_FIELDS, knownSettingsKeys, settingsSchema, type Settings } from './settings-schema.ts';

/** The settings file of a publication, beside its articles. */
export const SETTINGS_FILE = 'publication.yaml';

/** The publication's settings as read, with the file they came from, for messages about them. */
export interface SettingsSource {
  file: VFile;
  /** Undefined when the file has a fatal message. */
  settings?: Settings;
  placeOf(path: readonly (string | number)[]): Place;
  /** The printer's CMYK profile, read and checked, where the settings name one. */
  profile?: { path: string; bytes: Uint8Array };
}

/**
 * Reads `publication.yaml` from the manuscript folder `root`; undefined when there is none (a folder
 * of articles then builds as articles alone).
 */
export async function readSettings(root: string, display: (path: string) => string): Promise<SettingsSource | undefined> {
  const path = join(root, SETTINGS_FILE);
  if (!(await stat(path).catch(() => undefined))) return undefined;
  const file = await readManuscript(path, display(path));
  const read = file.messages.some((message) => message.fatal) ? undefined : readYaml(file, String(file.value), settingsSchema, { what: 'publication setting', offset: 0, knownKeys: knownSettingsKeys });
  const placeOf = read?.placeOf ?? (() => ({ line: 1, column: 1 }));
  const profile = read?.value.press.profile ? await readProfile(file, resolve(root, read.value.press.profile), placeOf(['press', 'profile'])) : undefined;
  // From here on, press.profile is the profile's absolute path.
  const settings = read && profile ? { ...read.value, press: { ...read.value.press, profile: profile.path } } : read?.value;
  return { file, ...(settings ? { settings } : {}), placeOf, ...(profile ? { profile } : {}) };
}

/** Reads the printer's profile named by `press.profile`: a fatal message at its line when it cannot be read or is no CMYK output profile. */
async function readProfile(file: VFile, path: string, place: Place): Promise<{ path: string; bytes: Uint8Array } | undefined> {
  const bytes = await readFile(path).catch(() => undefined);
  const problem = bytes ? cmykProfileProblem(bytes) : 'the file cannot be read';
  if (!bytes || problem) {
    const message = file.message(`\`press.profile\` ${path}: ${problem}; give the printer’s CMYK output profile (.icc), or leave the key out to use the default`, { place, ruleId: 'press-profile', source: 'folio' });
    message.fatal = true;
    return undefined;
  }
  return { path, bytes };
}

/**
 * Warns, once for each, about the colophon lines a bulletin must print (Luật Báo chí 2016, Điều 34)
 * that the settings leave out; called when an issue is built.
 */
export function warnMissingColophon(source: SettingsSource): void {
  if (source.file.data.colophonChecked) return;
  source.file.data.colophonChecked = true;
  const colophon = source.settings?.colophon ?? {};
  for (const field of COLOPHON_FIELDS.filter((key) => key !== 'address' && !colophon[key])) {
    source.file.message(`the colophon has no \`${field}\`: a bulletin must print it on its last page (Luật Báo chí 2016, Điều 34); add \`colophon.${field}: …\``, {
      place: source.placeOf(['colophon', field]),
      ruleId: 'colophon-field',
      source: 'folio',
    });
  }
}

declare module 'vfile' {
  interface DataMap {
    colophonChecked: boolean;
  }
}
