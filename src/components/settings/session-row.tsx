import { revokeSessionAction } from "@/server/actions/revoke-session";
import type { SessionSummary } from "@/server/data/list-sessions";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { describeUserAgent } from "./describe-user-agent";
import { DeviceIcon } from "./device-icon";
import { formatDate, formatRelativeTime } from "@/lib/format-relative-time";

export function SessionRow({ session, now }: { session: SessionSummary; now: Date }) {
  const agent = describeUserAgent(session.userAgent);
  const createdAt = new Date(session.createdAt);
  const lastSeenAt = new Date(session.lastSeenAt);
  const labelId = `session-${session.id}-label`;

  return (
    <li
      data-testid="session-row"
      data-current={session.current ? "true" : "false"}
      className="flex flex-wrap items-start gap-x-4 gap-y-3 py-4 first:pt-0 last:pb-0 sm:items-center"
    >
      <DeviceIcon device={agent.device} />
      <div className="min-w-0 flex-1 basis-56">
        <p className="flex flex-wrap items-center gap-2 font-medium text-foreground">
          {/* The revoke button is described by this label, so "Sign out" says which session. */}
          <span id={labelId} title={session.userAgent || undefined}>
            {agent.label}
          </span>
          {session.current ? <Badge>This browser</Badge> : null}
        </p>
        <p className="mt-0.5 text-sm text-muted">
          <span className="font-mono">{session.ip || "Unknown IP"}</span>
          <span aria-hidden="true"> · </span>
          <span>
            Signed in <time dateTime={createdAt.toISOString()}>{formatDate(createdAt)}</time>
          </span>
          <span aria-hidden="true"> · </span>
          <span>
            {session.current ? (
              "Active now"
            ) : (
              <>
                Last active{" "}
                <time dateTime={lastSeenAt.toISOString()} title={lastSeenAt.toISOString()}>
                  {formatRelativeTime(lastSeenAt, now)}
                </time>
              </>
            )}
          </span>
        </p>
      </div>
      {session.current ? null : (
        <form action={revokeSessionAction} className="ml-14 sm:ml-0">
          <input type="hidden" name="sessionId" value={session.id} />
          <SubmitButton
            variant="secondary"
            size="sm"
            pendingLabel="Signing out…"
            aria-describedby={labelId}
            data-testid="revoke-session"
          >
            Sign out
          </SubmitButton>
        </form>
      )}
    </li>
  );
}
