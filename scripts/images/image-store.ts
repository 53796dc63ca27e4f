import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeUpright, encodeStandIn, encodeVariant, encoderVersion, hasStandIn } from './encode-variant.ts';
import { imageVariants, type ImageUse, type ImageVariant, type LoadedImage, type PrintColumns } from './image-variants.ts';

/** Changes whenever the files made of an image would change for the same source: their names, sizes or encoding. */
const RECIPE = 'folio-images-1';

/**
 * Images whose pixels are held at once, decoded and waiting for their files to be encoded: about 5 MB
 * each, however many photos a build has.
 */
const IN_FLIGHT = 4;

/** A file made from an image for one product. */
export interface ImageFile {
  variant: ImageVariant;
  bytes: Uint8Array;
}

/** A file of a paper edition, with the stand-in Chromium prints in its place where it is a JPEG (see encodeStandIn). */
export interface PaperFile extends ImageFile {
  standIn?: Uint8Array;
}

interface Entry {
  key: string;
  source: LoadedImage;
  /** Once its files are being made: when its pixels are decoded, and when every file is made. */
  making?: { decoded: Promise<void>; done: Promise<void> };
  /** The files made by this build, by their name in the cache; they reach the disk with the products. */
  made: Map<string, Uint8Array>;
  /** The names of its files found in the cache, written by an earlier build. */
  found: Set<string>;
  /** Its stand-ins, by name, once asked for. */
  standIns: Map<string, Promise<Uint8Array>>;
  /** Set once a publication has taken its cache files to write. */
  claimed?: boolean;
}

/**
 * A file of the image cache, by its path in the output folder: with its bytes where this build made it,
 * to be written with the products; without, where it is there already (its name says what it holds).
 */
export interface CacheFile {
  name: string;
  bytes?: Uint8Array;
}

/**
 * Makes, keeps and hands out the files each product needs of each image. They are made once per build,
 * written with the products of the publication that owns the image into `cacheDir` under the hash of the
 * image's bytes (see cacheFiles), and read from there by later builds: a rebuild whose photos did not
 * change decodes none of them. Encoding runs on the libuv threads while Chromium renders.
 */
export class ImageStore {
  readonly #outDir: string;
  readonly #cacheDir: string;
  readonly #entries = new Map<string, Entry>();
  #free = IN_FLIGHT;
  readonly #waiting: (() => void)[] = [];
  #listing?: Promise<Set<string>>;

  /** `cacheDir` is a folder inside `outDir`, the output folder (which output.ts writes), relative to it. */
  constructor(outDir: string, cacheDir: string) {
    this.#outDir = outDir;
    this.#cacheDir = cacheDir;
  }

