import type { DeviceKind } from "./describe-user-agent";

export function DeviceIcon({ device }: { device: DeviceKind }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-10 shrink-0 items-center justify-center rounded-full bg-surface-muted text-muted"
    >
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-5">
        {device === "phone" ? (
          <>
            <rect x="7" y="2.5" width="10" height="19" rx="2.5" />
            <path d="M11 18.5h2" strokeLinecap="round" />
          </>
        ) : device === "tablet" ? (
          <>
            <rect x="4.5" y="2.5" width="15" height="19" rx="2.5" />
            <path d="M11 18.5h2" strokeLinecap="round" />
          </>
        ) : (
          <>
            <rect x="3" y="4" width="18" height="12" rx="2" />
            <path d="M8 20h8M12 16v4" strokeLinecap="round" />
          </>
        )}
      </svg>
    </span>
  );
}
