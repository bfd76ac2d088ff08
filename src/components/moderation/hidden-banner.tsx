/** What the owner of a photo hidden by a moderator sees on its page: nobody else can see the photo. */
export function HiddenBanner({ reason }: { reason: string | null }) {
  return (
    <div
      role="note"
      data-testid="hidden-banner"
      className="mb-6 rounded-xl border border-danger/40 bg-danger-soft px-4 py-3 text-sm text-danger"
    >
      <p className="font-semibold">Hidden by a moderator{reason ? `: ${reason}` : ""}</p>
      <p className="mt-1">
        Only you can see this photo. It no longer appears anywhere else: not in your photostream, albums,
        explore, search or share links.
      </p>
    </div>
  );
}
