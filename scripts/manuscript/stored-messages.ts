import type { VFile } from 'vfile';

/** A message of a manuscript as JSON: what a record keeps, and what a reading process answers. */
export interface StoredMessage {
  reason: string;
  line?: number;
  column?: number;
  ruleId?: string;
  fatal?: true;
}

/** The messages of `file` as JSON, each with its place, rule and whether it stops the build. */
export function storeMessages(file: VFile): StoredMessage[] {
  return file.messages.map((message) => ({
    reason: message.reason,
    ...(message.line ? { line: message.line } : {}),
    ...(message.column ? { column: message.column } : {}),
    ...(message.ruleId ? { ruleId: message.ruleId } : {}),
    ...(message.fatal === true ? { fatal: true as const } : {}),
  }));
}

/** Gives stored messages again, on `file`, at their places. */
export function replayStoredMessages(file: VFile, messages: readonly StoredMessage[]): VFile {
  for (const stored of messages) {
    const message = file.message(stored.reason, {
      ...(stored.line ? { place: { line: stored.line, column: stored.column ?? 1 } } : {}),
      ...(stored.ruleId ? { ruleId: stored.ruleId } : {}),
      source: 'folio',
    });
    if (stored.fatal) message.fatal = true;
  }
  return file;
}
