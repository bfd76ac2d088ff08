import { apiJson, apiRoute } from "@/server/api/api-route";
import { getMe } from "@/server/api/operations";
import { me } from "@/server/api/schemas";
import { getPerson } from "@/server/data/get-person";
import { AppError } from "@/server/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute(getMe, async ({ caller }) => {
  if (caller.kind !== "token") throw new AppError("unauthorized", "Send a personal access token");
  const person = await getPerson(caller.viewer, caller.user.handle);
  if (!person) throw new AppError("not_found", "No such person");
  return apiJson(me, {
    id: caller.user.id,
    handle: caller.user.handle,
    display_name: caller.user.displayName,
    email: caller.user.email,
    bio: caller.user.bio,
    created_at: caller.user.createdAt.toISOString(),
    photo_count: person.photoCount,
    album_count: person.albumCount,
    token: { name: caller.token.name, scopes: caller.token.scopes },
  });
});
