import type { ReactNode } from "react";

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  /** Heading level, so the empty state fits the page's outline. */
  as?: "h1" | "h2" | "h3";
  children?: ReactNode;
  actions?: ReactNode;
}

// Every empty state says what happened and what to do next (the actions).
export function EmptyState({ icon, title, as: Heading = "h2", children, actions }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center rounded-2xl border border-dashed border-border-strong/60 bg-surface px-6 py-12 text-center sm:py-16">
      {icon ? (
        <div
          className="mb-4 flex size-12 items-center justify-center rounded-full bg-accent-soft text-accent"
          aria-hidden="true"
        >
          {icon}
        </div>
      ) : null}
      <Heading className="text-lg font-semibold text-foreground">{title}</Heading>
      {children ? <div className="mt-2 max-w-md text-sm text-muted">{children}</div> : null}
      {actions ? (
        <div className="mt-6 flex flex-wrap items-center justify-center gap-3">{actions}</div>
      ) : null}
    </div>
  );
}
