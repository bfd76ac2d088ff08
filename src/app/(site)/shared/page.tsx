import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listSharedWithMe } from "@/server/data/shared-with-me/list-shared-with-me";

export const metadata: Metadata = { title: "Shared with me" };

export default async function SharedWithMePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/shared");
  const items = await listSharedWithMe(user);
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-8 sm:px-6" data-testid="shared-with-me">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Shared with me</h1>
      <p className="mt-1 text-muted">Photos and albums other people named you on, newest first.</p>
      {items.length === 0 ? (
        <p className="mt-8 text-muted">Nothing has been shared with you yet.</p>
      ) : (
        <ul className="mt-8 flex flex-col divide-y divide-border">
          {items.map((item) => (
            <li
              key={`${item.kind}-${item.id}`}
              className="flex items-center gap-4 py-3"
              data-testid="shared-item"
            >
              {item.kind === "photo" ? (
                // eslint-disable-next-line @next/next/no-img-element -- media URLs are access-checked per request; next/image would cache them
                <img src={item.thumbnailUrl} alt="" className="size-16 rounded-lg object-cover" />
              ) : (
                <span className="flex size-16 items-center justify-center rounded-lg bg-surface-muted text-sm text-muted">
                  Album
                </span>
              )}
              <div className="flex flex-col">
                <Link
                  href={item.kind === "photo" ? `/photos/${item.id}` : `/albums/${item.id}`}
                  className="font-medium text-foreground hover:underline"
                >
                  {item.title.trim() || (item.kind === "photo" ? "Untitled photo" : "Untitled album")}
                </Link>
                <span className="text-sm text-muted">
                  {item.kind === "photo" ? "Photo" : "Album"} shared by{" "}
                  <Link href={`/people/${encodeURIComponent(item.owner.handle)}`} className="hover:underline">
                    {item.owner.displayName}
                  </Link>{" "}
                  <time dateTime={item.sharedAt}>on {item.sharedAt.slice(0, 10)}</time>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
