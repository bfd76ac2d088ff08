/** On the owner's grid tiles: the photo page's "Hidden by a moderator" banner, as a tile's badge. */
export function HiddenBadge() {
  return (
    <span
      data-testid="hidden-badge"
      title="Hidden by a moderator: only you can see this photo"
      className="rounded-full border border-danger/40 bg-danger-soft px-2 py-0.5 text-xs font-medium text-danger"
    >
      Hidden
    </span>
  );
}
