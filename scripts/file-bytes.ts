/**
 * A file's bytes, given as text or as bytes, as a Node Buffer over the same memory: text is encoded
 * as UTF-8, bytes are not copied.
 */
export function asBuffer(bytes: Uint8Array | string): Buffer {
  return typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
