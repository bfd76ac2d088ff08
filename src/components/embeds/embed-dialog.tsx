"use client";

import { useEffect, useId, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button-styles";

interface EmbedDialogProps {
  html: string;
  what: "photo" | "album";
  onClose: () => void;
}

/**
 * The embed code in a native modal <dialog>: focus moves in and stays, Esc closes it. The code is
 * selected on open so Ctrl+C works at once; "Copy" uses the clipboard where the browser allows it.
 */
export function EmbedDialog({ html, what, onClose }: EmbedDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const codeRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    dialog.showModal();
    codeRef.current?.select();
    return () => dialog.close();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(html);
      setCopied("yes");
    } catch {
      // No clipboard permission (or no secure context): the code is selected for Ctrl+C instead.
      codeRef.current?.select();
      setCopied("no");
    }
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-hint`}
      onClose={onClose}
      data-testid="embed-dialog"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-2xl bg-surface p-0 text-foreground shadow-2xl backdrop:bg-black/60"
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Embed this {what}
        </h2>
        <p id={`${id}-hint`} className="text-sm text-muted">
          Paste this HTML into a blog or web page: the image links back here, with the credit and the license.
        </p>
        <label htmlFor={`${id}-code`} className="sr-only">
          Embed code
        </label>
        <textarea
          ref={codeRef}
          id={`${id}-code`}
          readOnly
          rows={6}
          value={html}
          data-testid="embed-code"
          className="rounded-lg border border-border-strong bg-surface-muted px-3 py-2 font-mono text-xs text-foreground"
        />
        <p role="status" className="text-sm text-muted">
          {copied === "yes"
            ? "Copied."
            : copied === "no"
              ? "Press Ctrl+C (⌘C) to copy the selected code."
              : ""}
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={() => void copy()} className={buttonClasses("secondary", "sm")}>
            Copy
          </button>
          <button
            type="button"
            onClick={() => dialogRef.current?.close()}
            className={buttonClasses("primary", "sm")}
            data-testid="embed-close"
          >
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}
