import type { VFile } from 'vfile';

/**
 * Every message of `files` as `path:line:column: severity: reason (rule)`, one a line, so that an
 * editor or a terminal can jump to the place; then a count. Empty when there is nothing to say.
 */
export function formatMessages(files: readonly VFile[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      const severity = message.fatal ? 'error' : 'warning';
      if (message.fatal) errors++;
      else warnings++;
      const rule = message.ruleId ? ` (${message.ruleId})` : '';
      lines.push(`${file.path}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.reason}${rule}`);
    }
  }
  if (lines.length === 0) return '';
  const count = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  return `${lines.join('\n')}\n${count}`;
}
