"use client";

import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button-styles";

// The dialog's code loads on the first click, so the page's own JavaScript does not grow.
const EmbedDialog = dynamic(() => import("./embed-dialog").then((m) => m.EmbedDialog), { ssr: false });

/** "Embed" for a public photo or album: opens a dialog with the HTML to paste into a blog. */
export function EmbedButton({ html, what }: { html: string; what: "photo" | "album" }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <div>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        className={buttonClasses("secondary", "sm")}
        data-testid="embed-button"
      >
        Embed
      </button>
      {open ? (
        <EmbedDialog
          html={html}
          what={what}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
