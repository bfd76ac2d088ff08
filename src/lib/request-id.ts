// The request id: taken from an incoming X-Request-Id (a proxy or load balancer's) when it is a
// plain token, otherwise made here; sent back on the response and written in every log line.
export const REQUEST_ID_HEADER = "x-request-id";

// Letters, digits and . _ : = - only, so a client cannot forge log structure or inject headers.
const ACCEPTED = /^[A-Za-z0-9._:=-]{8,128}$/;

export function acceptRequestId(incoming: string | null | undefined): string {
  return incoming && ACCEPTED.test(incoming) ? incoming : crypto.randomUUID();
}
