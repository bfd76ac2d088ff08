import type { ReactNode } from "react";
import { LogoMark } from "@/components/ui/logo-mark";

interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  /** The "Already have an account?" style line under the card. */
  footer?: ReactNode;
}

export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  return (
    <div className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-10 sm:py-16">
      <div className="rounded-2xl border border-border bg-surface px-5 py-8 shadow-sm sm:px-8">
        <div className="mb-6 flex flex-col items-center text-center">
          <LogoMark className="mb-4 size-10" />
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{title}</h1>
          {subtitle ? <p className="mt-1.5 text-sm text-muted">{subtitle}</p> : null}
        </div>
        <div className="flex flex-col gap-6">{children}</div>
      </div>
      {footer ? <p className="mt-6 text-center text-sm text-muted">{footer}</p> : null}
    </div>
  );
}
