import "server-only";

export const SITE_NAME = "Pinhole";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailContent {
  to: string;
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** The one thing to do, as a link. */
  action?: { label: string; url: string };
  /** Why this person got this mail: every mail says so. */
  reason: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A mail in plain text and HTML, naming the site and saying why it was sent. */
export function composeMail(content: MailContent): Mail {
  const { action } = content;
  const footer = `${content.reason} — ${SITE_NAME}`;
  const text = [
    ...content.paragraphs,
    ...(action ? [`${action.label}: ${action.url}`] : []),
    "--",
    footer,
  ].join("\n\n");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">`,
    `<p style="font-weight:600">${SITE_NAME}</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    action ? `<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>` : "",
    `<hr><p style="font-size:12px;color:#666">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { to: content.to, subject: `${content.subject} — ${SITE_NAME}`, text, html };
}
