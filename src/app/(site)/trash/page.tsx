import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TRASH_DAYS } from "@/lib/trash";
import { getCurrentUser } from "@/server/auth/current-user";
import { listTrash } from "@/server/data/trash/list-trash";
import { TrashWorkspace } from "@/components/trash/trash-workspace";
import { buttonClasses } from "@/components/ui/button-styles";

export const metadata: Metadata = {
  title: "Trash",
  robots: { index: false, follow: false },
};

export default async function TrashPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/trash");
  const { photos, total } = await listTrash(user);

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-foreground">Trash</h1>
          <p className="mt-1 text-muted">
            Photos you delete wait here for {TRASH_DAYS} days, seen by nobody, then go for good. Restoring one
            puts it back in its albums with its sharing, favourites and comments.
          </p>
        </div>
        <Link href="/organize" className={buttonClasses("secondary", "sm")}>
          Organise photos
        </Link>
      </header>
      <div className="mt-8">
        {/* Mounted even when empty: the last restore's notice stays on screen after the list empties. */}
        <TrashWorkspace
          photos={photos.map((p) => ({
            id: p.id,
            title: p.title,
            thumbhash: p.thumbhash,
            width: p.width,
            height: p.height,
            albumTitle: p.albumTitle,
            purgeAt: p.purgeAt.toISOString(),
          }))}
          total={total}
        />
      </div>
    </div>
  );
}