  /**
   * Decodes the image unless an earlier build made all its files, and says what is wrong with it:
   * undefined when it decodes whole, else the decoder's reason (a damaged or cut-short file). Its files
   * are then made in the background.
   */
  async check(image: LoadedImage, columns: PrintColumns): Promise<string | undefined> {
    const entry = this.#entry(image);
    const listed = await this.#listed();
    const names = imageVariants(image, columns).map((variant) => this.#name(entry, variant));
    for (const name of names) if (listed.has(name)) entry.found.add(name);
    if (names.every((name) => listed.has(name))) return undefined;
    try {
      await this.#make(entry, columns).decoded;
      return undefined;
    } catch (error) {
      return (error as Error).message.split('\n')[0]?.replace(/^Input image exceeds pixel limit$/, 'more pixels than an image may have');
    }
  }

  /** The files of `image` for one product, read from the cache, made first where they are not there. */
  files(image: LoadedImage, use: ImageUse, columns: PrintColumns): Promise<ImageFile[]> {
    const entry = this.#entry(image);
    const variants = imageVariants(image, columns).filter((variant) => variant.use === use);
    return Promise.all(variants.map(async (variant) => ({ variant, bytes: await this.#bytes(entry, variant, columns) })));
  }

  /**
   * The files of `image` for a paper edition, each JPEG with its stand-in (see hasStandIn): Chromium lays
   * out and prints the stand-in, a few kilobytes, and the PDF then takes the file itself (see
   * products/placed-images.ts). A rebuild thus sends none of a photo's megabytes through Chromium and back.
   */
  async paperFiles(image: LoadedImage, use: 'download' | 'press', columns: PrintColumns): Promise<PaperFile[]> {
    const entry = this.#entry(image);
    const files = await this.files(image, use, columns);
    return Promise.all(files.map(async (file) => (hasStandIn(file.variant) ? { ...file, standIn: await this.#standIn(entry, file.variant) } : file)));
  }

  /**
   * The files of the image cache that `image` has, for the publication owning it to keep for later
   * builds; none the second time: two articles with the same photo share its files, kept once.
   */
  cacheFiles(image: LoadedImage): CacheFile[] {
    const entry = this.#entry(image);
    if (entry.claimed) return [];
    entry.claimed = true;
    const names = [...new Set([...entry.found, ...entry.made.keys()])].sort();
    return names.map((name) => {
      const bytes = entry.made.get(name);
      return bytes ? { name, bytes } : { name };
    });
  }

  /** A file made by this build, or written by an earlier one, or made now. */
  async #bytes(entry: Entry, variant: ImageVariant, columns: PrintColumns): Promise<Uint8Array> {
    const name = this.#name(entry, variant);
    const made = entry.made.get(name) ?? (await this.#cached(entry, name));
    if (made) return made;
    await this.#make(entry, columns).done;
    return entry.made.get(name) as Uint8Array;
  }

  /**
   * The files in the cache when the build began, by their name: listed once, rather than a look at each
   * file of each image. One that goes missing later is made again where it is read (see #bytes).
   */
  #listed(): Promise<Set<string>> {
    this.#listing ??= readdir(join(this.#outDir, this.#cacheDir)).then(
      (names) => new Set(names.map((name) => join(this.#cacheDir, name))),
      () => new Set<string>(),
    );
    return this.#listing;
  }

  /** A file an earlier build wrote into the cache; undefined where it is not there. */
  async #cached(entry: Entry, name: string): Promise<Uint8Array | undefined> {
    const bytes = await readFile(join(this.#outDir, name)).catch(() => undefined);
    if (bytes) entry.found.add(name);
    return bytes;
  }

  /** The stand-in of a paper edition's JPEG: from the cache, or made (once) now. */
  #standIn(entry: Entry, variant: ImageVariant): Promise<Uint8Array> {
    const name = this.#name(entry, variant).replace(/\.jpeg$/, '.stand-in.jpeg');
    let standIn = entry.standIns.get(name);
    if (!standIn) {
      standIn = this.#cached(entry, name).then(async (cached) => {
        if (cached) return cached;
        const made = await encodeStandIn(variant, `${entry.key}.${variant.use}`);
        entry.made.set(name, made);
        return made;
      });
      entry.standIns.set(name, standIn);
    }
    return standIn;
  }

  #entry(image: LoadedImage): Entry {
    const key = createHash('sha256').update(`${RECIPE} ${encoderVersion()}\n${image.digest}`).digest('hex').slice(0, 32);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { key, source: image, made: new Map(), found: new Set(), standIns: new Map() };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  #name(entry: Entry, variant: ImageVariant): string {
    return join(this.#cacheDir, `${entry.key}.${variant.use}-${variant.width}x${variant.height}.${variant.format}`);
  }

  /** Decodes the image once, when a slot is free, makes every file of it, and frees the pixels. */
  #make(entry: Entry, columns: PrintColumns): NonNullable<Entry['making']> {
    if (entry.making) return entry.making;
    const variants = imageVariants(entry.source, columns);
    const pixels = this.#slot().then(async () => decodeUpright(await entry.source.bytes(), Math.max(...variants.map((variant) => variant.width))));
    const done = pixels
      .then((decoded) =>
        Promise.all(
          variants.map(async (variant) => {
            // A GIF's web and EPUB files keep its frames: they are made from the source itself.
            const animated = entry.source.type === 'gif' && (variant.format === 'gif' || variant.format === 'webp') ? await entry.source.bytes() : undefined;
            entry.made.set(this.#name(entry, variant), await encodeVariant(decoded, variant, animated));
          }),
        ),
      )
      .then(() => undefined)
      .finally(() => this.#release());
    entry.making = { decoded: pixels.then(() => undefined), done };
    // Each is awaited by whoever needs it; a failure is reported there, not as an unhandled rejection.
    entry.making.decoded.catch(() => undefined);
    done.catch(() => undefined);
    return entry.making;
  }

  #slot(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
