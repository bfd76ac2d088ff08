import Link from "next/link";
import type { AlbumOption } from "@/server/data/list-own-albums";
import { buttonClasses } from "@/components/ui/button-styles";

export interface OrganizeFilterValues {
  album: string;
  q: string;
  /** YYYY-MM-DD, as date inputs send them. */
  from: string;
  to: string;
}

const fieldClasses =
  "h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";
const labelClasses = "text-xs font-medium text-muted";

// Narrows the organise grid by album, by words and by date taken: a plain GET form, so a filtered
// view is a URL and works before the page's scripts load.
export function OrganizeFilters({
  albums,
  values,
  matchCount,
}: {
  albums: AlbumOption[];
  values: OrganizeFilterValues;
  /** How many photos the filter matches; null when nothing is filtered. */
  matchCount: number | null;
}) {
  return (
    <form
      method="get"
      action="/organize"
      aria-label="Filter photos"
      className="mb-4 flex flex-wrap items-end gap-3"
      data-testid="organize-filters"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-q" className={labelClasses}>
          Search your photos
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={values.q}
          className={`${fieldClasses} w-44`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-album" className={labelClasses}>
          In album
        </label>
        <select id="filter-album" name="album" defaultValue={values.album} className={fieldClasses}>
          <option value="">Any album</option>
          {albums.map((album) => (
            <option key={album.id} value={album.id}>
              {album.title}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-from" className={labelClasses}>
          Taken from
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={values.from} className={fieldClasses} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-to" className={labelClasses}>
          Taken to
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={values.to} className={fieldClasses} />
      </div>
      <button type="submit" className={buttonClasses("secondary", "sm")}>
        Filter
      </button>
      {matchCount !== null ? (
        <>
          <p className="self-center text-sm text-muted" data-testid="filter-count">
            {matchCount} {matchCount === 1 ? "photo matches" : "photos match"}
          </p>
          <Link href="/organize" className={buttonClasses("ghost", "sm")}>
            Clear
          </Link>
        </>
      ) : null}
    </form>
  );
}
