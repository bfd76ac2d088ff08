import "server-only";

// Control, bidi-override and isolate characters: they can disguise a name ("gpj.exe" shown as "exe.jpg").
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** The name the client sent, reduced to a display string: never a path, never stored as a key. */
export function cleanFileName(raw: string | null): string {
  let name = raw ?? "";
  try {
    name = decodeURIComponent(name);
  } catch {
    // not URI-encoded: take it as it is
  }
  name = name.split(/[\\/]/).pop() ?? "";
  return name.replace(UNSAFE, "").trim().slice(0, 255);
}

/** A photo title from its file name: the name without its extension ("IMG_0042.jpg" → "IMG_0042"). */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, "").trim();
  return base.slice(0, 200);
}
