// Decodes HEIC off the main thread: heic-decode runs libheif in WebAssembly synchronously (about
// 0.8 s for a 12 MP iPhone photo), which would otherwise stall every request the server is handling.
import { parentPort } from "node:worker_threads";
import decode from "heic-decode";

parentPort.on("message", async ({ id, buffer }) => {
  try {
    const { width, height, data } = await decode({ buffer: new Uint8Array(buffer) });
    parentPort.postMessage({ id, width, height, data }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
