import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { env } from "@/env";
import { getCurrentUser } from "@/server/auth/current-user";
import { listOwnAlbums } from "@/server/data/list-own-albums";
import { getDefaultVisibility } from "@/server/data/settings/default-visibility";
import { UploadWorkspace } from "@/components/upload/upload-workspace";

export const metadata: Metadata = {
  title: "Upload photos",
};

export default async function UploadPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/upload");

  const [albums, defaultVisibility] = await Promise.all([listOwnAlbums(user), getDefaultVisibility(user)]);

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Upload photos</h1>
      <p className="mt-1 text-muted">
        Add as many as you like. They go up one at a time, and you can keep browsing while they do.
      </p>
      <div className="mt-8">
        <UploadWorkspace
          // Only plain fields cross to the client.
          albums={albums.map(({ id, title, isDefault, visibility }) => ({
            id,
            title,
            isDefault,
            visibility,
          }))}
          defaultVisibility={defaultVisibility}
          maxBytes={env().UPLOAD_MAX_BYTES}
        />
      </div>
    </div>
  );
}
