// heic-decode ships no types. It decodes HEVC in WebAssembly, synchronously, behind a Promise.
declare module "heic-decode" {
  interface DecodedHeic {
    width: number;
    height: number;
    /** RGBA, 8 bits a sample, not premultiplied. */
    data: Uint8ClampedArray;
  }

  interface HeicImageHandle {
    width: number;
    height: number;
    decode(): Promise<DecodedHeic>;
  }

  interface HeicDecode {
    (input: { buffer: Uint8Array }): Promise<DecodedHeic>;
    /** Parses the container; call `dispose()` on the result when done. */
    all(input: { buffer: Uint8Array }): Promise<HeicImageHandle[] & { dispose(): void }>;
  }

  const decode: HeicDecode;
  export default decode;
}
