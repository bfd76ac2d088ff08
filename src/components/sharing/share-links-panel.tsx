"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore, useTransition } from "react";
import {
  SHARE_LINK_EXPIRIES,
  shareLinkPath,
  type ShareLinkExpiry,
  type ShareLinkSummary,
  type ShareLinkTarget,
} from "@/lib/share-links";
import { createShareLinkAction } from "@/server/actions/share-links/create-share-link";
import { listShareLinksAction } from "@/server/actions/share-links/list-share-links";
import { revokeShareLinkAction } from "@/server/actions/share-links/revoke-share-link";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { buttonClasses } from "@/components/ui/button-styles";
import { useAskOnce } from "@/components/ui/use-ask-once";
import { formatDate, formatRelativeTime } from "@/lib/format-relative-time";

interface ShareLinksPanelProps {
  target: ShareLinkTarget;
  /** The links as the server rendered them; without them the panel asks for them itself. */
  initialLinks?: ShareLinkSummary[];
}

const EXPIRY_LABEL: Record<ShareLinkExpiry, string> = {
  never: "Never",
  "1d": "In 1 day",
  "7d": "In 7 days",
  "30d": "In 30 days",
};

const fieldClasses =
  "h-9 w-full rounded-lg border border-border-strong bg-surface px-3 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";

// The page's origin, for absolute links: "" while rendering on the server (the path alone shows).
const noSubscribe = () => () => {};
function useOrigin(): string {
  return useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
}

