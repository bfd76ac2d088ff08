export interface Notice {
  error: boolean;
  text: string;
}

// The outcome of an in-page action: successes in a live status region (kept in the page, so screen
// readers announce changes), failures as an alert.
export function ActionNotice({
  notice,
  successClassName = "text-muted",
}: {
  notice: Notice | null;
  successClassName?: string;
}) {
  return (
    <>
      <p role="status" className={notice && !notice.error ? successClassName : "sr-only"}>
        {notice && !notice.error ? notice.text : ""}
      </p>
      {notice?.error ? (
        <p role="alert" className="text-danger">
          {notice.text}
        </p>
      ) : null}
    </>
  );
}
