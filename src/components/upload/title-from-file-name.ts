// "IMG_0042.jpg" → "IMG_0042": the default title, worked out the way the server does it, so the
// field doesn't change under the person's eyes when the upload answers.
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, "").trim();
  return (base || name).slice(0, 200);
}
