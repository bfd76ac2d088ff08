import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors/app-error";
import { logger } from "@/server/log/logger";
import type { Mail } from "@/server/mail/compose-mail";

const mailSchema = z.object({
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
});

let transport: Transporter | undefined;

function smtp(url: string): Transporter {
  // nodemailer reads smtp:// or smtps:// with credentials from the URL; one transport per process.
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/**
 * Delivers one queued mail: through SMTP_URL when set; otherwise into the local outbox that
 * /dev/mail shows. A failed SMTP send throws, and the job queue retries it.
 */
export async function sendMail(payload: unknown): Promise<void> {
  const parsed = mailSchema.safeParse((payload as { mail?: unknown } | null)?.mail);
  if (!parsed.success) throw new AppError("bad_request", "a send-mail job without a mail");
  const mail: Mail = parsed.data;
  const config = env();
  if (config.SMTP_URL) {
    await smtp(config.SMTP_URL).sendMail({ from: config.MAIL_FROM, ...mail });
    return;
  }
  await db().outboxMail.create({
    data: { recipient: mail.to.toLowerCase(), subject: mail.subject, text: mail.text, html: mail.html },
  });
  logger().info(
    { component: "mail", to: mail.to, subject: mail.subject },
    "no SMTP_URL: mail kept in the local outbox (read it at /dev/mail)",
  );
}
