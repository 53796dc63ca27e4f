/** Why a build could not run at all (not a problem inside a manuscript: those are vfile messages). */
export type BuildErrorCode =
  | 'USAGE'
  | 'NO_BROWSER'
  | 'BROWSER_FAILED'
  | 'OUTPUT_NOT_WRITABLE'
  | 'MANUSCRIPT_DIR'
  | 'TEMPLATE'
  | 'COLOUR_PROFILE'
  | 'IMAGE_CHANGED'
  | 'PARSE_FAILED';

/** The one error type the build throws; `cli.ts` turns it into a message and an exit code. */
export class BuildError extends Error {
  readonly code: BuildErrorCode;

  constructor(code: BuildErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BuildError';
    this.code = code;
  }
}
