"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { setFavoriteAction } from "@/server/actions/favorites/set-favorite";

interface FavoriteState {
  favorited: boolean;
  count: number;
}

function Heart({ filled }: { filled: boolean }) {
  return (
    <svg
      viewBox="0 0 20 20"
      aria-hidden="true"
      className="size-5"
      fill={filled ? "currentColor" : "none"}
      stroke="currentColor"
      strokeWidth={1.6}
    >
      <path d="M10 17s-6.5-4.1-6.5-8.6A3.6 3.6 0 0 1 10 6a3.6 3.6 0 0 1 6.5 2.4C16.5 12.9 10 17 10 17Z" />
    </svg>
  );
}

/**
 * The heart: toggles at once (optimistically) and rolls back with a message if the server refuses.
 * Without a signed-in user it shows the count and a way to sign in.
 */
export function FavoriteButton({
  photoId,
  initial,
  signedIn,
}: {
  photoId: string;
  initial: FavoriteState;
  signedIn: boolean;
}) {
  const queryClient = useQueryClient();
  const key = ["favorite", photoId];
  const [error, setError] = useState<string | null>(null);
  const { data = initial } = useQuery({
    queryKey: key,
    queryFn: () => initial,
    initialData: initial,
    staleTime: Infinity,
  });
  const mutation = useMutation({
    mutationFn: async (favorited: boolean) => {
      const result = await setFavoriteAction({ photoId, favorited });
      if (!result.ok) throw new Error(result.error);
      return result;
    },
    onMutate: async (favorited) => {
      setError(null);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<FavoriteState>(key) ?? initial;
      queryClient.setQueryData<FavoriteState>(key, {
        favorited,
        count: Math.max(previous.count + (favorited === previous.favorited ? 0 : favorited ? 1 : -1), 0),
      });
      return { previous };
    },
    onError: (err, _favorited, context) => {
      if (context) queryClient.setQueryData(key, context.previous);
      setError(err instanceof Error ? err.message : "Could not save your favorite. Try again.");
    },
    onSuccess: (result) => {
      queryClient.setQueryData<FavoriteState>(key, { favorited: result.favorited, count: result.count });
    },
  });

  const countLabel = `${data.count} ${data.count === 1 ? "favorite" : "favorites"}`;
  if (!signedIn) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted" data-testid="favorite-count">
        <Heart filled={false} /> {countLabel} ·{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/photos/${photoId}`)}`} className="underline">
          Sign in to favorite
        </Link>
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        aria-pressed={data.favorited}
        onClick={() => mutation.mutate(!data.favorited)}
        className={`inline-flex w-fit items-center gap-2 rounded-full border px-3.5 py-1.5 text-sm font-medium transition-colors ${
          data.favorited
            ? "border-danger/50 bg-danger-soft text-danger"
            : "border-border-strong text-foreground hover:bg-surface-muted"
        }`}
        data-testid="favorite-button"
      >
        <Heart filled={data.favorited} />
        <span>Favorite</span>
        <span aria-hidden="true">·</span>
        <span data-testid="favorite-count">{countLabel}</span>
      </button>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
