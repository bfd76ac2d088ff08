"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { Person } from "@/lib/access";
import { Avatar } from "@/components/ui/avatar";
import { Spinner } from "@/components/ui/spinner";
import { usePeopleSearch } from "./use-people-search";

interface PeopleComboboxProps {
  label: string;
  /** Handles not to offer (already chosen). */
  exclude?: readonly string[];
  /** A person chosen from the list. */
  onPick: (person: Person) => void;
  /** Enter on text that no current result answers: a full handle or email, resolved by the server. */
  onSubmitText: (text: string) => void;
  disabled?: boolean;
  "data-testid"?: string;
}

/**
 * Search as you type for someone to share with: the ARIA combobox pattern, a text input that owns a
 * listbox. Focus stays in the input; aria-activedescendant names the highlighted option. Down and Up
 * move through the results (opening the list), Enter picks the highlighted one, Escape closes the
 * list and then clears the text. The first result is highlighted as soon as the results answer
 * what is typed; results for an earlier text are shown but never picked by Enter.
 */
export function PeopleCombobox({
  label,
  exclude = [],
  onPick,
  onSubmitText,
  disabled,
  "data-testid": testId,
}: PeopleComboboxProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [activeHandle, setActiveHandle] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const search = usePeopleSearch(text);
  const options = search.people.filter((p) => !exclude.includes(p.handle));
  const showList = open && options.length > 0;
  const found = options.findIndex((p) => p.handle === activeHandle);
  const active = showList ? (found >= 0 ? found : search.current ? 0 : -1) : -1;
  const activePerson = active >= 0 ? options[active] : undefined;
  const optionId = (person: Person) => `${id}-option-${person.handle}`;

  function choose(person: Person) {
    setText("");
    setOpen(false);
    setActiveHandle(null);
    onPick(person);
    inputRef.current?.focus();
  }

  function move(step: 1 | -1) {
    if (!open) setOpen(true);
    if (options.length === 0) return;
    const next =
      active < 0 ? (step === 1 ? 0 : options.length - 1) : (active + step + options.length) % options.length;
    setActiveHandle(options[next]!.handle);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        // Never submits a surrounding form: Enter here means "add this person".
        event.preventDefault();
        // `active` is only ever an option the person moved to, or the first of current results.
        if (activePerson) choose(activePerson);
        else if (text.trim()) {
          onSubmitText(text.trim());
          setText("");
          setOpen(false);
        }
        break;
      case "Escape":
        if (showList) {
          event.preventDefault();
          setOpen(false);
        } else if (text) {
          event.preventDefault();
          setText("");
        }
        break;
    }
  }

  const trimmed = text.trim();
  let status = "";
  if (trimmed && search.current && options.length === 0) status = "No one found. Check the handle or email.";
  else if (trimmed && search.failed)
    status = "Search is not answering. Type a full handle or email and press Enter.";
  else if (showList && search.current)
    status = `${options.length} ${options.length === 1 ? "person" : "people"} found.`;

  return (
    <div className="flex flex-col gap-1.5" data-testid={testId}>
      <label htmlFor={inputId} className="text-sm font-medium text-foreground">
        {label}
      </label>
      <div className="relative">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activePerson ? optionId(activePerson) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          value={text}
          placeholder="Name, @handle or email"
          onChange={(event) => {
            setText(event.currentTarget.value);
            setActiveHandle(null);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          className="h-10 w-full rounded-lg border border-border-strong bg-surface px-3 pr-9 text-sm text-foreground placeholder:text-muted focus-visible:outline-2 focus-visible:outline-offset-0 disabled:opacity-60"
        />
        {trimmed && search.loading ? (
          <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-muted">
            <Spinner className="size-4" />
          </span>
        ) : null}
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label}: results`}
          hidden={!showList}
          className="absolute top-full right-0 left-0 z-30 mt-1 max-h-72 overflow-auto rounded-lg border border-border bg-surface p-1 shadow-lg"
        >
          {options.map((person, index) => (
            <li
              key={person.handle}
              id={optionId(person)}
              role="option"
              aria-selected={index === active}
              // Keeps focus (and the list) in place until the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(person)}
              onMouseMove={() => setActiveHandle(person.handle)}
              className={`flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm ${
                index === active ? "bg-accent-soft text-foreground" : "text-foreground"
              }`}
            >
              <Avatar name={person.displayName} className="size-6 text-xs" />
              <span className="min-w-0 truncate font-medium">{person.displayName}</span>
              <span className="min-w-0 truncate text-muted">@{person.handle}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id={hintId} className="text-xs text-muted">
        Type to search; arrows to choose, Enter to add.
      </p>
      <p role="status" className={status && !showList ? "text-xs text-muted" : "sr-only"}>
        {status}
      </p>
    </div>
  );
}
