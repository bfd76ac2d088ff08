// The justified layout (Flickr's): photos in rows of equal height, each keeping its aspect ratio,
// every full row exactly as wide as the container. Pure, so it is the same on every render and easy
// to test.

export interface LayoutOptions {
  containerWidth: number;
  /** The height rows aim for; each row ends up a little taller or shorter to fill the width. */
  targetHeight: number;
  /** Space between tiles, horizontally (rows are laid out with the same gap vertically). */
  gap: number;
}

export interface LayoutRow {
  /** Index of the row's first item in the input. */
  start: number;
  height: number;
  /** One width per item of the row, in order. */
  widths: number[];
  /** The last row, shorter than the container: kept at the target height rather than stretched. */
  partial: boolean;
}

// Panoramas and slivers are cropped (object-fit: cover) to these aspect ratios, so one photo never
// becomes a 20 px strip or a row of its own.
const MIN_ASPECT = 0.5;
const MAX_ASPECT = 3;

export function clampedAspect(item: { width: number; height: number }): number {
  const aspect = item.width > 0 && item.height > 0 ? item.width / item.height : 1;
  return Math.min(MAX_ASPECT, Math.max(MIN_ASPECT, aspect));
}

/**
 * Splits `items` into rows. Each row takes photos while, scaled to fill the width, it would still be
 * taller than the target; at the photo that takes it below the target, it keeps or drops that photo,
 * whichever leaves the row's height closer to the target (compared as ratios, so 10 % too tall weighs
 * the same as 10 % too short). The last row keeps the target height and does not fill the width.
 */
export function justifyRows(
  items: readonly { width: number; height: number }[],
  { containerWidth, targetHeight, gap }: LayoutOptions,
): LayoutRow[] {
  const rows: LayoutRow[] = [];
  if (containerWidth <= 0 || targetHeight <= 0) return rows;
  const aspects = items.map(clampedAspect);
  const heightOf = (start: number, end: number, sum: number) =>
    (containerWidth - gap * (end - start - 1)) / sum;
  const row = (start: number, end: number, height: number, partial: boolean): LayoutRow => ({
    start,
    height,
    widths: aspects.slice(start, end).map((a) => a * height),
    partial,
  });

  let start = 0;
  while (start < aspects.length) {
    let sum = 0;
    let end = start;
    let previous = Infinity;
    let closed = false;
    while (end < aspects.length) {
      sum += aspects[end]!;
      end++;
      const height = heightOf(start, end, sum);
      if (height <= targetHeight) {
        const keep = Math.abs(Math.log(height / targetHeight));
        const drop = Math.abs(Math.log(previous / targetHeight));
        if (end - start > 1 && drop < keep) {
          rows.push(row(start, end - 1, previous, false));
          end--;
        } else {
          rows.push(row(start, end, height, false));
        }
        closed = true;
        break;
      }
      previous = height;
    }
    if (!closed) rows.push(row(start, end, targetHeight, true));
    start = end;
  }
  return rows;
}

/** The row height to aim for in a container this wide: smaller on phones, where rows are narrow. */
export function targetRowHeight(containerWidth: number): number {
  return containerWidth < 640 ? 140 : 220;
}
