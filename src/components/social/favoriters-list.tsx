import Link from "next/link";
import type { Favoriter } from "@/server/data/favorites/list-favoriters";

/** Who favorited the photo: shown to its owner only (the page passes it only then). */
export function FavoritersList({ people }: { people: Favoriter[] }) {
  return (
    <section aria-labelledby="favoriters-heading" className="flex flex-col gap-2" data-testid="favoriters">
      <h2 id="favoriters-heading" className="text-sm font-semibold text-foreground">
        Favorited by
      </h2>
      {people.length ? (
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
          {people.map((p) => (
            <li key={p.handle}>
              <Link href={`/people/${p.handle}`} className="underline">
                {p.displayName}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">Nobody yet.</p>
      )}
    </section>
  );
}
