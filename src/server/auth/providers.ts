import "server-only";
import { env } from "@/env";

export interface OAuthProviderInfo {
  id: string;
  name: string;
}

/** OAuth/OIDC providers configured through the environment (none by default). */
export function configuredProviders(): OAuthProviderInfo[] {
  const config = env();
  const list: OAuthProviderInfo[] = [];
  if (config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_ID && config.AUTH_OIDC_SECRET) {
    list.push({ id: "oidc", name: config.AUTH_OIDC_NAME });
  }
  return list;
}
