"use client";

import { type ReactNode, useState } from "react";
import type { Person } from "@/lib/access";
import { buttonClasses } from "@/components/ui/button-styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { PeopleCombobox } from "@/components/sharing/people-combobox";

interface SharePhotosPanelProps {
  id: string;
  count: number;
  action: (formData: FormData) => Promise<void>;
  onCancel: () => void;
  /** The selection, as hidden inputs. */
  children: ReactNode;
}

/** Someone chosen from the search, or text typed and entered (a handle or an email), as typed. */
type Chosen = { key: string; label: string; ref: string };

// "Share with…" on the selection: choose people, then share. Private photos become shared with
// them; public ones stay public (the action says so), so sharing never hides a photo from anyone.
export function SharePhotosPanel({ id, count, action, onCancel, children }: SharePhotosPanelProps) {
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const addChosen = (next: Chosen) =>
    setChosen((current) => (current.some((c) => c.key === next.key) ? current : [...current, next]));
  const what = count === 1 ? "the selected photo" : `the ${count} selected photos`;

  return (
    <form
      id={id}
      action={action}
      role="group"
      aria-labelledby={`${id}-heading`}
      data-testid="share-photos-panel"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || event.defaultPrevented) return;
        event.preventDefault();
        onCancel();
      }}
      className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-4"
    >
      {children}
      {chosen.map((c) => (
        <input key={c.key} type="hidden" name="people" value={c.ref} />
      ))}
      <p id={`${id}-heading`} className="text-sm text-foreground">
        Share {what} with people you choose. Private photos become shared with them; public photos stay
        public.
      </p>
      <PeopleCombobox
        label="Share with"
        exclude={chosen.map((c) => c.key)}
        onPick={(person: Person) =>
          addChosen({
            key: person.handle,
            label: `${person.displayName} (@${person.handle})`,
            ref: person.handle,
          })
        }
        onSubmitText={(text) => addChosen({ key: text.toLowerCase(), label: text, ref: text })}
        data-testid="share-photos-people"
      />
      {chosen.length > 0 ? (
        <ul aria-label="Chosen people" className="flex flex-wrap gap-2">
          {chosen.map((c) => (
            <li
              key={c.key}
              className="inline-flex items-center gap-1 rounded-full border border-border bg-surface-muted py-0.5 pr-1 pl-3 text-sm"
            >
              {c.label}
              <button
                type="button"
                onClick={() => setChosen((current) => current.filter((x) => x.key !== c.key))}
                aria-label={`Don't share with ${c.label}`}
                className="inline-flex size-6 items-center justify-center rounded-full text-muted hover:bg-surface hover:text-foreground"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton size="sm" pendingLabel="Sharing…" data-testid="share-photos-submit">
          Share
        </SubmitButton>
        <button type="button" onClick={onCancel} className={buttonClasses("secondary", "sm")}>
          Cancel
        </button>
      </div>
    </form>
  );
}
