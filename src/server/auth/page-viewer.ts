import "server-only";
import { type CurrentUser, getCurrentUser } from "./current-user";

type SearchParams = Record<string, string | string[] | undefined>;

/** `?as=visitor`: the owner asks to see a page exactly as an anonymous visitor would. */
export function asVisitor(searchParams: SearchParams): boolean {
  const value = searchParams.as;
  return (Array.isArray(value) ? value[0] : value) === "visitor";
}

/**
 * Who a page renders for: the signed-in person, or nobody when they asked for the visitor's view.
 * The preview can only take access away (null is the least any request has), never grant any, so
 * honouring it needs no check of its own.
 */
export async function pageViewer(visitor: boolean): Promise<CurrentUser | null> {
  return visitor ? null : getCurrentUser();
}
