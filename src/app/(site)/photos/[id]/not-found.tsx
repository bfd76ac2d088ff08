import { NotFoundMessage } from "@/components/layout/not-found-message";

// The same words whether the photo never existed, was deleted, or is someone else's private photo.
export default function PhotoNotFound() {
  return (
    <NotFoundMessage testId="photo-not-found" title="This photo isn’t here">
      The link may be mistyped, or the photo may have gone private or been deleted.
    </NotFoundMessage>
  );
}
