"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";
import type { AccessState, AccessTarget, Person, Visibility } from "@/lib/access";
import type { AccessActionResult } from "@/server/actions/access/access-result";
import { addViewersAction } from "@/server/actions/access/add-viewers";
import { removeViewerAction } from "@/server/actions/access/remove-viewer";
import { setVisibilityAction } from "@/server/actions/access/set-visibility";
import { ActionNotice, type Notice } from "@/components/ui/action-notice";
import { Avatar } from "@/components/ui/avatar";
import { buttonClasses } from "@/components/ui/button-styles";
import { PeopleCombobox } from "./people-combobox";

interface AccessEditorProps {
  target: AccessTarget;
  /** Who sees it now, as the server described it. */
  initial: AccessState;
  /** The page as an anonymous visitor sees it (`?as=visitor`). */
  previewHref: string;
  /** Where the share-links panel goes; nothing is drawn without it. */
  links?: ReactNode;
}

const CHOICES: { value: Visibility; label: string; hint: string }[] = [
  { value: "PUBLIC", label: "Public", hint: "Anyone on the internet" },
  { value: "SHARED", label: "Shared with people", hint: "You and the people you add" },
  { value: "PRIVATE", label: "Private", hint: "Only you" },
];

/**
 * The owner's "who sees this" for a photo or an album: the setting, the named viewers, the result in
 * words (the photo's own access united with its album's, as the server computes it), and a way to
 * see the page as a visitor. Every change is a server action that checks ownership itself and
 * answers with the new state; the page is then refreshed so its badges and media URLs follow (a
 * narrowing changes the photo's access version, so its old URLs stop working).
 */
export function AccessEditor({ target, initial, previewHref, links }: AccessEditorProps) {
  const router = useRouter();
  const id = useId();
  const [state, setState] = useState(initial);
  const [seen, setSeen] = useState(initial);
  // A refreshed page brings the server's state: it wins over what the last action answered.
  if (initial !== seen) {
    setSeen(initial);
    setState(initial);
  }
  const [choice, setChoice] = useState<Visibility>(initial.visibility);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, startTransition] = useTransition();
  const noun = target.kind === "photo" ? "photo" : "album";
  const changed = choice !== state.visibility;

  function run(action: () => Promise<AccessActionResult>) {
    startTransition(async () => {
      const result = await action();
      if (result.state) {
        setState(result.state);
        setChoice(result.state.visibility);
      }
      setNotice(result.ok ? { error: false, text: result.message } : { error: true, text: result.error });
      if (result.ok) router.refresh();
    });
  }

  const add = (people: string[]) => run(() => addViewersAction({ target, people }));
  const remove = (person: Person) => run(() => removeViewerAction({ target, handle: person.handle }));
  const save = () => run(() => setVisibilityAction({ target, visibility: choice }));
  const removesViewers = choice === "PRIVATE" && state.viewers.length > 0;

  return (
    <section
      aria-labelledby={`${id}-heading`}
      aria-busy={pending}
      data-testid="access-editor"
      className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-4 text-sm"
    >
      <div className="flex flex-col gap-1">
        <h2 id={`${id}-heading`} className="font-semibold text-foreground">
          Who can see this {noun}
        </h2>
        <p className="font-medium text-foreground" data-testid="access-summary">
          {state.summary}
        </p>
        {state.album?.lends ? (
          <ul className="text-muted" data-testid="access-breakdown">
            <li>This photo on its own: {state.own}</li>
            <li>
              Through the album {state.album.title}: {state.album.text}
            </li>
          </ul>
        ) : null}
        <p className="text-muted" data-testid="access-model">
          {target.kind === "album"
            ? "Each photo’s own setting decides who sees it. People you name on this album see all its photos, even private ones; if the album is public, visitors see only its public photos."
            : "This photo’s own setting decides who sees it. People named on a shared album it is in, and anyone with a link to that album, see it too."}
        </p>
      </div>

      <fieldset className="flex flex-col gap-2" disabled={pending}>
        <legend className="mb-1 font-medium text-foreground">Visibility</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="flex cursor-pointer items-start gap-2">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={c.value}
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
              aria-describedby={`${id}-${c.value}-hint`}
              className="mt-0.5 size-4 accent-accent"
            />
            <span className="flex flex-col">
              <span className="text-foreground">
                {c.label}
                {state.visibility === c.value ? <span className="text-muted"> (current)</span> : null}
              </span>
              <span id={`${id}-${c.value}-hint`} className="text-xs text-muted">
                {c.hint}
              </span>
            </span>
          </label>
        ))}
        {/* A choice is saved by a button, so moving through the options by keyboard publishes nothing. */}
        {changed && removesViewers ? (
          <p className="text-foreground" data-testid="access-remove-viewers">
            Remove {listNames(state.viewers)} too? Private means only you: they lose access now, and sharing
            it again later will not bring them back.
          </p>
        ) : null}
        {changed ? (
          <div className="mt-1 flex flex-wrap gap-2">
            <button type="button" onClick={save} className={buttonClasses("primary", "sm")}>
              {removesViewers ? "Make private and remove them" : "Save visibility"}
            </button>
            <button
              type="button"
              onClick={() => setChoice(state.visibility)}
              className={buttonClasses("ghost", "sm")}
            >
              Cancel
            </button>
          </div>
        ) : null}
      </fieldset>

      <div className="flex flex-col gap-2">
        <h3 id={`${id}-people`} className="font-medium text-foreground">
          People
        </h3>
        {state.viewers.length > 0 ? (
          <ul aria-labelledby={`${id}-people`} className="flex flex-col gap-1" data-testid="access-viewers">
            {state.viewers.map((person) => (
              <li key={person.handle} className="flex items-center gap-2">
                <Avatar name={person.displayName} className="size-6 text-xs" />
                <span className="min-w-0 flex-1 truncate">
                  <span className="font-medium text-foreground">{person.displayName}</span>{" "}
                  <span className="text-muted">@{person.handle}</span>
                </span>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => remove(person)}
                  aria-label={`Remove ${person.displayName} (@${person.handle})`}
                  className={buttonClasses("ghost", "sm", "h-7 px-2.5 text-danger")}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">No one added yet.</p>
        )}
        {state.viewers.length > 0 && state.visibility !== "SHARED" ? (
          <p className="text-xs text-muted">
            {state.visibility === "PUBLIC"
              ? "Everyone can see it already. These people keep access if you make it shared."
              : "While it is private they can't see it. Choose Shared with people to let them in."}
          </p>
        ) : null}
        <PeopleCombobox
          label="Add people"
          exclude={state.viewers.map((v) => v.handle)}
          onPick={(person) => add([person.handle])}
          onSubmitText={(text) => add([text])}
          data-testid="access-add-people"
        />
        {state.visibility === "PRIVATE" ? (
          <p className="text-xs text-muted">Adding someone shares this {noun} with them.</p>
        ) : null}
      </div>

      <div data-testid="access-notice">
        <ActionNotice notice={notice} />
      </div>

      <p>
        {/* A full page load: the preview is rendered afresh, as the server renders it for anyone. */}
        <a
          href={previewHref}
          className="font-medium text-foreground underline underline-offset-2"
          data-testid="access-preview"
        >
          Preview as a visitor
        </a>
      </p>

      {links ?? null}
    </section>
  );
}

/** "Ana", "Ana and Tom", "Ana, Tom and Eve". */
function listNames(people: readonly Person[]): string {
  const names = people.map((p) => p.displayName);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
