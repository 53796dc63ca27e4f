import type { VFile } from 'vfile';

/** Whether a vfile holds a message that stops its build. */
export function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}
