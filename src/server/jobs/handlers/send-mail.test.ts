// The send-mail job through SMTP_URL: a real SMTP server (smtp-server, in this process) that wants
// the URL's credentials receives both parts of the mail from MAIL_FROM; with the server gone the job
// throws, so the queue retries it (the request that queued it finished long ago).
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";

const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  disabledCommands: ["STARTTLS"],
  allowInsecureAuth: true,
  onAuth(auth, _session, callback) {
    if (auth.username === "mailer" && auth.password === "s3cret") callback(null, { user: "mailer" });
    else callback(new Error("Invalid username or password"));
  },
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const { port } = smtp.server.address() as AddressInfo;
process.env.SMTP_URL = `smtp://mailer:s3cret@127.0.0.1:${port}`;
process.env.MAIL_FROM = "Pinhole tests <tests@pinhole.test>";
const { sendMail } = await import("./send-mail");
const { composeMail } = await import("@/server/mail/compose-mail");

let closed = false;
afterAll(async () => {
  if (!closed) await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("send-mail through SMTP_URL", () => {
  it("delivers the plain-text and HTML parts from MAIL_FROM, naming the site and the reason", async () => {
    const mail = composeMail({
      to: "ana@example.test",
      subject: "Hello <there>",
      paragraphs: ["First & foremost."],
      action: { label: "Open", url: "http://pinhole.test/x?a=1&b=2" },
      reason: "You received this because of a test.",
    });
    await sendMail({ mail });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.subject).toBe("Hello <there> — Pinhole");
    expect(got?.from?.text).toBe('"Pinhole tests" <tests@pinhole.test>');
    expect(got?.text).toContain("Open: http://pinhole.test/x?a=1&b=2");
    expect(got?.text).toContain("You received this because of a test. — Pinhole");
    // The HTML part escapes what it quotes.
    expect(got?.html).toContain("First &#38; foremost.");
    expect(got?.html).toContain('href="http://pinhole.test/x?a=1&#38;b=2"');
  });

  it("throws when the mail server is down, so the job is retried", async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    closed = true;
    const mail = composeMail({ to: "ben@example.test", subject: "Hi", paragraphs: ["x"], reason: "test" });
    await expect(sendMail({ mail })).rejects.toThrow();
  });

  it("refuses a job without a mail as bad input (not retried)", async () => {
    await expect(sendMail({})).rejects.toMatchObject({ code: "bad_request" });
  });
});
