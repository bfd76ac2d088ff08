import { signInWithProviderAction } from "@/server/actions/sign-in-with-provider";
import { SubmitButton } from "@/components/ui/submit-button";

interface ProviderButtonsProps {
  providers: { id: string; name: string }[];
  callbackUrl?: string;
}

// One small form per provider so each works without JavaScript. Renders nothing when the site
// has no OAuth/OIDC providers configured.
export function ProviderButtons({ providers, callbackUrl }: ProviderButtonsProps) {
  if (providers.length === 0) return null;

  return (
    <div className="flex flex-col gap-6">
      <ul className="flex flex-col gap-2.5">
        {providers.map((provider) => (
          <li key={provider.id}>
            <form action={signInWithProviderAction}>
              <input type="hidden" name="provider" value={provider.id} />
              {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
              <SubmitButton
                variant="secondary"
                size="lg"
                className="w-full"
                pendingLabel={`Opening ${provider.name}…`}
              >
                Continue with {provider.name}
              </SubmitButton>
            </form>
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3 text-xs text-muted" role="separator" aria-label="or">
        <span className="h-px flex-1 bg-border" />
        <span aria-hidden="true">or use your email</span>
        <span className="h-px flex-1 bg-border" />
      </div>
    </div>
  );
}
