import { signOutEverywhereAction } from "@/server/actions/sign-out-everywhere";
import { SubmitButton } from "@/components/ui/submit-button";

// Ends with this browser too, so it is styled as the one dangerous action on the page.
export function SignOutEverywhereForm() {
  return (
    <form
      action={signOutEverywhereAction}
      className="flex flex-col gap-3 rounded-xl border border-danger/40 bg-danger-soft p-4 sm:flex-row sm:items-center sm:justify-between"
    >
      <p id="sign-out-everywhere-help" className="text-sm text-foreground">
        Signs out every browser and app, including this one.
      </p>
      <SubmitButton
        variant="danger"
        pendingLabel="Signing out…"
        aria-describedby="sign-out-everywhere-help"
        data-testid="sign-out-everywhere"
        className="self-start sm:self-auto"
      >
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
