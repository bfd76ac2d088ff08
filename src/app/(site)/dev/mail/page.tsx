import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/server/auth/current-user";
import { listOutboxMail } from "@/server/data/accounts/list-outbox-mail";

export const metadata: Metadata = {
  title: "Outbox",
  robots: { index: false },
};

/** Development only: the mail kept instead of sent while no SMTP_URL is set. */
export default async function OutboxPage() {
  const mails = await listOutboxMail(await getCurrentUser());
  if (!mails) notFound();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight text-foreground">Outbox</h1>
      <p className="mt-1 text-muted">
        No SMTP_URL is set, so mail is kept here instead of sent (the newest 50 you may read).
      </p>
      {mails.length === 0 ? <p className="mt-8 text-muted">No mail yet.</p> : null}
      <ol className="mt-8 flex flex-col gap-4">
        {mails.map((mail) => (
          <li key={mail.id} className="rounded-2xl border border-border bg-surface p-5">
            <p className="text-sm text-muted">
              To {mail.recipient} · {mail.createdAt.toISOString()}
            </p>
            <h2 className="mt-1 font-semibold text-foreground">{mail.subject}</h2>
            {/* Plain text only: links stay copyable and nothing in a mail runs here. */}
            <pre className="mt-3 text-sm break-words whitespace-pre-wrap text-foreground">{mail.text}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
