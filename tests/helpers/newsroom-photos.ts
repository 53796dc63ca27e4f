import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** Adobe RGB (1998), as Ghostscript ships it (Debian's ghostscript package, which the setup installs). */
export const ADOBE_RGB_PROFILE = '/usr/share/color/icc/ghostscript/a98.icc';

/** The colour a photo's marked corner has, as its pixels read upright. */
export const MARK = { r: 220, g: 30, b: 30 } as const;

/** The colour the Adobe RGB photo shows, in sRGB; its file stores other numbers, in Adobe RGB. */
export const ADOBE_COLOUR = { r: 40, g: 170, b: 90 } as const;

/** The GPS position and camera serial the camera's photo carries, which no product may keep. */
export const SECRETS = { latitude: '21/1 1/1 3/1', serial: 'SN-0042-SECRET' } as const;

/**
 * A camera's photo: `width` × `height` as shown, stored sideways with EXIF orientation 6 (as a phone
 * held upright saves it), with a GPS position, the camera's make, model and serial, a soft photo-like
 * texture and MARK in its top-left corner once upright.
 */
export async function cameraPhoto(width = 6000, height = 4000): Promise<Buffer> {
  // Upright first, with the mark at the top left; then stored turned 90° anticlockwise, which orientation 6 undoes.
  const texture = await sharp({ create: { width: Math.round(width / 40), height: Math.round(height / 40), channels: 3, background: '#6a8caf', noise: { type: 'gaussian', mean: 120, sigma: 50 } } })
    .png()
    .toBuffer();
  const mark = await sharp({ create: { width: Math.round(width / 6), height: Math.round(height / 6), channels: 3, background: MARK } }).png().toBuffer();
  const upright = await sharp(texture).resize(width, height, { kernel: 'cubic' }).composite([{ input: mark, top: 0, left: 0 }]).raw().toBuffer({ resolveWithObject: true });
  return sharp(upright.data, { raw: upright.info })
    .rotate(-90)
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .withExif({
      IFD0: { Make: 'Folio Camera', Model: 'Newsroom One' },
      IFD2: { BodySerialNumber: SECRETS.serial },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: SECRETS.latitude, GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A photo in Adobe RGB: its pixels store ADOBE_COLOUR converted into Adobe RGB, with the profile embedded. */
export async function adobeRgbPhoto(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: ADOBE_COLOUR } }).withIccProfile(ADOBE_RGB_PROFILE).jpeg({ quality: 92 }).toBuffer();
}

/** A diagram: flat colours and thin lines, as a PNG. */
export async function diagramPng(width = 1400, height = 900): Promise<Buffer> {
  const lines = Array.from({ length: 12 }, (_, index) => `<line x1="${60 + index * 100}" y1="80" x2="${60 + index * 100}" y2="${height - 80}" stroke="#1b4f8a" stroke-width="3"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/><rect x="0" y="0" width="120" height="120" fill="rgb(${MARK.r},${MARK.g},${MARK.b})"/>${lines}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A photo too small for print: 400 × 300 pixels. */
export async function smallPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: '#8899aa', noise: { type: 'gaussian', mean: 128, sigma: 20 } } })
    .jpeg()
    .toBuffer();
}

/** The file names writeNewsroomPhotos gives the four photos, under images/. */
export const PHOTOS = { camera: 'camera.jpg', adobe: 'adobe-rgb.jpg', diagram: 'diagram.png', small: 'small.jpg' } as const;

/** Writes the four photos a newsroom sends into `dir/images/`. */
export async function writeNewsroomPhotos(dir: string): Promise<void> {
  await mkdir(join(dir, 'images'), { recursive: true });
  const files: [string, Buffer][] = [
    [PHOTOS.camera, await cameraPhoto()],
    [PHOTOS.adobe, await adobeRgbPhoto()],
    [PHOTOS.diagram, await diagramPng()],
    [PHOTOS.small, await smallPhoto()],
  ];
  await Promise.all(files.map(([name, bytes]) => writeFile(join(dir, 'images', name), bytes)));
}
