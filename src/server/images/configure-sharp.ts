import "server-only";
import sharp from "sharp";

/**
 * libvips keeps the results of up to 100 recent operations (50 MB) to reuse them. Pinhole decodes
 * each file once per job or request, so that cache is never hit and only adds to the process's
 * resident memory (the soak benchmark's native growth); it is turned off once per process.
 */
export function configureSharp(): void {
  sharp.cache(false);
}
