import type { VFile } from 'vfile';
import { excerpt } from '../excerpt.ts';
import type { ImageReference } from '../markdown/rehype-local-images.ts';
import type { ImageStore } from './image-store.ts';
import { MIN_PRESS_PPI, minimumPressWidth, pressResolution, type LoadedImage, type PrintColumns } from './image-variants.ts';

/** An image with the place its manuscript (or issue file) refers to it, to name in a message. */
export interface PlacedImage {
  image: LoadedImage;
  path: string;
  place: { line: number; column: number };
}

/** The images read, each with the place its manuscript refers to it. */
export function placedImages(images: readonly LoadedImage[], references: readonly ImageReference[]): PlacedImage[] {
  const byUrl = new Map(references.map((reference) => [reference.url, reference]));
  return images.flatMap((image) => {
    const reference = byUrl.get(image.url);
    return reference ? [{ image, path: reference.path, place: reference.place }] : [];
  });
}

/**
 * Checks each image decodes whole (or was decoded by an earlier build) and is sharp enough for the press
 * copy: a damaged image is a fatal message, one under MIN_PRESS_PPI where it is printed a warning, each
 * at the image's place in `file`.
 */
export async function checkImages(store: ImageStore, file: VFile, images: readonly PlacedImage[], columns: PrintColumns): Promise<void> {
  const problems = await Promise.all(images.map(({ image }) => store.check(image, columns)));
  images.forEach(({ image, path, place }, index) => {
    const shown = excerpt(path);
    const problem = problems[index];
    if (problem) {
      const message = file.message(`image ${shown} cannot be decoded (${problem}): it is damaged or cut short; export it again as PNG, JPEG, GIF or WebP`, { place, ruleId: 'image-file', source: 'folio' });
      message.fatal = true;
      return;
    }
    const ppi = Math.floor(pressResolution(image, columns));
    if (ppi < MIN_PRESS_PPI) {
      file.message(
        `image ${shown} prints at ${ppi} ppi in the press copy (${image.width} × ${image.height} pixels), under the ${MIN_PRESS_PPI} ppi print needs: it will look soft; use the original, at least ${minimumPressWidth(columns)} pixels wide`,
        { place, ruleId: 'image-resolution', source: 'folio' },
      );
    }
  });
}
