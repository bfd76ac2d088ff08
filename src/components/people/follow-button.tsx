"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setFollowAction } from "@/server/actions/follows/set-follow";
import { buttonClasses } from "@/components/ui/button-styles";

// The signed-in viewer's Follow/Following toggle. The initial state comes from the server render of
// the person's page (never from a request of its own); a refresh afterwards brings the counts along.
export function FollowButton({
  handle,
  displayName,
  initialFollowing,
}: {
  handle: string;
  displayName: string;
  initialFollowing: boolean;
}) {
  const router = useRouter();
  const [following, setFollowing] = useState(initialFollowing);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle() {
    const next = !following;
    setError(null);
    startTransition(async () => {
      const result = await setFollowAction({ handle, follow: next });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setFollowing(result.following);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        className={buttonClasses(following ? "secondary" : "primary", "md")}
      >
        {following ? "Following" : "Follow"}
        <span className="sr-only"> {displayName}</span>
      </button>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