/** The owner's share links to one photo or album: list, create, copy, revoke. */
export function ShareLinksPanel({ target, initialLinks }: ShareLinksPanelProps) {
  const [links, setLinks] = useState<ShareLinkSummary[] | null>(initialLinks ?? null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Set once hydrated: the buttons work from then on (tests wait for it before pressing them).
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const isAlbum = "albumId" in target;
  const targetKey = isAlbum ? target.albumId : target.photoId;

  useEffect(() => {
    if (initialLinks) return;
    let live = true;
    void listShareLinksAction(isAlbum ? { albumId: targetKey } : { photoId: targetKey }).then((result) => {
      if (!live) return;
      if (result.ok) setLinks(result.links);
      else setNotice({ error: true, text: result.error });
    });
    return () => {
      live = false;
    };
  }, [initialLinks, isAlbum, targetKey]);

  return (
    <section
      aria-labelledby="share-links-heading"
      data-testid="share-links-panel"
      data-ready={hydrated || undefined}
      className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-4 text-sm"
    >
      <div>
        <h2 id="share-links-heading" className="font-semibold text-foreground">
          Share links
        </h2>
        <p className="mt-1 text-muted">
          Anyone with a link can see {isAlbum ? "this album and the photos in it" : "this photo"}, without
          signing in, until you revoke the link or it expires.
        </p>
      </div>

      {links === null ? (
        <p className="text-muted">Loading links…</p>
      ) : links.length === 0 ? (
        <p className="text-muted" data-testid="share-links-empty">
          No links yet.
        </p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="share-links">
          {links.map((link) => (
            <ShareLinkRow
              key={link.id}
              link={link}
              onNotice={setNotice}
              onRevoked={() => setLinks((list) => list?.filter((l) => l.id !== link.id) ?? null)}
            />
          ))}
        </ul>
      )}

      <CreateShareLinkForm
        target={target}
        onCreated={(link) => {
          setLinks((list) => [link, ...(list ?? [])]);
          setNotice({ error: false, text: "Link created. Copy it and send it to whoever should see this." });
        }}
        onNotice={setNotice}
      />
      <div className="min-h-5">
        <ActionNotice notice={notice} />
      </div>
    </section>
  );
}

function CreateShareLinkForm({
  target,
  onCreated,
  onNotice,
}: {
  target: ShareLinkTarget;
  onCreated: (link: ShareLinkSummary) => void;
  onNotice: (notice: Notice) => void;
}) {
  const id = useId();
  const [expiresIn, setExpiresIn] = useState<ShareLinkExpiry>("never");
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      aria-label="Create a share link"
      className="flex flex-col gap-3 border-t border-border pt-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (pending) return;
        startTransition(async () => {
          const result = await createShareLinkAction({ target, expiresIn, password });
          if (result.ok) {
            setPassword("");
            setPasswordError(null);
            onCreated(result.link);
          } else if (result.field === "password") {
            setPasswordError(result.error);
          } else {
            onNotice({ error: true, text: result.error });
          }
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-expiry`} className="font-medium text-foreground">
            Expires
          </label>
          <select
            id={`${id}-expiry`}
            value={expiresIn}
            onChange={(event) => setExpiresIn(event.target.value as ShareLinkExpiry)}
            className={fieldClasses}
            data-testid="share-link-expiry"
          >
            {SHARE_LINK_EXPIRIES.map((value) => (
              <option key={value} value={value}>
                {EXPIRY_LABEL[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-password`} className="font-medium text-foreground">
            Password <span className="font-normal text-muted">(optional)</span>
          </label>
          {/* Shown as typed: the owner has to pass it on, and it is not their account's password. */}
          <input
            id={`${id}-password`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={passwordError ? `${id}-password-error` : undefined}
            className={fieldClasses}
            data-testid="share-link-password"
          />
          {passwordError ? (
            <p id={`${id}-password-error`} className="text-danger">
              {passwordError}
            </p>
          ) : null}
        </div>
      </div>
      <div>
        <button
          type="submit"
          aria-disabled={pending || undefined}
          className={buttonClasses("secondary", "sm")}
          data-testid="share-link-create"
        >
          {pending ? "Creating…" : "Create link"}
        </button>
      </div>
    </form>
  );
}

function ShareLinkRow({
  link,
  onNotice,
  onRevoked,
}: {
  link: ShareLinkSummary;
  onNotice: (notice: Notice) => void;
  onRevoked: () => void;
}) {
  const origin = useOrigin();
  const url = `${origin}${shareLinkPath(link.token)}`;
  const { confirming, ask, cancel, startRef, cancelRef, onKeyDown } = useAskOnce();
  const [pending, startTransition] = useTransition();
  const urlRef = useRef<HTMLInputElement>(null);
  const labelId = `share-link-${link.id}`;
  const now = new Date();
  const expiresAt = link.expiresAt ? new Date(link.expiresAt) : null;
  const expired = expiresAt !== null && expiresAt <= now;

  function copy() {
    const done = () => onNotice({ error: false, text: "Link copied." });
    const fallback = () => {
      urlRef.current?.select();
      onNotice({ error: false, text: "Press Ctrl+C (or ⌘C) to copy the selected link." });
    };
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, fallback);
    else fallback();
  }

  function revoke() {
    startTransition(async () => {
      const result = await revokeShareLinkAction({ linkId: link.id });
      if (result.ok) {
        onNotice({ error: false, text: "Link revoked. It no longer opens anything." });
        onRevoked();
      } else {
        onNotice({ error: true, text: result.error });
      }
    });
  }

  return (
    <li
      className="flex flex-col gap-2 rounded-lg border border-border p-3"
      data-testid="share-link"
      data-link-id={link.id}
      data-expired={expired || undefined}
    >
      <div className="flex gap-2">
        <input
          ref={urlRef}
          readOnly
          value={url}
          aria-labelledby={labelId}
          onFocus={(event) => event.currentTarget.select()}
          className={`${fieldClasses} font-mono text-xs`}
          data-testid="share-link-url"
        />
        <button
          type="button"
          onClick={copy}
          aria-describedby={labelId}
          className={buttonClasses("secondary", "sm")}
          data-testid="share-link-copy"
        >
          Copy
        </button>
      </div>
      <p id={labelId} className="text-muted">
        <span>
          Created{" "}
          <time dateTime={link.createdAt} suppressHydrationWarning>
            {formatDate(new Date(link.createdAt))}
          </time>
        </span>
        <span aria-hidden="true"> · </span>
        <span data-testid="share-link-expiry-text">
          {expiresAt === null ? (
            "Never expires"
          ) : expired ? (
            <span className="text-danger">Expired</span>
          ) : (
            <>
              Expires{" "}
              <time dateTime={link.expiresAt ?? undefined} suppressHydrationWarning>
                {formatDate(expiresAt)}
              </time>
            </>
          )}
        </span>
        <span aria-hidden="true"> · </span>
        <span>{link.hasPassword ? "Password" : "No password"}</span>
        <span aria-hidden="true"> · </span>
        <span>
          {link.lastUsedAt ? (
            <>
              Last used{" "}
              <time dateTime={link.lastUsedAt} suppressHydrationWarning>
                {formatRelativeTime(new Date(link.lastUsedAt), now)}
              </time>
            </>
          ) : (
            "Never used"
          )}
        </span>
      </p>
      {confirming ? (
        <div
          role="group"
          aria-label="Revoke this link?"
          onKeyDown={onKeyDown}
          className="flex flex-wrap items-center gap-2 rounded-lg border border-danger/40 bg-danger-soft p-3"
        >
          <p className="w-full text-foreground">Revoke this link? Anyone using it loses access at once.</p>
          <button
            type="button"
            onClick={() => {
              if (!pending) revoke();
            }}
            aria-disabled={pending || undefined}
            className={buttonClasses("danger", "sm")}
            data-testid="share-link-revoke-yes"
          >
            {pending ? "Revoking…" : "Yes, revoke"}
          </button>
          <button ref={cancelRef} type="button" onClick={cancel} className={buttonClasses("secondary", "sm")}>
            Cancel
          </button>
        </div>
      ) : (
        <div>
          <button
            ref={startRef}
            type="button"
            onClick={ask}
            aria-describedby={labelId}
            className={buttonClasses("ghost", "sm", "text-danger!")}
            data-testid="share-link-revoke"
          >
            Revoke
          </button>
        </div>
      )}
    </li>
  );
}
