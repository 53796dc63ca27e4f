/**
 * Whether an image file ends the way its format requires. image-size reads only the header, so a
 * file cut short in a download or a copy passes it; this catches that before a product carries it.
 */
export function isCompleteImage(bytes: Uint8Array, type: string): boolean {
  const tail = (length: number) => Buffer.from(bytes.subarray(Math.max(0, bytes.length - length)));
  switch (type) {
    case 'png':
      // The IEND chunk: length 0, type "IEND", fixed CRC.
      return tail(12).equals(Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]));
    case 'jpg':
      // The end-of-image marker; some cameras append a few bytes after it.
      return tail(64).includes(Buffer.from([0xff, 0xd9]));
    case 'gif':
      return tail(1)[0] === 0x3b;
    case 'webp':
      // RIFF stores the length of what follows its 8-byte header.
      return bytes.length >= 12 && Buffer.from(bytes).readUInt32LE(4) + 8 === bytes.length + (bytes.length % 2);
    default:
      return false;
  }
}
