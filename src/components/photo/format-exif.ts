// How camera facts read on the photo page. Pure, so server components and tests can share it.

/** "Canon EOS 40D", not "Canon Canon EOS 40D": many cameras repeat the make in the model. */
export function cameraName(make?: string, model?: string): string | null {
  if (!model) return make ?? null;
  if (!make) return model;
  const brand = make.split(/\s+/)[0]?.toLowerCase() ?? "";
  return model.toLowerCase().startsWith(brand) ? model : `${make} ${model}`;
}

export function exposureParts(exposure: {
  exposureTime?: string;
  fNumber?: number;
  iso?: number;
  focalLength?: number;
}): string[] {
  const parts: string[] = [];
  if (exposure.exposureTime) parts.push(`${exposure.exposureTime} s`);
  if (exposure.fNumber) parts.push(`f/${exposure.fNumber}`);
  if (exposure.iso) parts.push(`ISO ${exposure.iso}`);
  if (exposure.focalLength) parts.push(`${exposure.focalLength} mm`);
  return parts;
}

// EXIF times are the camera's clock, stored as if UTC: formatting in UTC shows what the clock said.
const takenFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "UTC",
});
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export function formatTakenAt(date: Date): string {
  return takenFormat.format(date);
}

export function formatDay(date: Date): string {
  return dayFormat.format(date);
}

/** "38.71667° N, 9.13333° W": five decimals is about a metre. */
export function formatCoordinates(latitude: number, longitude: number): string {
  const lat = `${Math.abs(latitude).toFixed(5)}° ${latitude >= 0 ? "N" : "S"}`;
  const lon = `${Math.abs(longitude).toFixed(5)}° ${longitude >= 0 ? "E" : "W"}`;
  return `${lat}, ${lon}`;
}
