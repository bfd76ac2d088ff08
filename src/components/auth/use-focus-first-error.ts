"use client";

import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/form-state";

/**
 * After a failed submit, moves focus to the first field with an error so keyboard and
 * screen-reader users land right where the fix is needed. `order` must be a stable array.
 */
export function useFocusFirstError<Field extends string>(state: FormState<Field>, order: readonly Field[]) {
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const first = order.find((field) => state.fieldErrors?.[field]);
    if (!first) return;
    const input = formRef.current?.elements.namedItem(first);
    if (input instanceof HTMLElement) input.focus();
  }, [state, order]);

  return formRef;
}
