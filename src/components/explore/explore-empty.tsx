import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";
import { PhotoIcon } from "@/components/ui/photo-icon";

// The explore feed before anyone has shared a public photo.
export function ExploreEmpty({
  signedIn,
  headingLevel = "h2",
}: {
  signedIn: boolean;
  headingLevel?: "h1" | "h2" | "h3";
}) {
  return (
    <EmptyState
      as={headingLevel}
      icon={<PhotoIcon />}
      title="No photos yet"
      actions={
        signedIn ? (
          <Link href="/upload" className={buttonClasses("primary", "md")}>
            Upload your first photo
          </Link>
        ) : (
          <Link href="/sign-up" className={buttonClasses("primary", "md")}>
            Sign up
          </Link>
        )
      }
    >
      {signedIn ? (
        <p>Be the first to share something. Public photos show up here for everyone to enjoy.</p>
      ) : (
        <p>Nobody has shared a public photo yet. Create an account and yours could be the first one here.</p>
      )}
    </EmptyState>
  );
}
