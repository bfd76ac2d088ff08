// One way of making the full variant set (every rung of the ladder as WebP, plus a ThumbHash) from a photo.
export interface Contender {
  /** Writes the outputs for `file` into `outDir`, overwriting the previous photo's. */
  process(file: string, outDir: string): Promise<void>;
  /** False for a separate program: there is no JIT or module loading to warm up. */
  warmUp?: boolean;
  /** Helper processes it ran (ImageMagick), when there are any: peak resident KiB and CPU ms used. */
  helpers?(): { peakKb: number; cpuMs: number };
}
