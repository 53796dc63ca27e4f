/** What is wrong with `bytes` as the press copy's output profile (an ICC profile of class prtr, colour space CMYK); undefined when nothing. */
export function cmykProfileProblem(bytes: Uint8Array): string | undefined {
  const header = Buffer.from(bytes.subarray(0, 128)).toString('latin1');
  if (bytes.length < 132 || header.slice(36, 40) !== 'acsp') return 'this is not an ICC profile';
  const space = header.slice(16, 20).trim();
  const kind = header.slice(12, 16);
  if (space !== 'CMYK' || kind !== 'prtr') return `this is a ${space} profile of class ${kind}, not a CMYK output (prtr) profile`;
  return undefined;
}

/** The profile's description (its `desc` tag), as far as it is plain ASCII. */
export function profileDescription(bytes: Uint8Array, fallback: string): string {
  const found = /desc\0\0\0\0\0\0\0.([^\0]+)/s.exec(Buffer.from(bytes).toString('latin1'))?.[1];
  return found?.replace(/[^\x20-\x7e]/g, '').trim() || fallback;
}
