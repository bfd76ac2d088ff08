"use client";

import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-styles";
import { Spinner } from "./spinner";

interface SubmitButtonProps {
  children: ReactNode;
  /** Shown while the surrounding form's action runs. */
  pendingLabel?: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  /** Forces the pending look when the form tracks its own state (useActionState's isPending). */
  pending?: boolean;
  /** Use className as the whole style (e.g. a menu item) instead of the button look. */
  unstyled?: boolean;
  "aria-describedby"?: string;
  "data-testid"?: string;
}

// Reads the enclosing <form>'s status so every server-action button can show progress and
// can't be double-submitted, without each form wiring up its own state.
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  size = "md",
  className = "",
  pending: forcedPending = false,
  unstyled = false,
  ...rest
}: SubmitButtonProps) {
  const { pending: formPending } = useFormStatus();
  const pending = forcedPending || formPending;

  return (
    <button
      type="submit"
      // aria-disabled (not disabled) keeps the button focusable so screen readers hear the new label.
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={unstyled ? className : buttonClasses(variant, size, className)}
      {...rest}
    >
      {pending ? (
        <>
          <Spinner />
          {pendingLabel ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}
