import Link from "next/link";

export type ExploreOrderOption = "recent" | "interesting";

const OPTIONS: { order: ExploreOrderOption; label: string; href: string }[] = [
  { order: "recent", label: "Recent", href: "/" },
  { order: "interesting", label: "Interesting", href: "/?order=interesting" },
];

/** Explore's two orders as plain links (they work without JavaScript); the current one is marked. */
export function ExploreOrderSwitch({ current }: { current: ExploreOrderOption }) {
  return (
    <nav aria-label="Explore order" className="mb-4">
      <ul className="inline-flex rounded-full border border-border p-0.5 text-sm">
        {OPTIONS.map((option) => {
          const active = option.order === current;
          return (
            <li key={option.order}>
              <Link
                href={option.href}
                aria-current={active ? "page" : undefined}
                className={
                  active
                    ? "block rounded-full bg-foreground px-3 py-1 font-medium text-background"
                    : "block rounded-full px-3 py-1 text-muted hover:text-foreground"
                }
              >
                {option.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
